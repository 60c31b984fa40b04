package dev.metatune.cli;

import dev.metatune.error.UserInputException;
import dev.metatune.hpo.bench.BenchmarkFunction;
import dev.metatune.hpo.bench.BenchmarkFunctions;
import dev.metatune.hpo.bench.BenchmarkTables;
import dev.metatune.hpo.bench.HpoBenchmark;
import dev.metatune.hpo.bench.OptunaPeer;
import dev.metatune.hpo.SamplerProvider;
import dev.metatune.error.UserInputException;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * {@code metatune hpo-bench}: the HPO engine's benchmark. Median best-value regret of the samplers
 * on Branin, Hartmann-6, a 5-d log-scaled quadratic and a mixed categorical-and-float function
 * over seeded runs, and the time per ask once a study holds many finished trials. With
 * {@code --peer optuna}, Debian's Optuna runs the same functions and seeds in the same run
 * ({@link OptunaPeer}) and its samplers appear beside Metatune's as {@code optuna-NAME}.
 */
@Command(name = "hpo-bench", mixinStandardHelpOptions = true,
        description = "Benchmark the HPO samplers: median regret on test functions, and time per ask.")
final class HpoBenchCommand implements Callable<Integer> {

    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    @Option(names = "--seeds", defaultValue = "30", description = "Seeds per (function, sampler) (default: ${DEFAULT-VALUE}).")
    int seeds;

    @Option(names = "--trials", defaultValue = "50", description = "Trials per run (default: ${DEFAULT-VALUE}).")
    int trials;

    @Option(names = "--samplers", split = ",", description = "Samplers to compare (default: random,sobol,cmaes,tpe,gp).")
    List<String> samplers = new ArrayList<>(HpoBenchmark.REGRET_SAMPLERS);

    @Option(names = "--peer", paramLabel = "optuna",
            description = "Also run this peer on the same functions and seeds; only 'optuna' (Debian's python3-optuna).")
    String peer;

    @Option(names = "--peer-samplers", split = ",",
            description = "The peer's samplers, with their defaults (default: tpe,tpe-multivariate,cmaes).")
    List<String> peerSamplers = new ArrayList<>(OptunaPeer.SAMPLERS);

    @Option(names = "--python", paramLabel = "PATH", defaultValue = "/usr/bin/python3",
            description = "Python with Optuna for --peer optuna (default: ${DEFAULT-VALUE}).")
    Path python;

    @Option(names = "--json", description = "Print one JSON object per (function, sampler) instead of tables.")
    boolean json;

    @Option(names = "--csv", paramLabel = "FILE", description = "Also write the regret table as CSV.")
    Path csv;

    @Option(names = "--ask-trials", defaultValue = "1000",
            description = "Time ask at this many finished trials for every sampler (default: ${DEFAULT-VALUE}; 0 skips;"
                    + " with --json only when --ask-csv is given).")
    int askTrials;

    @Option(names = "--asks", defaultValue = "30", description = "Asks timed per sampler (default: ${DEFAULT-VALUE}).")
    int asks;

    @Option(names = "--ask-csv", paramLabel = "FILE", description = "Also write the ask times as CSV.")
    Path askCsv;

    @Override
    public Integer call() throws IOException {
        if (seeds < 1 || trials < 1) {
            throw new UserInputException("--seeds and --trials must be >= 1, got " + seeds + " and " + trials);
        }
        if (askTrials < 0 || asks < 1) {
            throw new UserInputException("--ask-trials must be >= 0 and --asks >= 1, got " + askTrials + " and " + asks);
        }
        for (String s : samplers) {
            if (SamplerProvider.registry().find(s).isEmpty() || s.equals("grid")) {
                throw new UserInputException("--samplers: '" + s + "' is not a registered sampler other than grid; known: "
                        + SamplerProvider.registry().names());
            }
        }
        if (peer != null && !peer.equals("optuna")) {
            throw new UserInputException("--peer: '" + peer + "' is not a known peer; the only one is 'optuna'");
        }
        for (String s : peerSamplers) {
            if (!OptunaPeer.SAMPLERS.contains(s)) {
                throw new UserInputException("--peer-samplers: '" + s + "' is not one of " + OptunaPeer.SAMPLERS);
            }
        }
        PrintWriter out = spec.commandLine().getOut();
        List<HpoBenchmark.RegretRow> rows = new ArrayList<>(
                HpoBenchmark.regretTable(BenchmarkFunctions.all(), samplers, seeds, trials));
        String peerVersion = null;
        if (peer != null) {
            OptunaPeer.Result r = new OptunaPeer(python).regretTable(BenchmarkFunctions.all(), peerSamplers, seeds, trials);
            rows.addAll(r.rows());
            peerVersion = r.optunaVersion();
        }
        if (json) {
            rows.forEach(r -> out.println(BenchmarkTables.json(r)));
        } else {
            out.printf("Median best-value regret, %d seeds x %d trials (lower is better)%s:%n%n", seeds, trials,
                    peerVersion == null ? "" : "; optuna-* columns: Optuna " + peerVersion + " with its defaults");
            out.println(BenchmarkTables.regretMarkdown(rows));
        }
        if (csv != null) {
            try (Writer w = writer(csv)) {
                BenchmarkTables.writeRegretCsv(rows, w);
            }
        }
        if (askTrials > 0 && (!json || askCsv != null)) {
            BenchmarkFunction f = BenchmarkFunctions.hartmann6();
            List<HpoBenchmark.AskTimeRow> times = new ArrayList<>();
            for (String s : SamplerProvider.registry().names()) {
                if (!HpoBenchmark.SLOW_ASK_SAMPLERS.contains(s)) {
                    times.add(HpoBenchmark.askTime(f, s, askTrials, asks, 0));
                }
            }
            if (!json) {
                out.printf("Time per ask (ask + suggesting 6 parameters), %d finished trials, in memory:%n%n", askTrials);
                out.println(BenchmarkTables.askTimeMarkdown(times));
                out.printf("(not timed: %s, whose model refits at every ask)%n", HpoBenchmark.SLOW_ASK_SAMPLERS);
            }
            if (askCsv != null) {
                try (Writer w = writer(askCsv)) {
                    BenchmarkTables.writeAskTimeCsv(times, w);
                }
            }
        }
        out.flush();
        return 0;
    }

    private static Writer writer(Path file) throws IOException {
        Path parent = file.toAbsolutePath().getParent();
        if (parent != null) {
            Files.createDirectories(parent);
        }
        return Files.newBufferedWriter(file, StandardCharsets.UTF_8);
    }
}
