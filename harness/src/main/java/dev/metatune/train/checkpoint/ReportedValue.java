package dev.metatune.train.checkpoint;

import java.util.Arrays;

/**
 * An intermediate value a tuning trial reported (its learning curve), kept in its checkpoint so that
 * a resumed trial re-reports the steps before the checkpoint once and then continues: the curve has
 * no gap and no repeated step.
 *
 * @param step       the training step it was measured at
 * @param value      the validation score
 * @param perEpisode the per-episode scores behind it
 */
public record ReportedValue(long step, double value, double[] perEpisode) {

    public ReportedValue {
        if (step < 0) {
            throw new IllegalArgumentException("step must be >= 0, got " + step);
        }
        perEpisode = perEpisode.clone();
    }

    @Override
    public double[] perEpisode() {
        return perEpisode.clone();
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof ReportedValue r && step == r.step && Double.compare(value, r.value) == 0
                && Arrays.equals(perEpisode, r.perEpisode);
    }

    @Override
    public int hashCode() {
        return Long.hashCode(step) * 31 + Double.hashCode(value);
    }
}
