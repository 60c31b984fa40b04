package dev.metatune.algorithms.testing;

import dev.metatune.learner.AdaptedModel;
import dev.metatune.learner.MetaLearner;
import dev.metatune.learner.Prediction;
import dev.metatune.task.Examples;

/** Losses of adapted models, computed from their predictions, for tests that adaptation learns. */
public final class LearningChecks {

    private LearningChecks() {
    }

    /** Mean cross-entropy (classification) or squared error (regression) of the adapted model on {@code support}. */
    public static double supportLoss(MetaLearner learner, Examples support) {
        try (AdaptedModel model = learner.adapt(support)) {
            Prediction p = model.predict(support);
            if (p.values() != null) {
                double sum = 0;
                for (int i = 0; i < support.count(); i++) {
                    double d = p.values()[i] - support.targets()[i];
                    sum += d * d;
                }
                return sum / support.count();
            }
            int ways = p.scores().length / support.count();
            double sum = 0;
            for (int i = 0; i < support.count(); i++) {
                double max = Double.NEGATIVE_INFINITY;
                for (int k = 0; k < ways; k++) {
                    max = Math.max(max, p.scores()[i * ways + k]);
                }
                double z = 0;
                for (int k = 0; k < ways; k++) {
                    z += Math.exp(p.scores()[i * ways + k] - max);
                }
                sum += max + Math.log(z) - p.scores()[i * ways + support.labels()[i]];
            }
            return sum / support.count();
        }
    }
}
