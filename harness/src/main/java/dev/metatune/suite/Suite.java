package dev.metatune.suite;

import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

/**
 * A parsed, validated suite: which algorithms to tune on which data sets and settings, with which
 * sampler, pruner, budgets and storage, and how to evaluate the best configurations. Every key and
 * default is documented in {@code suites/SCHEMA.md}; {@link SuiteLoader} builds one from a file.
 *
 * @param name          the suite's name (letters, digits, '.', '_', '-'), used in run folder names
 * @param description   free text, "" when none
 * @param seed          the master seed: samplers (unless they have their own) and episode sets
 * @param datasets      the data sets, each with its settings
 * @param algorithms    the algorithm entries; a label appears at most once per data set
 * @param sampler       the sampler of every study
 * @param pruner        the pruner of every study
 * @param trials        trials per study for entries that search and do not set their own
 * @param budget        the suite-level budget (entries may override parts)
 * @param testEpisodes  meta-test episodes per evaluation (the protocol's 600 by default)
 * @param testQueries   query examples per class in test episodes; 0 for each setting's queries
 * @param seeds         training seeds of the final evaluation
 * @param storage       where studies and trials are kept
 * @param device        {@code cpu}, {@code gpu} or {@code gpuN} as {@code --device} takes them; the command line may override it
 */
public record Suite(String name, String description, long seed, List<DatasetEntry> datasets,
        List<AlgorithmEntry> algorithms, SamplerSpec sampler, PrunerSpec pruner, int trials, Budget budget,
        int testEpisodes, int testQueries, List<Long> seeds, StorageSpec storage, String device) {

    /** Default number of meta-test episodes, as in the evaluation protocol. */
    public static final int DEFAULT_TEST_EPISODES = 600;
    /** Default trials per study. */
    public static final int DEFAULT_TRIALS = 20;

    public Suite {
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(description, "description");
        Objects.requireNonNull(sampler, "sampler");
        Objects.requireNonNull(pruner, "pruner");
        Objects.requireNonNull(budget, "budget");
        Objects.requireNonNull(storage, "storage");
        Objects.requireNonNull(device, "device");
        datasets = List.copyOf(datasets);
        algorithms = List.copyOf(algorithms);
        seeds = List.copyOf(seeds);
        if (datasets.isEmpty() || algorithms.isEmpty() || seeds.isEmpty()) {
            throw new IllegalArgumentException("suite '" + name + "' needs at least one data set, algorithm and seed");
        }
        if (trials < 1 || testEpisodes < 1 || testQueries < 0) {
            throw new IllegalArgumentException("suite '" + name + "': trials and test_episodes must be >= 1 and"
                    + " test_queries >= 0, got " + trials + ", " + testEpisodes + ", " + testQueries);
        }
    }

    /**
     * Every study, in file order: for each algorithm entry, each data set it runs on, each of that
     * data set's settings.
     */
    public List<StudyPlan> studies() {
        List<StudyPlan> out = new ArrayList<>();
        for (AlgorithmEntry a : algorithms) {
            for (DatasetEntry d : datasets) {
                if (a.runsOn(d.name())) {
                    for (Setting s : d.settings()) {
                        out.add(new StudyPlan(a, d, s));
                    }
                }
            }
        }
        return out;
    }

    /** Query examples per class in the test episodes of {@code setting}. */
    public int testQueries(Setting setting) {
        return testQueries > 0 ? testQueries : setting.queries();
    }

    /** SHA-256 (hex) of this suite's canonical form: equal for equal suites, whatever the formatting. */
    public String contentHash() {
        return SuiteHash.sha256(this);
    }
}
