package dev.metatune.algorithms.backbone;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import ai.djl.pytorch.engine.PtNDArray;
import ai.djl.pytorch.jni.JniUtils;
import java.lang.reflect.Field;
import java.lang.reflect.Method;
import org.junit.jupiter.api.Test;

/** The channels-last layout keeps every value and really is channels-last in memory. */
class ChannelsLastTest {

    @Test
    void keepsValuesShapeAndTypeAndLeavesOtherArraysAlone() {
        try (NDManager m = NDManager.newBaseManager()) {
            for (DataType type : new DataType[] {DataType.FLOAT32, DataType.FLOAT64}) {
                for (Shape shape : new Shape[] {new Shape(5, 3, 4, 6), new Shape(7, 1, 3, 3), new Shape(2, 64, 7, 7)}) {
                    NDArray plain = m.randomUniform(-1, 1, shape).toType(type, false);
                    NDArray laidOut = ChannelsLast.layout(plain);
                    assertEquals(shape, laidOut.getShape());
                    assertEquals(type, laidOut.getDataType());
                    assertEquals(m, laidOut.getManager());
                    assertArrayEquals(plain.toType(DataType.FLOAT64, false).toDoubleArray(),
                            laidOut.toType(DataType.FLOAT64, false).toDoubleArray(), 0.0, shape + " " + type);
                }
            }
            NDArray vector = m.ones(new Shape(64));
            assertSame(vector, ChannelsLast.layout(vector));
            NDArray matrix = m.ones(new Shape(5, 64));
            assertSame(matrix, ChannelsLast.layout(matrix));
        }
    }

    @Test
    void replaceClosesTheOriginalOnlyWhenItCopied() {
        try (NDManager m = NDManager.newBaseManager()) {
            NDArray image = m.ones(new Shape(2, 3, 4, 4));
            NDArray laidOut = ChannelsLast.replace(image);
            assertTrue(image.isReleased());
            assertFalse(laidOut.isReleased());
            NDArray vector = m.ones(new Shape(8));
            assertSame(vector, ChannelsLast.replace(vector));
            assertFalse(vector.isReleased());
        }
    }

    @Test
    void memoryIsInChannelsLastOrder() throws Exception {
        try (NDManager m = NDManager.newBaseManager()) {
            PtNDArray plain = (PtNDArray) m.randomUniform(-1, 1, new Shape(8, 3, 5, 5));
            assertTrue(isContiguous(plain));
            PtNDArray laidOut = (PtNDArray) ChannelsLast.layout(plain);
            // NCHW order would be contiguous; NHWC order is contiguous once permuted to [n, h, w, c]
            assertFalse(isContiguous(laidOut));
            assertTrue(isContiguous(JniUtils.permute(laidOut, new long[] {0, 2, 3, 1})));
        }
    }

    @Test
    void fastWeightsMakeConvolutionWeightsChannelsLast() throws Exception {
        try (NDManager m = NDManager.newBaseManager()) {
            Conv4 net = Conv4.mamlOmniglot(5);
            NDList params = FastWeights.initial(m, net, 1, DataType.FLOAT32);
            for (int i = 0; i < params.size(); i++) {
                NDArray p = params.get(i);
                if (p.getShape().dimension() == 4 && p.getShape().get(1) > 1) {
                    assertFalse(isContiguous((PtNDArray) p), net.parameters().get(i).name());
                    assertTrue(isContiguous(JniUtils.permute((PtNDArray) p, new long[] {0, 2, 3, 1})),
                            net.parameters().get(i).name());
                }
            }
        }
    }

    /** The engine's own contiguity flag (not part of DJL's public API, read here for the test only). */
    private static boolean isContiguous(PtNDArray array) throws Exception {
        Class<?> library = Class.forName("ai.djl.pytorch.jni.PyTorchLibrary");
        Field lib = library.getDeclaredField("LIB");
        lib.setAccessible(true);
        Method method = library.getDeclaredMethod("torchIsContiguous", long.class);
        method.setAccessible(true);
        return (Boolean) method.invoke(lib.get(null), array.getHandle());
    }
}
