package dev.metatune.cli;

import ai.djl.Device;
import ai.djl.engine.Engine;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.convolutional.Conv2d;
import ai.djl.training.GradientCollector;
import java.util.Locale;
import java.util.SplittableRandom;

/**
 * One tiny forward/backward on one device, to prove the device computes: a 3x3 convolution, tanh and
 * a dense layer on a batch of 2 images 8x8, and the gradients of the summed output by the kernel and
 * the weights. Inputs are the same numbers on every device (from a seeded Java generator), every array
 * lives on the device checked, and the gradients are compared with the same computation on the CPU
 * in float64 (a GPU's float32 with TF32 convolutions agrees to about 1e-3; the CPU's float32 to 1e-5).
 *
 * @param device  the device checked
 * @param passed  whether the gradients were finite, on the device and within tolerance
 * @param millis  wall time of the check (the first GPU check includes starting CUDA)
 * @param maxError largest absolute gradient difference from the float64 CPU reference, relative to its largest entry
 * @param detail  what went wrong, or "" when it passed
 */
record DeviceCheck(Device device, boolean passed, double millis, double maxError, String detail) {

    private static final Shape IMAGES = new Shape(2, 1, 8, 8);
    private static final Shape KERNEL = new Shape(4, 1, 3, 3);
    private static final Shape WEIGHTS = new Shape(4 * 6 * 6, 5);
    private static final double TOLERANCE = 1e-2;

    /** Runs the check on the device; never throws for a device that fails, it reports it. */
    static DeviceCheck run(Engine engine, Device device) {
        long start = System.nanoTime();
        try {
            float[] images = numbers(IMAGES, 1);
            float[] kernel = numbers(KERNEL, 2);
            float[] weights = numbers(WEIGHTS, 3);
            double[] reference = gradients(engine, Device.cpu(), DataType.FLOAT64, images, kernel, weights);
            double[] got = gradients(engine, device, DataType.FLOAT32, images, kernel, weights);
            double scale = 0;
            double error = 0;
            for (int i = 0; i < reference.length; i++) {
                scale = Math.max(scale, Math.abs(reference[i]));
            }
            for (int i = 0; i < reference.length; i++) {
                if (!Double.isFinite(got[i])) {
                    return done(device, start, Double.NaN, "gradient " + i + " is " + got[i]);
                }
                error = Math.max(error, Math.abs(got[i] - reference[i]) / Math.max(scale, 1e-12));
            }
            if (scale == 0) {
                return done(device, start, error, "the reference gradients are all zero");
            }
            return done(device, start, error, error <= TOLERANCE ? ""
                    : String.format(Locale.ROOT, "gradients differ from the CPU float64 reference by %.3g (allowed %.0g)",
                    error, TOLERANCE));
        } catch (RuntimeException | LinkageError e) {
            return done(device, start, Double.NaN, NativeEngine.causeChain(e));
        }
    }

    private static DeviceCheck done(Device device, long start, double error, String detail) {
        return new DeviceCheck(device, detail.isEmpty(), (System.nanoTime() - start) / 1e6, error, detail);
    }

    /** The kernel's and the weights' gradients of sum(dense(tanh(conv(images)))), computed on the device. */
    private static double[] gradients(Engine engine, Device device, DataType type, float[] images, float[] kernel,
                                      float[] weights) {
        try (NDManager manager = engine.newBaseManager(device)) {
            NDArray x = manager.create(images, IMAGES).toType(type, false);
            NDArray k = manager.create(kernel, KERNEL).toType(type, false);
            NDArray w = manager.create(weights, WEIGHTS).toType(type, false);
            k.setRequiresGradient(true);
            w.setRequiresGradient(true);
            try (GradientCollector collector = engine.newGradientCollector()) {
                NDList conv = Conv2d.conv2d(x, k, null, new Shape(1, 1), new Shape(0, 0), new Shape(1, 1), 1);
                NDArray out = conv.singletonOrThrow().tanh().reshape(2, -1).dot(w).sum();
                collector.backward(out);
            }
            for (NDArray g : new NDArray[] {k.getGradient(), w.getGradient()}) {
                if (!g.getDevice().equals(device)) {
                    throw new IllegalStateException("a gradient landed on " + g.getDevice() + ", not on " + device);
                }
            }
            // one host read for the whole result: both gradients concatenated on the device first
            NDArray all = k.getGradient().flatten().concat(w.getGradient().flatten()).toType(DataType.FLOAT64, false);
            return all.toDoubleArray();
        }
    }

    private static float[] numbers(Shape shape, long seed) {
        SplittableRandom random = new SplittableRandom(seed);
        float[] values = new float[Math.toIntExact(shape.size())];
        for (int i = 0; i < values.length; i++) {
            values[i] = (float) (random.nextDouble() - 0.5);
        }
        return values;
    }
}
