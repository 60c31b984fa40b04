package dev.metatune.algorithms.finetune;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.metatune.algorithms.baseline.FineTunedModel;
import dev.metatune.algorithms.testing.HarderSyntheticTasks;
import dev.metatune.algorithms.testing.SyntheticTasks;
import dev.metatune.algorithms.training.NamedParameter;
import dev.metatune.learner.Hyperparameters;
import dev.metatune.learner.LearnerState;
import dev.metatune.learner.MetaLearner;
import dev.metatune.task.EpisodeSource;
import dev.metatune.task.Examples;
import dev.metatune.task.TaskSpec;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * {@code finetune}: fine-tuning lowers the support loss and updates exactly the layers {@code freeze}
 * leaves trainable, on a copy (the pretrained network never changes in adaptation); pretraining beats
 * no pretraining on held-out classes.
 */
class FinetuneLearnerTest {

    private static final TaskSpec SPEC = new TaskSpec(5, 1, 4);
    private static final TaskSpec PRETRAIN = new TaskSpec(8, 1, 1);

    private static FinetuneLearner learner(String freeze, int steps, long seed) {
        Map<String, Object> values = new HashMap<>(Map.of("filters", 16, "finetune_steps", steps, "freeze", freeze));
        return (FinetuneLearner) new FinetuneProvider().create(Hyperparameters.of(values),
                SyntheticTasks.context(PRETRAIN, SPEC, seed));
    }

    @Test
    void fineTuningLowersTheSupportLossAndUpdatesOnlyTheUnfrozenLayersOfACopy() {
        Examples support = HarderSyntheticTasks.test(SPEC, 3).episode(0).support();
        for (Freeze freeze : Freeze.values()) {
            try (FinetuneLearner learner = learner(freeze.label(), 10, 4)) {
                SyntheticTasks.train(learner, HarderSyntheticTasks.train(PRETRAIN, 1), 5);
                LearnerState before = learner.saveState();
                try (FineTunedModel model = (FineTunedModel) learner.adapt(support)) {
                    assertTrue(model.finalSupportLoss() < model.initialSupportLoss(), freeze + ": support loss "
                            + model.initialSupportLoss() + " -> " + model.finalSupportLoss());
                    List<NamedParameter> original = learner.backbone().parameters();
                    List<NamedParameter> tuned = model.backbone().parameters();
                    for (int i = 0; i < original.size(); i++) {
                        String name = original.get(i).name();
                        boolean trained = freeze == Freeze.NONE
                                || (freeze == Freeze.BACKBONE_EXCEPT_LAST && name.startsWith("block3."));
                        float[] a = original.get(i).array().toFloatArray();
                        float[] b = tuned.get(i).array().toFloatArray();
                        if (trained) {
                            assertFalse(java.util.Arrays.equals(a, b), freeze + ": " + name + " was not fine-tuned");
                        } else {
                            assertArrayEquals(a, b, 0f, freeze + ": frozen " + name + " changed");
                        }
                    }
                }
                assertEquals(before, learner.saveState(), freeze + ": adaptation changed the pretrained network");
            }
        }
    }

    @Test
    void dampeningShortensTheFineTuningStepsAndBadValuesAreRefused() {
        Examples support = HarderSyntheticTasks.test(SPEC, 3).episode(0).support();
        double[] moved = new double[2];
        double[] dampenings = {0.0, 0.9};
        for (int k = 0; k < 2; k++) {
            Map<String, Object> values = new HashMap<>(Map.of("filters", 16, "finetune_steps", 10, "freeze", "none",
                    "finetune_dampening", dampenings[k], "finetune_weight_decay", 0.0));
            try (FinetuneLearner learner = (FinetuneLearner) new FinetuneProvider().create(Hyperparameters.of(values),
                    SyntheticTasks.context(PRETRAIN, SPEC, 4))) {
                SyntheticTasks.train(learner, HarderSyntheticTasks.train(PRETRAIN, 1), 5);
                try (FineTunedModel model = (FineTunedModel) learner.adapt(support)) {
                    List<NamedParameter> original = learner.backbone().parameters();
                    List<NamedParameter> tuned = model.backbone().parameters();
                    for (int i = 0; i < original.size(); i++) {
                        float[] a = original.get(i).array().toFloatArray();
                        float[] b = tuned.get(i).array().toFloatArray();
                        for (int j = 0; j < a.length; j++) {
                            moved[k] += (double) (a[j] - b[j]) * (a[j] - b[j]);
                        }
                    }
                }
            }
        }
        // the first step is (1 - dampening) x the gradient, and later ones keep that scale
        assertTrue(moved[1] > 0 && moved[1] < 0.25 * moved[0], "squared distance moved: dampening 0 " + moved[0]
                + ", dampening 0.9 " + moved[1]);
        for (Map.Entry<String, Object> bad : Map.<String, Object>of("finetune_dampening", 1.5,
                "finetune_weight_decay", -1.0).entrySet()) {
            IllegalArgumentException e = org.junit.jupiter.api.Assertions.assertThrows(IllegalArgumentException.class,
                    () -> new FinetuneProvider().create(Hyperparameters.of(Map.of(bad.getKey(), bad.getValue())),
                            SyntheticTasks.context(PRETRAIN, SPEC, 1)));
            assertTrue(e.getMessage().contains(bad.getKey()), e.getMessage());
        }
    }

    @Test
    void pretrainingBeatsNoPretraining() {
        EpisodeSource test = HarderSyntheticTasks.test(SPEC, 99);
        try (MetaLearner learner = learner("none", 10, 7)) {
            long t0 = System.nanoTime();
            double before = SyntheticTasks.evaluate(learner, test, 16);
            long t1 = System.nanoTime();
            EpisodeSource train = HarderSyntheticTasks.train(PRETRAIN, 5);
            double firstLoss = 0;
            double lastLoss = 0;
            int steps = 150;
            for (int s = 0; s < steps; s++) {
                double loss = learner.metaTrainStep(List.of(train.episode(s))).loss();
                if (s < 20) {
                    firstLoss += loss / 20;
                } else if (s >= steps - 20) {
                    lastLoss += loss / 20;
                }
            }
            long t2 = System.nanoTime();
            double after = SyntheticTasks.evaluate(learner, test, 16);
            System.out.printf("timing eval %.1f s, train %.1f s%n", (t1 - t0) / 1e9, (t2 - t1) / 1e9);
            System.out.printf("finetune: pretraining loss %.3f -> %.3f, accuracy %.3f -> %.3f%n", firstLoss, lastLoss,
                    before, after);
            assertTrue(lastLoss < firstLoss, "pretraining loss did not fall: " + firstLoss + " -> " + lastLoss);
            assertTrue(after > before + 0.1, "accuracy " + before + " -> " + after + " (chance 0.2)");
        }
    }
}
