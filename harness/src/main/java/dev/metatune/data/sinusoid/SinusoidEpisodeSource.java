package dev.metatune.data.sinusoid;

import dev.metatune.task.Episode;
import dev.metatune.task.EpisodeSeeds;
import dev.metatune.task.EpisodeSource;
import dev.metatune.task.Examples;
import dev.metatune.task.TaskKind;
import dev.metatune.task.TaskSpec;
import java.util.SplittableRandom;

/**
 * Sinusoid regression tasks as in Finn, Abbeel and Levine, "Model-Agnostic Meta-Learning for Fast
 * Adaptation of Deep Networks" (ICML 2017), section 5.1: each task is y = A sin(x - phase) with
 * amplitude A uniform in [0.1, 5.0], phase uniform in [0, pi], and inputs x uniform in [-5, 5];
 * the support holds K = {@code spec.shots()} points and the query {@code spec.queries()} points.
 */
public final class SinusoidEpisodeSource implements EpisodeSource {

    public static final double MIN_AMPLITUDE = 0.1;
    public static final double MAX_AMPLITUDE = 5.0;
    public static final double MAX_PHASE = Math.PI;
    public static final double MIN_X = -5.0;
    public static final double MAX_X = 5.0;

    private final TaskSpec spec;
    private final long seed;

    public SinusoidEpisodeSource(TaskSpec spec, long seed) {
        if (spec.ways() != 1) {
            throw new IllegalArgumentException("sinusoid tasks are regression tasks: ways must be 1, got " + spec.ways());
        }
        this.spec = spec;
        this.seed = seed;
    }

    @Override
    public TaskSpec spec() {
        return spec;
    }

    @Override
    public TaskKind kind() {
        return TaskKind.REGRESSION;
    }

    @Override
    public int[] exampleShape() {
        return new int[] {1};
    }

    @Override
    public int classCount() {
        return 0;
    }

    /** The task's amplitude and phase. */
    public record Sinusoid(double amplitude, double phase) {
        public double value(double x) {
            return amplitude * Math.sin(x - phase);
        }
    }

    /** The function behind episode {@code index}. */
    public Sinusoid function(long index) {
        SplittableRandom random = EpisodeSeeds.random(seed, index);
        return new Sinusoid(random.nextDouble(MIN_AMPLITUDE, MAX_AMPLITUDE), random.nextDouble(0, MAX_PHASE));
    }

    @Override
    public Episode episode(long index) {
        if (index < 0) {
            throw new IllegalArgumentException("episode index must be non-negative, got " + index);
        }
        SplittableRandom random = EpisodeSeeds.random(seed, index);
        Sinusoid f = new Sinusoid(random.nextDouble(MIN_AMPLITUDE, MAX_AMPLITUDE), random.nextDouble(0, MAX_PHASE));
        return new Episode(index, TaskKind.REGRESSION, spec, points(f, spec.shots(), random),
                points(f, spec.queries(), random), new int[0]);
    }

    private static Examples points(Sinusoid f, int n, SplittableRandom random) {
        float[] x = new float[n];
        float[] y = new float[n];
        for (int i = 0; i < n; i++) {
            double xi = random.nextDouble(MIN_X, MAX_X);
            x[i] = (float) xi;
            y[i] = (float) f.value(xi);
        }
        return Examples.regression(x, new int[] {1}, y);
    }
}
