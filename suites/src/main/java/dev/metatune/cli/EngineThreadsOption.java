package dev.metatune.cli;

import picocli.CommandLine.Option;

/**
 * The picocli mixin for {@code --threads}, shared by the commands that train ({@code run},
 * {@code eval}, {@code bench}). The launcher reads the value before the JVM starts and gives it
 * to PyTorch as its intra-op threads. The thread count is one of the things a run's numbers depend
 * on (README, "Reproducibility"), so the command records what it used.
 */
final class EngineThreadsOption {

    @Option(names = "--threads", description = "PyTorch intra-op threads; maml and fomaml on CPU compute that many tasks"
            + " side by side instead (the launcher applies it; default: all cores).")
    Integer threads;

    /** Refuses a count below 1 as bad input naming the option. */
    void check() {
        if (threads != null) {
            OptionChecks.atLeast("--threads", threads, 1);
        }
    }

    /** The given count, else {@code fallback}. */
    int orElse(int fallback) {
        return threads != null ? threads : fallback;
    }
}
