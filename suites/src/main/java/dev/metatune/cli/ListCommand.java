package dev.metatune.cli;

import dev.metatune.data.DatasetProvider;
import dev.metatune.plugin.Registry;
import dev.metatune.hpo.PrunerProvider;
import dev.metatune.hpo.SamplerProvider;
import dev.metatune.learner.AlgorithmProvider;
import java.io.PrintWriter;
import java.util.concurrent.Callable;
import picocli.CommandLine;
import picocli.CommandLine.Command;

/** {@code metatune list}: the registered algorithms, data sets, samplers and pruners. */
@Command(name = "list", mixinStandardHelpOptions = true,
        description = "Print the registered algorithms, data sets, samplers and pruners.")
final class ListCommand implements Callable<Integer> {

    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    @Override
    public Integer call() {
        PrintWriter out = spec.commandLine().getOut();
        out.println("algorithms:");
        for (AlgorithmProvider p : AlgorithmProvider.registry().all()) {
            out.printf("  %-12s %s%n", p.name(), p.description());
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
}
