package dev.metatune.algorithms.backbone;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import org.junit.jupiter.api.Test;

/** Shapes, parameter counts and the seeded initialisation of the functional backbones. */
class BackboneTest {

    @Test
    void parameterCountsMatchThePublishedNetworks() {
        // the PyTorch reference: 112,261 parameters for MAML's 5-way Conv-4, 111,936 for ProtoNet's encoder
        assertEquals(112_261, Conv4.mamlOmniglot(5).parameterCount());
        assertEquals(111_936, Conv4.protoNetOmniglot().parameterCount());
        assertEquals(64, Conv4.protoNetOmniglot().outputSize());
        assertEquals(32 * 5 * 5, new Conv4(Conv4.Variant.POOLED, 3, 84, 84, 32, 0).featureSize());
        assertEquals((40 + 40) + (40 * 40 + 40) + (40 + 1), Mlp.sinusoid().parameterCount());
    }

    @Test
    void forwardGivesOneRowPerExample() {
        try (NDManager m = NDManager.newBaseManager()) {
            check(m, Conv4.mamlOmniglot(5), new Shape(7, 1, 28, 28), new Shape(7, 5));
            check(m, Conv4.protoNetOmniglot(), new Shape(4, 1, 28, 28), new Shape(4, 64));
            check(m, new Conv4(Conv4.Variant.POOLED, 3, 84, 84, 32, 5), new Shape(2, 3, 84, 84), new Shape(2, 5));
            check(m, Mlp.sinusoid(), new Shape(9, 1), new Shape(9, 1));
        }
    }

    private static void check(NDManager m, FunctionalNetwork net, Shape in, Shape out) {
        NDList params = FastWeights.initial(m, net, 3, DataType.FLOAT32);
        NDArray x = m.randomUniform(0, 1, in);
        assertEquals(out, net.forward(params, x, Normalization.batch()).getShape(), net.toString());
        NDList stats = net.batchStatistics(params, x);
        NDArray fixed = net.forward(params, x, Normalization.fixed(stats));
        assertEquals(out, fixed.getShape());
        if (!stats.isEmpty()) {
            // normalising a batch with its own statistics, computed apart, gives the same output
            float[] a = net.forward(params, x, Normalization.batch()).toFloatArray();
            float[] b = fixed.toFloatArray();
            for (int i = 0; i < a.length; i++) {
                assertEquals(a[i], b[i], 1e-4, net + " output " + i);
            }
        }
    }

    @Test
    void conv4EqualsAPlainLayerByLayerComputation() {
        // an independent oracle: the published block (conv, BatchNorm with biased batch variance,
        // ReLU, optional 2x2 max-pool) written out over channels-first arrays
        try (NDManager m = NDManager.newBaseManager()) {
            Conv4[] nets = {Conv4.mamlOmniglot(5), new Conv4(Conv4.Variant.POOLED, 3, 20, 20, 8, 4),
                new Conv4(Conv4.Variant.STRIDED, 3, 16, 16, 8, 0)};
            Shape[] inputs = {new Shape(6, 1, 28, 28), new Shape(5, 3, 20, 20), new Shape(4, 3, 16, 16)};
            for (int k = 0; k < nets.length; k++) {
                Conv4 net = nets[k];
                NDList params = FastWeights.initial(m, net, 11, DataType.FLOAT32);
                NDArray x = m.randomUniform(0, 1, inputs[k]);
                float[] actual = net.forward(params, x, Normalization.batch()).toFloatArray();
                float[] expected = plainForward(net, params, x).toFloatArray();
                assertEquals(expected.length, actual.length, net.toString());
                for (int i = 0; i < expected.length; i++) {
                    assertEquals(expected[i], actual[i], 1e-4 * Math.max(1, Math.abs(expected[i])), net + " output " + i);
                }
            }
        }
    }

    private static NDArray channelMean(NDArray x) {
        return x.mean(new int[] {3}, true).mean(new int[] {2}, true).mean(new int[] {0}, true);
    }

    private static NDArray plainForward(Conv4 net, NDList p, NDArray input) {
        boolean strided = net.variant() == Conv4.Variant.STRIDED;
        NDArray x = input;
        for (int b = 0; b < 4; b++) {
            x = ai.djl.nn.convolutional.Conv2d.conv2d(x, p.get(4 * b), p.get(4 * b + 1), strided ? new Shape(2, 2) : new Shape(1, 1),
                    new Shape(1, 1), new Shape(1, 1), 1).singletonOrThrow();
            NDArray mean = channelMean(x);
            NDArray var = channelMean(x.sub(mean).square());
            x = x.sub(mean).div(var.add(Conv4.BN_EPS).sqrt()).mul(p.get(4 * b + 2).reshape(1, -1, 1, 1))
                    .add(p.get(4 * b + 3).reshape(1, -1, 1, 1));
            x = x.maximum(0);
            if (!strided) {
                x = ai.djl.nn.pooling.Pool.maxPool2d(x, new Shape(2, 2), new Shape(2, 2), new Shape(0, 0), false);
            }
        }
        NDArray features = strided ? x.mean(new int[] {3}).mean(new int[] {2}) : x.reshape(x.getShape().get(0), -1);
        if (p.size() == 16) {
            return features;
        }
        return features.matMul(p.get(16).transpose()).add(p.get(17));
    }

    @Test
    void initialisationIsSeededXavierUniformWithZeroBiasesAndUnitGamma() {
        Conv4 net = Conv4.mamlOmniglot(5);
        double[][] a = ParameterInit.values(net.parameters(), 42);
        double[][] b = ParameterInit.values(net.parameters(), 42);
        double[][] c = ParameterInit.values(net.parameters(), 43);
        for (int i = 0; i < a.length; i++) {
            assertArrayEquals(a[i], b[i], "same seed, same values");
        }
        assertFalse(java.util.Arrays.equals(a[0], c[0]), "another seed, other values");
        double bound1 = Math.sqrt(6.0 / (1 * 9 + 64 * 9));
        double max = 0;
        for (double v : a[0]) {
            max = Math.max(max, Math.abs(v));
        }
        assertTrue(max <= bound1 && max > 0.9 * bound1, "conv1 weights within the Xavier bound " + bound1 + ": " + max);
        for (double v : a[1]) {
            assertEquals(0.0, v, "conv1.bias");
        }
        for (double v : a[2]) {
            assertEquals(1.0, v, "bn1.gamma");
        }
        for (double v : a[3]) {
            assertEquals(0.0, v, "bn1.beta");
        }
    }

    @Test
    void rejectsBadShapesWithMessagesNamingTheField() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> new Conv4(Conv4.Variant.POOLED, 1, 8, 8, 64, 5));
        assertTrue(e.getMessage().contains("8x8"), e.getMessage());
        e = assertThrows(IllegalArgumentException.class, () -> new Conv4(Conv4.Variant.STRIDED, 1, 28, 28, 0, 5));
        assertTrue(e.getMessage().contains("filters"), e.getMessage());
    }
}
