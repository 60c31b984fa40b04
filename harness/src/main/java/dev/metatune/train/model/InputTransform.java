package dev.metatune.train.model;

import java.util.Arrays;
import java.util.Objects;

/**
 * How the examples a model was trained on were prepared, so that a test on other data (or on image
 * files of a published episode list) prepares them the same way.
 *
 * @param exampleShape the shape of one input ({@code {channels, height, width}} for images)
 * @param decoding     how files became values: {@value #BINARY} (Omniglot: nearest-neighbour
 *                     resize, 1 where the luminance is below 128, a stroke, else 0), {@value #RGB}
 *                     (bilinear resize, planar RGB, values / 255), or {@value #GENERATED} (no
 *                     files: synthetic or sinusoid data)
 */
public record InputTransform(int[] exampleShape, String decoding) {

    public static final String BINARY = "binary-nearest";
    public static final String RGB = "rgb-bilinear";
    public static final String GENERATED = "generated";

    public InputTransform {
        exampleShape = exampleShape.clone();
        Objects.requireNonNull(decoding, "decoding");
        if (!decoding.equals(BINARY) && !decoding.equals(RGB) && !decoding.equals(GENERATED)) {
            throw new IllegalArgumentException("input decoding must be " + BINARY + ", " + RGB + " or " + GENERATED
                    + ", got '" + decoding + "'");
        }
    }

    /** The transform of the built-in data set {@code dataset} with examples of {@code exampleShape}. */
    public static InputTransform of(String dataset, int[] exampleShape) {
        String d;
        if (dataset.startsWith("omniglot")) {
            d = BINARY;
        } else if (dataset.equals("synthetic") || dataset.equals("sinusoid")) {
            d = GENERATED;
        } else {
            d = RGB;
        }
        return new InputTransform(exampleShape, d);
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
