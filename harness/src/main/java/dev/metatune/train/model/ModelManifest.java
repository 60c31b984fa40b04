package dev.metatune.train.model;

import dev.metatune.run.Provenance;
import dev.metatune.task.TaskKind;
import dev.metatune.task.TaskSpec;
import dev.metatune.train.checkpoint.CheckpointKey;
import java.util.Objects;

/**
 * What a saved model is: everything needed to rebuild its learner and to say where it came from.
 *
 * @param key        algorithm, every hyperparameter, training data set, example shape, training
 *                   episodes, training classes and seed
 * @param kind       classification or regression
 * @param input      how its inputs were prepared
 * @param trainSplit the split it was meta-trained on
 * @param setting    the setting it was trained for (ways, shots, queries of the test episodes)
 * @param trainSteps meta-training steps taken (the training budget)
 * @param provenance commit, versions, device, suite name and hash (empty outside a run), seeds
 */
public record ModelManifest(CheckpointKey key, TaskKind kind, InputTransform input, String trainSplit, TaskSpec setting,
                            int trainSteps, Provenance provenance) {

    public ModelManifest {
        Objects.requireNonNull(key, "key");
        Objects.requireNonNull(kind, "kind");
        Objects.requireNonNull(input, "input");
        Objects.requireNonNull(trainSplit, "trainSplit");
        Objects.requireNonNull(setting, "setting");
        Objects.requireNonNull(provenance, "provenance");
        if (trainSteps < 0) {
            throw new IllegalArgumentException("trainSteps must be >= 0, got " + trainSteps);
        }
    }
}
