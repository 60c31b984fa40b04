package dev.metatune.algorithms.backbone;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.types.Shape;
import ai.djl.pytorch.engine.PtNDArray;
import ai.djl.pytorch.jni.JniUtils;

/**
 * Convolution inputs and weights laid out channels-last. An image batch {@code [n, c, h, w]} whose
 * memory is in {@code [n, h, w, c]} order (the engine's "channels_last" strides), or a weight
 * {@code [out, in, kh, kw]} stored as {@code [out, kh, kw, in]}, makes libtorch run the convolution
 * in NHWC, and everything downstream with it: the output, BatchNorm, ReLU and every
 * backward pass stay NHWC, and gradients of such a weight come back channels-last too, so fast
 * weights computed from them keep the layout. With plain NCHW weights oneDNN's fastest kernels for
 * Conv-4's shapes still compute in NHWC and reorder the activations and their gradients back after
 * every call, which cost about a quarter of a first-order MAML step on CPU. The logical values (what
 * {@code toFloatArray} returns, what every operation sees) are unchanged; only the speed differs.
 */
public final class ChannelsLast {

    private ChannelsLast() {
    }

    /**
     * A new array in {@code array}'s manager with {@code array}'s values, laid out channels-last if
     * it is 4-D; any other array is returned as it is. With one channel both layouts hold the same
     * bytes, but only these strides tell the engine which one is meant, and the first convolution
     * decides the layout of everything after it.
     */
    public static NDArray layout(NDArray array) {
        Shape s = array.getShape();
        if (s.dimension() != 4) {
            return array;
        }
        PtNDArray w = (PtNDArray) array;
        // permute to [out, kh, kw, in], copy in that order (a reshape that cannot be a view, which a
        // permute alone would be), permute back; the clone keeps the strides and is its own array
        PtNDArray nhwc = JniUtils.permute(w, new long[] {0, 2, 3, 1});
        PtNDArray flat = JniUtils.reshape(nhwc, new long[] {s.get(0), -1});
        PtNDArray copied = JniUtils.reshape(flat, new long[] {s.get(0), s.get(2), s.get(3), s.get(1)});
        PtNDArray view = JniUtils.permute(copied, new long[] {0, 3, 1, 2});
        PtNDArray result = JniUtils.clone(view);
        view.close();
        copied.close();
        flat.close();
        nhwc.close();
        return result;
    }

    /**
     * {@link #layout}, for an array the caller owns and replaces: when a copy was made, the original
     * is closed.
     */
    public static NDArray replace(NDArray array) {
        NDArray laidOut = layout(array);
        if (laidOut != array) {
            array.close();
        }
        return laidOut;
    }
}
