package dev.metatune.train;

import dev.metatune.learner.MetaLearner;
import dev.metatune.learner.StepResult;
import dev.metatune.task.Episode;
import dev.metatune.task.EpisodeSource;
import dev.metatune.task.PrefetchingEpisodes;
import dev.metatune.train.checkpoint.StepHook;
import dev.metatune.train.checkpoint.TrainerPosition;
import java.util.ArrayList;
import java.util.List;

/**
 * Meta-trains a learner for a number of steps. Step s (0-based) consumes training episodes
 * {@code first + s*B .. first + (s+1)*B - 1}, B being the learner's meta-batch, so a run is a pure
 * function of its seeds; episodes are prepared ahead on a background thread. A non-finite loss
 * stops training with a {@link TrainingDivergedException}.
 */
public final class MetaTrainer {

    private static final int TAIL = TrainerPosition.TAIL;

    private final int steps;

    public MetaTrainer(int steps) {
        if (steps < 0) {
            throw new IllegalArgumentException("train_steps must be >= 0, got " + steps);
        }
        this.steps = steps;
    }

    public int steps() {
        return steps;
    }

    /** Trains {@code learner} on episodes of {@code source} from index 0, telling {@code listener} after each step. */
    public TrainingSummary train(MetaLearner learner, EpisodeSource source, TrainingListener listener) {
        return train(learner, source, listener, TrainerPosition.start(), StepHook.NONE);
    }

    /**
     * Trains {@code learner} from {@code from} (its state restored to that position by the caller) up
     * to {@link #steps()}, telling {@code listener} and then {@code hook} after each step. A run resumed
     * so gives exactly the steps, episodes and summary of one that never stopped.
     */
    public TrainingSummary train(MetaLearner learner, EpisodeSource source, TrainingListener listener, TrainerPosition from,
                                 StepHook hook) {
        int batchSize = learner.metaBatchSize();
        if (batchSize < 1) {
            throw new IllegalStateException("a learner's meta-batch must be at least 1, got " + batchSize);
        }
        if (from.step() > steps) {
            throw new IllegalArgumentException("cannot resume at step " + from.step() + " of a " + steps + "-step training");
        }
        if (from.nextEpisode() != (long) from.step() * batchSize) {
            throw new IllegalArgumentException("a position at step " + from.step() + " with meta-batch " + batchSize
                    + " must be at episode " + (long) from.step() * batchSize + ", got " + from.nextEpisode());
        }
        long start = System.nanoTime();
        double[] lossTail = from.lossRing();
        double[] accuracyTail = from.accuracyRing();
        try (PrefetchingEpisodes feed = new PrefetchingEpisodes(source, from.nextEpisode(), 2 * batchSize + 2)) {
            for (int step = from.step(); step < steps; step++) {
                List<Episode> batch = new ArrayList<>(batchSize);
                for (int i = 0; i < batchSize; i++) {
                    batch.add(feed.next());
                }
                StepResult result = learner.metaTrainStep(batch);
                if (!Double.isFinite(result.loss())) {
                    throw new TrainingDivergedException("meta-training loss is " + result.loss() + " at step " + (step + 1)
                            + " of " + steps);
                }
                lossTail[step % TAIL] = result.loss();
                accuracyTail[step % TAIL] = result.accuracy();
                listener.afterStep(step + 1, steps, result);
                hook.afterStep(new TrainerPosition(step + 1, (long) (step + 1) * batchSize, lossTail, accuracyTail,
                        from.seconds() + (System.nanoTime() - start) / 1e9));
            }
        }
        int n = Math.min(steps, TAIL);
        double loss = Double.NaN;
        double accuracy = Double.NaN;
        if (n > 0) {
            loss = 0;
            accuracy = 0;
            for (int i = 0; i < n; i++) {
                loss += lossTail[i];
                accuracy += accuracyTail[i];
            }
            loss /= n;
            accuracy /= n;
        }
        return new TrainingSummary(steps, (long) steps * batchSize, from.seconds() + (System.nanoTime() - start) / 1e9,
                loss, accuracy);
    }
}
