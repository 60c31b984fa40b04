package dev.metatune.train.model;

import java.util.Arrays;
import java.util.Objects;

/**
 * How the examples a model was trained on were prepared, so that a test on other data (or on image
 * files of a published episode list) prepares them the same way.
 *
 * @param exampleShape the shape of one input ({@code {channels, height, width}} for images)
 * @param decoding     how files became values: {@value #BINARY} (Omniglot, and the binary synthetic
 *                     images: nearest-neighbour resize, 1 where the luminance is below 128, a
 *                     stroke, else 0), {@value #GREY} (the synthetic images: nearest-neighbour resize,
 *                     ink = (255 - grey) / 255), {@value #RGB} (bilinear resize, planar RGB, values / 255),
 *                     or {@value #GENERATED} (no images: sinusoid data)
 */
public record InputTransform(int[] exampleShape, String decoding) {

    public static final String BINARY = "binary-nearest";
    public static final String GREY = "grey-ink-nearest";
    public static final String RGB = "rgb-bilinear";
    public static final String GENERATED = "generated";

    public InputTransform {
        exampleShape = exampleShape.clone();
        Objects.requireNonNull(decoding, "decoding");
        if (!decoding.equals(BINARY) && !decoding.equals(GREY) && !decoding.equals(RGB) && !decoding.equals(GENERATED)) {
            throw new IllegalArgumentException("input decoding must be " + BINARY + ", " + GREY + ", " + RGB + " or "
                    + GENERATED
                    + ", got '" + decoding + "'");
        }
    }

    /** The transform of the built-in data set {@code dataset} with examples of {@code exampleShape}. */
    public static InputTransform of(String dataset, int[] exampleShape) {
        String d;
        if (dataset.startsWith("omniglot")) {
            d = BINARY;
        } else if (dataset.equals("synthetic")) {
            d = GREY;
        } else if (dataset.equals("sinusoid")) {
            d = GENERATED;
        } else {
            d = RGB;
        }
        return new InputTransform(exampleShape, d);
    }

    /**
     * The values of one image file prepared as training saw them ({@code exampleShape} values);
     * {@code where} names the file in errors.
     */
    public float[] prepare(byte[] file, String where) {
        if (!isImage() || decoding.equals(GENERATED)) {
            throw new IllegalArgumentException("a model trained on " + decoding + " inputs of shape "
                    + Arrays.toString(exampleShape) + " cannot read image files (" + where + ")");
        }
        java.awt.image.BufferedImage image = dev.metatune.data.ImageDecoding.decode(file, where);
        int size = exampleShape[1];
        if (decoding.equals(BINARY)) {
            if (exampleShape[0] != 1) {
                throw new IllegalArgumentException("binary images have 1 channel, the model takes " + exampleShape[0]);
            }
            byte[] px = dev.metatune.data.ImageDecoding.binaryNearest(image, size);
            float[] out = new float[px.length];
            for (int i = 0; i < px.length; i++) {
                out[i] = px[i];
            }
            return out;
        }
        if (decoding.equals(GREY)) {
            if (exampleShape[0] != 1) {
                throw new IllegalArgumentException("grey images have 1 channel, the model takes " + exampleShape[0]);
            }
            byte[] ink = dev.metatune.data.ImageDecoding.inkNearest(image, size);
            float[] out = new float[ink.length];
            for (int i = 0; i < ink.length; i++) {
                out[i] = dev.metatune.data.ImageDecoding.inkValue(ink[i] & 0xff);
            }
            return out;
        }
        if (exampleShape[0] != 3) {
            throw new IllegalArgumentException("RGB images have 3 channels, the model takes " + exampleShape[0]);
        }
        byte[] px = dev.metatune.data.ImageDecoding.rgbPlanar(image, size);
        float scale = 1f / 255f;
        float[] out = new float[px.length];
        for (int i = 0; i < px.length; i++) {
            out[i] = (px[i] & 0xff) * scale;
        }
        return out;
    }

    /**
     * A PNG that {@link #prepare} turns back into exactly {@code values} (one example): binary values
     * as black strokes (1) on white (0), RGB values as their bytes.
     */
    public byte[] toPng(float[] values) throws java.io.IOException {
        int size = exampleShape[1];
        int plane = size * size;
        java.awt.image.BufferedImage image;
        if (decoding.equals(BINARY)) {
            image = new java.awt.image.BufferedImage(size, size, java.awt.image.BufferedImage.TYPE_BYTE_GRAY);
            for (int p = 0; p < plane; p++) {
                int v = values[p] != 0f ? 0 : 255;
                image.setRGB(p % size, p / size, (v << 16) | (v << 8) | v);
            }
        } else if (decoding.equals(GREY)) {
            image = new java.awt.image.BufferedImage(size, size, java.awt.image.BufferedImage.TYPE_BYTE_GRAY);
            for (int p = 0; p < plane; p++) {
                int ink = Math.round(values[p] * 255f);
                image.getRaster().setSample(p % size, p / size, 0, 255 - ink);
            }
        } else if (decoding.equals(RGB)) {
            image = new java.awt.image.BufferedImage(size, size, java.awt.image.BufferedImage.TYPE_INT_RGB);
            for (int p = 0; p < plane; p++) {
                int r = Math.round(values[p] * 255f);
                int g = Math.round(values[plane + p] * 255f);
                int b = Math.round(values[2 * plane + p] * 255f);
                image.setRGB(p % size, p / size, (r << 16) | (g << 8) | b);
            }
        } else {
            throw new IllegalArgumentException("examples of " + decoding + " data cannot be written as images");
        }
        java.io.ByteArrayOutputStream out = new java.io.ByteArrayOutputStream();
        javax.imageio.ImageIO.write(image, "png", out);
        return out.toByteArray();
    }

    @Override
    public int[] exampleShape() {
        return exampleShape.clone();
    }

    /** Whether the examples are images {@code {channels, height, width}}. */
    public boolean isImage() {
        return exampleShape.length == 3;
    }

    /** Image side (height), or 0 for non-images. */
    public int imageSize() {
        return isImage() ? exampleShape[1] : 0;
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof InputTransform t && Arrays.equals(exampleShape, t.exampleShape) && decoding.equals(t.decoding);
    }

    @Override
    public int hashCode() {
        return Arrays.hashCode(exampleShape) * 31 + decoding.hashCode();
    }
}
