package dev.metatune.algorithms.backbone;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import java.nio.DoubleBuffer;
import java.nio.FloatBuffer;
import java.util.List;

/**
 * Creates the parameter arrays of a {@link FunctionalNetwork} from plain values, and reads them back:
 * a network's weights are an {@link NDList} in the order of {@link FunctionalNetwork#parameters()}.
 */
public final class FastWeights {

    private FastWeights() {
    }

    /**
     * Arrays holding {@code values} (one row-major array per parameter), in {@code dataType}
     * (float32 or float64), created in {@code manager} on its device; convolution weights (4-D) are
     * laid out channels-last ({@link ChannelsLast}), which changes their speed, not their values.
     */
    public static NDList create(NDManager manager, List<ParameterSpec> specs, double[][] values, DataType dataType) {
        if (values.length != specs.size()) {
            throw new IllegalArgumentException("expected values for " + specs.size() + " parameters, got " + values.length);
        }
        NDList out = new NDList(specs.size());
        for (int i = 0; i < specs.size(); i++) {
            ParameterSpec spec = specs.get(i);
            if (values[i].length != spec.size()) {
                throw new IllegalArgumentException("parameter '" + spec.name() + "' needs " + spec.size() + " values, got "
                        + values[i].length);
            }
            NDArray a;
            if (dataType == DataType.FLOAT64) {
                a = manager.create(DoubleBuffer.wrap(values[i]), new Shape(spec.shape()), DataType.FLOAT64);
            } else if (dataType == DataType.FLOAT32) {
                float[] f = new float[values[i].length];
                for (int j = 0; j < f.length; j++) {
                    f[j] = (float) values[i][j];
                }
                a = manager.create(FloatBuffer.wrap(f), new Shape(spec.shape()), DataType.FLOAT32);
            } else {
                throw new IllegalArgumentException("dataType must be FLOAT32 or FLOAT64, got " + dataType);
            }
            out.add(ChannelsLast.replace(a));
        }
        return out;
    }

    /** Initial weights of {@code network} from {@code seed} (see {@link ParameterInit}). */
    public static NDList initial(NDManager manager, FunctionalNetwork network, long seed, DataType dataType) {
        return create(manager, network.parameters(), ParameterInit.values(network.parameters(), seed), dataType);
    }

    /** The values of every array, as doubles. */
    public static double[][] values(NDList weights) {
        double[][] out = new double[weights.size()][];
        for (int i = 0; i < weights.size(); i++) {
            NDArray a = weights.get(i);
            out[i] = a.getDataType() == DataType.FLOAT64 ? a.toDoubleArray() : toDouble(a.toFloatArray());
        }
        return out;
    }

    private static double[] toDouble(float[] f) {
        double[] d = new double[f.length];
        for (int i = 0; i < f.length; i++) {
            d[i] = f[i];
        }
        return d;
    }
}
