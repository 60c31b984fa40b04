package dev.metatune.algorithms.baseline;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.training.GradientCollector;
import dev.metatune.algorithms.training.Losses;
import dev.metatune.algorithms.training.SgdUpdater;
import java.util.SplittableRandom;

/**
 * Fits a new head on fixed support features as Chen et al. 2019's code does: for each of
 * {@code finetune_epochs} epochs, a random permutation of the support set is cut into batches of
 * {@code finetune_batch}, and each batch takes one SGD step (momentum, dampening, weight decay) on
 * its mean cross-entropy.
 */
final class HeadFitter {

    /** Cross-entropy of the head on the whole support set before and after fitting. */
    record Result(double initialLoss, double finalLoss) {
    }

    private final BaselineConfig config;

    HeadFitter(BaselineConfig config) {
        this.config = config;
    }

    /** {@code features [n, d]} without gradient, int64 {@code labels [n]}; trains {@code head} in place. */
    Result fit(ClassifierHead head, NDArray features, NDArray labels, SplittableRandom random) {
        NDManager manager = features.getManager();
        int n = (int) features.getShape().get(0);
        double initial = supportLoss(head, features, labels);
        try (SgdUpdater sgd = new SgdUpdater(manager, head.parameters(), config.finetuneMomentum(),
                config.finetuneDampening(), config.finetuneWeightDecay())) {
            int[] order = new int[n];
            for (int i = 0; i < n; i++) {
                order[i] = i;
            }
            for (int epoch = 0; epoch < config.finetuneEpochs(); epoch++) {
                shuffle(order, random);
                for (int start = 0; start < n; start += config.finetuneBatch()) {
                    int size = Math.min(config.finetuneBatch(), n - start);
                    long[] rows = new long[size];
                    for (int i = 0; i < size; i++) {
                        rows[i] = order[start + i];
                    }
                    try (NDManager step = manager.newSubManager()) {
                        head.attachTo(step);
                        features.tempAttach(step); // so that the rows taken land in this step's scope
                        labels.tempAttach(step);
                        NDArray index = step.create(rows);
                        NDArray x = features.get(index);
                        NDArray y = labels.get(index);
                        try (GradientCollector collector = manager.getEngine().newGradientCollector()) {
                            collector.backward(Losses.crossEntropy(head.logits(x), y));
                        }
                        sgd.step(config.finetuneLr());
                    }
                }
            }
        }
        return new Result(initial, supportLoss(head, features, labels));
    }

    private static double supportLoss(ClassifierHead head, NDArray features, NDArray labels) {
        try (NDManager scope = features.getManager().newSubManager()) {
            head.attachTo(scope);
            NDArray x = features.duplicate();
            x.attach(scope);
            return Losses.crossEntropy(head.logits(x), labels).getFloat();
        }
    }

    private static void shuffle(int[] a, SplittableRandom random) {
        for (int i = a.length - 1; i > 0; i--) {
            int j = random.nextInt(i + 1);
            int t = a[i];
            a[i] = a[j];
            a[j] = t;
        }
    }
}
