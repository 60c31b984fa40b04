package dev.metatune.hpo.bench;

import dev.metatune.hpo.Sampler;
import dev.metatune.hpo.SamplerProvider;
import dev.metatune.hpo.Study;
import dev.metatune.hpo.Trial;
import dev.metatune.hpo.sampler.GridSampler;
import dev.metatune.hpo.storage.InMemoryStorage;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;

/**
 * The HPO benchmark: for each (function, sampler), the best value found in {@code trials} trials
 * over seeds 0..seeds-1, as regret against the known minimum (median and quartiles); and the time
 * one {@code ask} (with suggesting every parameter) takes once a study holds many finished trials.
 * Everything runs in memory, seeded, one thread.
 */
public final class HpoBenchmark {

    /** The samplers the regret table compares. */
    public static final List<String> REGRET_SAMPLERS = List.of("random", "sobol", "cmaes", "tpe", "gp");

    /**
     * Samplers left out of the ask-time table: a Gaussian process refits in O(n^3) at every ask,
     * so filling a study with 1000 of its own trials would take hours ({@code gp} caps its model at
     * {@code max_observations} trials instead; its asks take about a second there).
     */
    public static final List<String> SLOW_ASK_SAMPLERS = List.of("gp");

    /** Median and quartiles of the final regret over seeds. */
    public record RegretRow(String function, String sampler, int seeds, int trials, double medianRegret,
            double q25Regret, double q75Regret) {
    }

    /** Time per ask at {@code finishedTrials} finished trials, milliseconds (median and mean of {@code asks}). */
    public record AskTimeRow(String sampler, String function, int finishedTrials, int asks, double medianMillis,
            double meanMillis) {
    }

    private HpoBenchmark() {
    }

    /** The final regret of one seeded run. */
    public static double regret(BenchmarkFunction f, String sampler, long seed, int trials) {
        Study study = Study.builder(new InMemoryStorage(), f.name()).setSampler(sampler(f, sampler, seed)).create();
        study.optimize(f::evaluate, trials);
        return study.bestTrial().orElseThrow().value() - f.minimum();
    }

    private static Sampler sampler(BenchmarkFunction f, String name, long seed) {
        Map<String, Object> options = name.equals("grid")
                ? Map.of("search_space", GridSampler.fromDistributions(f.space(), 4)) : Map.of();
        return SamplerProvider.registry().get(name).create(seed, options);
    }

    /** One row per (function, sampler) in {@link #REGRET_SAMPLERS}. */
    public static List<RegretRow> regretTable(List<BenchmarkFunction> functions, List<String> samplers, int seeds, int trials) {
        if (seeds < 1 || trials < 1) {
            throw new IllegalArgumentException("seeds and trials must be >= 1, got seeds " + seeds + ", trials " + trials);
        }
        List<RegretRow> rows = new ArrayList<>();
        for (BenchmarkFunction f : functions) {
            for (String s : samplers) {
                double[] r = new double[seeds];
                for (int seed = 0; seed < seeds; seed++) {
                    r[seed] = regret(f, s, seed, trials);
                }
                rows.add(row(f.name(), s, trials, r));
            }
        }
        return rows;
    }

    /** The row of one (function, sampler) from its final regrets, one per seed. */
    static RegretRow row(String function, String sampler, int trials, double[] regret) {
        return new RegretRow(function, sampler, regret.length, trials, quantile(regret, 0.5), quantile(regret, 0.25),
                quantile(regret, 0.75));
    }

    /** The q-quantile with linear interpolation (numpy's default). */
    static double quantile(double[] values, double q) {
        double[] v = values.clone();
        Arrays.sort(v);
        double pos = q * (v.length - 1);
        int lo = (int) Math.floor(pos);
        int hi = Math.min(v.length - 1, lo + 1);
        return v[lo] + (pos - lo) * (v[hi] - v[lo]);
    }

    /**
     * Fills a study with {@code finished} trials of the sampler itself on {@code f}, then times
     * {@code asks} further asks (ask plus suggesting every parameter; the told value is untimed).
     */
    public static AskTimeRow askTime(BenchmarkFunction f, String sampler, int finished, int asks, long seed) {
        if (finished < 0 || asks < 1) {
            throw new IllegalArgumentException("finished must be >= 0 and asks >= 1, got " + finished + ", " + asks);
        }
        Study study = Study.builder(new InMemoryStorage(), f.name()).setSampler(sampler(f, sampler, seed)).create();
        if (finished > 0) {
            study.optimize(f::evaluate, finished);
        }
        double[] ms = new double[asks];
        for (int i = 0; i < asks; i++) {
            long t0 = System.nanoTime();
            Trial trial = study.ask();
            f.space().forEach(trial::suggest);
            ms[i] = (System.nanoTime() - t0) / 1e6;
            study.tell(trial, f.evaluate(trial));
        }
        return new AskTimeRow(sampler, f.name(), finished, asks, quantile(ms, 0.5), Arrays.stream(ms).average().orElse(0));
    }
}
