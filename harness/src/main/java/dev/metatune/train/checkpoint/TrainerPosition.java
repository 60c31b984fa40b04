package dev.metatune.train.checkpoint;

import java.util.Arrays;

/**
 * Where meta-training stands after some steps, all that {@code MetaTrainer} needs (besides the
 * learner's own state) to continue exactly as if it had never stopped.
 *
 * @param step         steps finished (0 at the start)
 * @param nextEpisode  index of the next training episode (episodes are a function of seed and index)
 * @param lossRing     query losses of the last steps, indexed by step mod {@link #TAIL}
 *                     ({@link #TAIL} values; slots not reached yet are 0)
 * @param accuracyRing query accuracies, indexed as {@code lossRing}
 * @param seconds      wall-clock seconds of training so far
 */
public record TrainerPosition(int step, long nextEpisode, double[] lossRing, double[] accuracyRing, double seconds) {

    /** Steps the final loss and accuracy of a {@code TrainingSummary} average over. */
    public static final int TAIL = 50;

    /** The start of training. */
    public static TrainerPosition start() {
        return new TrainerPosition(0, 0, new double[TAIL], new double[TAIL], 0);
    }

    public TrainerPosition {
        if (step < 0) {
            throw new IllegalArgumentException("step must be >= 0, got " + step);
        }
        if (nextEpisode < 0) {
            throw new IllegalArgumentException("nextEpisode must be >= 0, got " + nextEpisode);
        }
        if (lossRing.length != TAIL || accuracyRing.length != TAIL) {
            throw new IllegalArgumentException("loss and accuracy rings must hold " + TAIL + " values, got "
                    + lossRing.length + " and " + accuracyRing.length);
        }
        if (!(seconds >= 0)) {
            throw new IllegalArgumentException("seconds must be >= 0, got " + seconds);
        }
        lossRing = lossRing.clone();
        accuracyRing = accuracyRing.clone();
    }

    @Override
    public double[] lossRing() {
        return lossRing.clone();
    }

    @Override
    public double[] accuracyRing() {
        return accuracyRing.clone();
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof TrainerPosition p && step == p.step && nextEpisode == p.nextEpisode
                && Arrays.equals(lossRing, p.lossRing) && Arrays.equals(accuracyRing, p.accuracyRing)
                && Double.compare(seconds, p.seconds) == 0;
    }

    @Override
    public int hashCode() {
        return Arrays.hashCode(lossRing) * 31 + Long.hashCode(nextEpisode) * 17 + step;
    }

    @Override
    public String toString() {
        return "step " + step + ", next episode " + nextEpisode;
    }
}
