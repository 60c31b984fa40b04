package dev.metatune.algorithms.relationnet;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.Activation;
import dev.metatune.algorithms.training.NamedParameter;
import dev.metatune.algorithms.training.StateArrays;
import dev.metatune.learner.LearnerState;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.SplittableRandom;

/**
 * The Relation Network of Sung et al. 2018 (Figure 2, Omniglot architecture of the authors' code).
 *
 * <p>Embedding module f: four blocks of 3x3 convolution with {@code filters} filters, BatchNorm and
 * ReLU; the first two without padding and with 2x2 max-pool, the last two with padding 1 and no
 * pool (28x28 -> 26 -> 13 -> 11 -> 5 -> 5 -> 5: feature maps {@code filters x 5 x 5}).
 *
 * <p>Relation module g: the class feature map and the query feature map concatenated along the
 * channels ({@code 2 filters}), two blocks of convolution (padding 1), BatchNorm, ReLU, 2x2 max-pool
 * (5 -> 2 -> 1), then a fully connected layer to {@code hidden} (8) units with ReLU and one to a
 * single unit with a sigmoid: the relation score in (0, 1). A K-shot class's feature map is the
 * sum of its support feature maps (the paper's element-wise sum).
 *
 * <p>Fully connected layers are initialised as in the authors' code: weights normal with standard
 * deviation 0.01, biases 1.
 */
final class RelationNetwork implements AutoCloseable {

    private final NDManager manager;
    private final ConvBlock[] embedding = new ConvBlock[4];
    private final ConvBlock[] relation = new ConvBlock[2];
    private final NDArray fc1Weight;
    private final NDArray fc1Bias;
    private final NDArray fc2Weight;
    private final NDArray fc2Bias;
    private final List<NamedParameter> parameters;
    private final List<ConvBlock> blocks;
    private final int flat;

    RelationNetwork(NDManager parent, int[] exampleShape, int filters, int hidden, SplittableRandom random) {
        if (exampleShape.length != 3) {
            throw new IllegalArgumentException("relationnet needs examples of shape {channels, height, width}, got "
                    + java.util.Arrays.toString(exampleShape));
        }
        if (filters < 1 || hidden < 1) {
            throw new IllegalArgumentException("filters and relation_hidden must be at least 1, got " + filters + ", "
                    + hidden);
        }
        this.manager = parent.newSubManager();
        int channels = exampleShape[0];
        for (int i = 0; i < 4; i++) {
            boolean first = i < 2;
            embedding[i] = new ConvBlock(manager, "embedding.block" + i + ".", i == 0 ? channels : filters, filters,
                    first ? 0 : 1, first, random);
        }
        for (int i = 0; i < 2; i++) {
            relation[i] = new ConvBlock(manager, "relation.block" + i + ".", i == 0 ? 2 * filters : filters, filters, 1,
                    true, random);
        }
        int h = exampleShape[1];
        int w = exampleShape[2];
        List<ConvBlock> all = new ArrayList<>(List.of(embedding));
        all.addAll(List.of(relation));
        for (ConvBlock b : all) {
            h = b.outputSize(h);
            w = b.outputSize(w);
        }
        if (h < 1 || w < 1) {
            throw new IllegalArgumentException("examples of " + exampleShape[1] + "x" + exampleShape[2]
                    + " are too small for the relation network (at least 22x22)");
        }
        this.blocks = List.copyOf(all);
        this.flat = filters * h * w;
        this.fc1Weight = ConvBlock.trainable(manager, Gaussian.values(random, flat * hidden, 0.01), new Shape(flat, hidden));
        this.fc1Bias = ConvBlock.trainable(manager, ones(hidden), new Shape(hidden));
        this.fc2Weight = ConvBlock.trainable(manager, Gaussian.values(random, hidden, 0.01), new Shape(hidden, 1));
        this.fc2Bias = ConvBlock.trainable(manager, ones(1), new Shape(1));
        List<NamedParameter> params = new ArrayList<>();
        for (ConvBlock b : blocks) {
            params.addAll(b.parameters());
        }
        params.add(new NamedParameter("relation.fc1.weight", fc1Weight));
        params.add(new NamedParameter("relation.fc1.bias", fc1Bias));
        params.add(new NamedParameter("relation.fc2.weight", fc2Weight));
        params.add(new NamedParameter("relation.fc2.bias", fc2Bias));
        this.parameters = Collections.unmodifiableList(params);
    }

    private static float[] ones(int n) {
        float[] v = new float[n];
        java.util.Arrays.fill(v, 1f);
        return v;
    }

    /** Feature maps {@code [n, filters, h, w]} of images {@code [n, c, H, W]}. */
    NDArray embed(NDArray images, boolean training) {
        NDArray h = images;
        for (ConvBlock b : embedding) {
            h = b.forward(h, training);
        }
        return h;
    }

    /** Per-class sums of support feature maps: {@code features [n, ...]}, int64 labels -> {@code [ways, ...]}. */
    static NDArray classFeatures(NDArray features, NDArray labels, int ways) {
        Shape shape = features.getShape();
        NDArray oneHot = labels.oneHot(ways, DataType.FLOAT32).transpose(); // [ways, n]
        NDArray sums = oneHot.matMul(features.reshape(shape.get(0), -1));
        long[] out = shape.getShape().clone();
        out[0] = ways;
        return sums.reshape(new Shape(out));
    }

    /** Relation scores {@code [m, ways]} of query feature maps {@code [m, ...]} against class feature maps {@code [ways, ...]}. */
    NDArray relate(NDArray queries, NDArray classes, boolean training) {
        Shape q = queries.getShape();
        long m = q.get(0);
        long ways = classes.getShape().get(0);
        Shape pairShape = new Shape(m, ways, q.get(1), q.get(2), q.get(3));
        NDArray c = classes.expandDims(0).broadcast(pairShape);
        NDArray x = queries.expandDims(1).broadcast(pairShape);
        NDArray pairs = c.concat(x, 2).reshape(m * ways, 2 * q.get(1), q.get(2), q.get(3));
        NDArray h = pairs;
        for (ConvBlock b : relation) {
            h = b.forward(h, training);
        }
        h = Activation.relu(h.reshape(m * ways, flat).matMul(fc1Weight).add(fc1Bias));
        return Activation.sigmoid(h.matMul(fc2Weight).add(fc2Bias)).reshape(m, ways);
    }

    List<NamedParameter> parameters() {
        return parameters;
    }

    long parameterCount() {
        long n = 0;
        for (NamedParameter p : parameters) {
            n += p.array().size();
        }
        return n;
    }

    /** Parameters and BatchNorm running statistics of both modules. */
    void save(LearnerState.Builder state) {
        for (ConvBlock b : blocks) {
            b.save(state);
        }
        for (NamedParameter p : parameters.subList(parameters.size() - 4, parameters.size())) {
            state.tensor(StateArrays.save(p.name(), p.array()));
        }
    }

    int expect(StateArrays restore) {
        int n = 0;
        for (ConvBlock b : blocks) {
            n += b.expect(restore);
        }
        for (NamedParameter p : parameters.subList(parameters.size() - 4, parameters.size())) {
            restore.expect(p.name(), p.array());
            n++;
        }
        return n;
    }

    @Override
    public void close() {
        manager.close();
    }
}
