package dev.metatune.cli;

import dev.metatune.data.DatasetProvider;
import dev.metatune.plugin.Registry;
import dev.metatune.hpo.PrunerProvider;
import dev.metatune.hpo.SamplerProvider;
import dev.metatune.learner.AlgorithmProvider;
import dev.metatune.learner.HyperparameterSpec;
import dev.metatune.space.Distribution;
import java.io.PrintWriter;
import java.util.concurrent.Callable;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * {@code metatune list}: the registered algorithms, data sets, samplers and pruners; with
 * {@code --hyperparameters} each algorithm's hyperparameters with their domains, defaults and
 * default search ranges.
 */
@Command(name = "list", mixinStandardHelpOptions = true,
        description = "Print the registered algorithms, data sets, samplers and pruners.")
final class ListCommand implements Callable<Integer> {

    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    @Option(names = "--hyperparameters", description = "Also print each algorithm's hyperparameters: the values each"
            + " may take (its domain), the default and the default search range.")
    boolean hyperparameters;

    @Override
    public Integer call() {
        PrintWriter out = spec.commandLine().getOut();
        out.println("algorithms:");
        for (AlgorithmProvider p : AlgorithmProvider.registry().all()) {
            out.printf("  %-12s %s%n", p.name(), p.description());
            if (hyperparameters) {
                for (HyperparameterSpec h : p.hyperparameters()) {
                    out.printf("      %-24s %s; default %s%s%n", h.name(), h.domain().describe(), h.defaultValue(),
                            h.searchRange() == null ? "" : "; searched as " + show(h.searchRange()));
                }
            }
        }
        out.println("datasets:");
        for (DatasetProvider p : DatasetProvider.registry().all()) {
            out.printf("  %-14s %s%n", p.name(), p.description());
        }
        out.println("samplers:");
        for (SamplerProvider p : SamplerProvider.registry().all()) {
            out.printf("  %-12s %s%n", p.name(), p.description());
        }
        out.println("pruners:");
        for (PrunerProvider p : PrunerProvider.registry().all()) {
            out.printf("  %-12s %s%n", p.name(), p.description());
        }
        out.flush();
        return 0;
    }

    /** A distribution as a suite writes it, e.g. {@code {float: [0.01, 1.0], log: true}}. */
    static String show(Distribution d) {
        if (d instanceof Distribution.FloatRange f) {
            return "{float: [" + f.low() + ", " + f.high() + "]" + (f.log() ? ", log: true" : "")
                    + (f.step() > 0 ? ", step: " + f.step() : "") + "}";
        }
        if (d instanceof Distribution.IntRange r) {
            return "{int: [" + r.low() + ", " + r.high() + "]" + (r.log() ? ", log: true" : "")
                    + (r.step() > 1 ? ", step: " + r.step() : "") + "}";
        }
        return "{choice: " + ((Distribution.Categorical) d).choices() + "}";
    }
}
