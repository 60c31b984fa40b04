package dev.metatune.algorithms.mann;

import dev.metatune.task.Examples;
import java.util.List;
import java.util.SplittableRandom;

/**
 * How a batch of episodes is presented to a MANN (Santoro et al. 2016, section 4.1): each support set
 * as a sequence in a shuffled order, time step {@code t} carrying the image {@code x_t} and the
 * previous step's one-hot label {@code y_{t-1}} (zero at the first step), so that the network must
 * predict each label before it is shown; then every query as the next time step of that sequence,
 * carrying the last support label (what step {@code n + 1} of the sequence would carry), each query
 * continuing the support sequence on its own (queries do not see each other). Host arrays, row-major.
 *
 * @param batch            episodes
 * @param length           support time steps {@code n} per episode
 * @param queries          queries per episode (0 when none were given)
 * @param width            values per time step: pixels plus ways
 * @param supportInputs    {@code [batch, length, width]}
 * @param supportTargets   the label to predict at each support step {@code [batch * length]}
 * @param supportInstances at each support step, which presentation of its class this is (1 for the first)
 * @param queryInputs      {@code [batch * queries, width]}
 * @param queryTargets     {@code [batch * queries]}
 */
record Presentation(int batch, int length, int queries, int width, float[] supportInputs, long[] supportTargets,
                    int[] supportInstances, float[] queryInputs, long[] queryTargets) {

    /**
     * Presents {@code supports} (and {@code queries}, null for none) in one batch. With a random
     * source, each episode's support order is shuffled and, with {@code permuteLabels}, its labels are
     * relabelled by a random permutation of 0..ways-1 (the paper shuffles labels per episode); the
     * same source gives the same presentation.
     */
    static Presentation of(List<Examples> supports, List<Examples> queries, int ways, SplittableRandom random,
                           boolean permuteLabels) {
        int batch = supports.size();
        Examples first = supports.get(0);
        int length = first.count();
        int pixels = first.inputs().length / length;
        int q = queries == null ? 0 : queries.get(0).count();
        int width = pixels + ways;
        float[] supportInputs = new float[batch * length * width];
        long[] supportTargets = new long[batch * length];
        int[] instances = new int[batch * length];
        float[] queryInputs = new float[batch * q * width];
        long[] queryTargets = new long[batch * q];
        for (int b = 0; b < batch; b++) {
            Examples support = supports.get(b);
            if (support.count() != length || support.inputs().length != length * pixels) {
                throw new IllegalArgumentException("every support set of a batch needs " + length + " examples of "
                        + pixels + " values, episode " + b + " has " + support);
            }
            int[] relabel = permuteLabels && random != null ? shuffled(ways, random) : shuffled(ways, null);
            int[] order = random == null ? shuffled(length, null) : shuffled(length, random);
            float[] images = support.inputs();
            int[] seen = new int[ways];
            int previous = -1;
            for (int t = 0; t < length; t++) {
                int row = b * length + t;
                int example = order[t];
                System.arraycopy(images, example * pixels, supportInputs, row * width, pixels);
                if (previous >= 0) {
                    supportInputs[row * width + pixels + previous] = 1f;
                }
                int label = relabel[checked(support.labels()[example], ways)];
                supportTargets[row] = label;
                instances[row] = ++seen[label];
                previous = label;
            }
            if (q > 0) {
                Examples query = queries.get(b);
                if (query.count() != q || query.inputs().length != q * pixels) {
                    throw new IllegalArgumentException("every query set of a batch needs " + q + " examples of "
                            + pixels + " values, episode " + b + " has " + query);
                }
                int[] labels = query.labels();
                writeQueries(query.inputs(), pixels, ways, previous, queryInputs, b * q * width);
                for (int j = 0; j < q; j++) {
                    queryTargets[b * q + j] = relabel[checked(labels[j], ways)];
                }
            }
        }
        return new Presentation(batch, length, q, width, supportInputs, supportTargets, instances, queryInputs,
                queryTargets);
    }

    /**
     * Query time steps {@code [count, pixels + ways]} for {@code images} (row-major, {@code pixels}
     * each), each carrying the one-hot {@code lastLabel} of the support sequence they continue.
     */
    static float[] queryInputs(float[] images, int pixels, int ways, int lastLabel) {
        float[] out = new float[images.length / pixels * (pixels + ways)];
        writeQueries(images, pixels, ways, lastLabel, out, 0);
        return out;
    }

    private static void writeQueries(float[] images, int pixels, int ways, int lastLabel, float[] out, int offset) {
        int count = images.length / pixels;
        int width = pixels + ways;
        for (int j = 0; j < count; j++) {
            System.arraycopy(images, j * pixels, out, offset + j * width, pixels);
            out[offset + j * width + pixels + lastLabel] = 1f;
        }
    }

    /** The last support label (in presentation order) of episode {@code b}. */
    int lastLabel(int b) {
        return (int) supportTargets[b * length + length - 1];
    }

    private static int checked(int label, int ways) {
        if (label < 0 || label >= ways) {
            throw new IllegalArgumentException("label " + label + " is outside 0.." + (ways - 1)
                    + " (this network was built for " + ways + " ways)");
        }
        return label;
    }

    /** 0..n-1, shuffled by {@code random} (Fisher-Yates) or in order when it is null. */
    private static int[] shuffled(int n, SplittableRandom random) {
        int[] out = new int[n];
        for (int i = 0; i < n; i++) {
            out[i] = i;
        }
        if (random != null) {
            for (int i = n - 1; i > 0; i--) {
                int j = random.nextInt(i + 1);
                int swap = out[i];
                out[i] = out[j];
                out[j] = swap;
            }
        }
        return out;
    }
}
