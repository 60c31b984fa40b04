package dev.metatune.algorithms.baseline;

import dev.metatune.task.Episode;
import dev.metatune.task.Examples;
import dev.metatune.task.TaskKind;
import java.util.Arrays;
import java.util.List;

/**
 * The images of a batch of episodes as one labelled pretraining mini-batch (support and query alike),
 * each label mapped through {@link Episode#classIds()} to one of the {@code trainClasses} meta-training
 * classes: what {@link Pretraining} trains on in each step.
 *
 * @param images row-major {@code [count, ...exampleShape]} values
 * @param shape  {@code [count, ...exampleShape]}
 * @param labels global class ids, one per image
 */
record PretrainBatch(float[] images, long[] shape, long[] labels) {

    /**
     * The mini-batch of {@code batch}.
     *
     * @param algorithm    the learner's name, for messages
     * @param batch        classification episodes of one example shape
     * @param trainClasses the meta-training classes; every class id must lie in {@code [0, trainClasses)}
     */
    static PretrainBatch of(String algorithm, List<Episode> batch, int trainClasses) {
        if (batch.isEmpty()) {
            throw new IllegalArgumentException("batch must hold at least one episode");
        }
        int total = 0;
        for (Episode e : batch) {
            if (e.kind() != TaskKind.CLASSIFICATION) {
                throw new IllegalArgumentException(algorithm + " needs classification episodes, got " + e.kind());
            }
            total += e.support().count() + e.query().count();
        }
        int[] exampleShape = batch.get(0).support().exampleShape();
        int per = batch.get(0).support().valuesPerExample();
        float[] images = new float[total * per];
        long[] labels = new long[total];
        int row = 0;
        for (Episode e : batch) {
            for (Examples part : List.of(e.support(), e.query())) {
                if (!Arrays.equals(part.exampleShape(), exampleShape)) {
                    throw new IllegalArgumentException("episodes of a batch must share one example shape");
                }
                System.arraycopy(part.inputs(), 0, images, row * per, part.count() * per);
                for (int i = 0; i < part.count(); i++) {
                    int global = e.classIds()[part.labels()[i]];
                    if (global < 0 || global >= trainClasses) {
                        throw new IllegalArgumentException("episode " + e.index() + " has class id " + global
                                + " outside the " + trainClasses + " meta-training classes");
                    }
                    labels[row + i] = global;
                }
                row += part.count();
            }
        }
        long[] shape = new long[exampleShape.length + 1];
        shape[0] = total;
        for (int i = 0; i < exampleShape.length; i++) {
            shape[i + 1] = exampleShape[i];
        }
        return new PretrainBatch(images, shape, labels);
    }
}
