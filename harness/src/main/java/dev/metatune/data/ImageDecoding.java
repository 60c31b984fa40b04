package dev.metatune.data;

import java.awt.Graphics2D;
import java.awt.RenderingHints;
import java.awt.image.BufferedImage;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.util.Iterator;
import javax.imageio.ImageIO;
import javax.imageio.ImageReader;
import javax.imageio.stream.ImageInputStream;
import javax.imageio.stream.MemoryCacheImageInputStream;

/**
 * Decoding (PNG, JPEG through {@link ImageIO}) and resizing of images into compact byte arrays.
 * Stateless.
 */
public final class ImageDecoding {

    private ImageDecoding() {
    }

    /**
     * Decodes PNG or JPEG bytes; {@code where} names the file in the error message. Reads through a
     * memory-cached stream ({@code ImageIO.read} would spill to a temporary file per image when ImageIO's
     * disk cache is on).
     */
    public static BufferedImage decode(byte[] bytes, String where) {
        try (ImageInputStream in = new MemoryCacheImageInputStream(new ByteArrayInputStream(bytes))) {
            Iterator<ImageReader> readers = ImageIO.getImageReaders(in);
            if (!readers.hasNext()) {
                throw new DataException(where + ": not a readable PNG or JPEG image (" + bytes.length
                        + " bytes in no known image format)");
            }
            ImageReader reader = readers.next();
            try {
                reader.setInput(in, true, true);
                return reader.read(0);
            } finally {
                reader.dispose();
            }
        } catch (IOException | RuntimeException e) {
            if (e instanceof DataException d) {
                throw d;
            }
            throw new DataException(where + ": not a readable PNG or JPEG image (" + e.getMessage() + ")", e);
        }
    }

    /**
     * The source index that nearest-neighbour resizing from {@code from} to {@code to} samples for output
     * index {@code i}: the pixel under the output pixel's centre, {@code floor((i + 0.5) * from / to)}, as
     * Pillow's {@code NEAREST} resize does. Exact in integers.
     */
    public static int nearestSource(int i, int from, int to) {
        return (int) (((2L * i + 1) * from) / (2L * to));
    }

    /**
     * A binary {@code size x size} image by nearest-neighbour sampling (see {@link #nearestSource}):
     * 1 where the sampled pixel is dark (luminance below one half: a stroke), 0 where it is light.
     */
    public static byte[] binaryNearest(BufferedImage image, int size) {
        int w = image.getWidth();
        int h = image.getHeight();
        byte[] out = new byte[size * size];
        for (int y = 0; y < size; y++) {
            int sy = nearestSource(y, h, size);
            for (int x = 0; x < size; x++) {
                int rgb = image.getRGB(nearestSource(x, w, size), sy);
                out[y * size + x] = (byte) (luminance(rgb) < 128 ? 1 : 0);
            }
        }
        return out;
    }

    /**
     * An RGB {@code size x size} image, planar (all red, then green, then blue), one byte per value: the
     * image as is when it already has that size, otherwise scaled to it (both sides, no crop) with
     * bilinear interpolation. Grey images give three equal planes.
     */
    public static byte[] rgbPlanar(BufferedImage image, int size) {
        BufferedImage source = image;
        if (image.getWidth() != size || image.getHeight() != size) {
            BufferedImage scaled = new BufferedImage(size, size, BufferedImage.TYPE_INT_RGB);
            Graphics2D g = scaled.createGraphics();
            try {
                g.setRenderingHint(RenderingHints.KEY_INTERPOLATION, RenderingHints.VALUE_INTERPOLATION_BILINEAR);
                g.setRenderingHint(RenderingHints.KEY_RENDERING, RenderingHints.VALUE_RENDER_QUALITY);
                g.drawImage(image, 0, 0, size, size, null);
            } finally {
                g.dispose();
            }
            source = scaled;
        }
        int plane = size * size;
        byte[] out = new byte[3 * plane];
        int[] row = new int[size];
        for (int y = 0; y < size; y++) {
            source.getRGB(0, y, size, 1, row, 0, size);
            for (int x = 0; x < size; x++) {
                int rgb = row[x];
                int p = y * size + x;
                out[p] = (byte) (rgb >>> 16);
                out[plane + p] = (byte) (rgb >>> 8);
                out[2 * plane + p] = (byte) rgb;
            }
        }
        return out;
    }

    /**
     * A grey {@code size x size} image by nearest-neighbour sampling, as ink levels: 255 minus the grey
     * value (dark strokes on a light ground give high ink), one byte per pixel. Grey images are read
     * from their raster (no colour conversion), others through their luminance.
     */
    public static byte[] inkNearest(BufferedImage image, int size) {
        int w = image.getWidth();
        int h = image.getHeight();
        boolean grey = image.getType() == BufferedImage.TYPE_BYTE_GRAY;
        byte[] out = new byte[size * size];
        for (int y = 0; y < size; y++) {
            int sy = nearestSource(y, h, size);
            for (int x = 0; x < size; x++) {
                int sx = nearestSource(x, w, size);
                int level = grey ? image.getRaster().getSample(sx, sy, 0) : luminance(image.getRGB(sx, sy));
                out[y * size + x] = (byte) (255 - level);
            }
        }
        return out;
    }

    /** The value of ink level {@code k} (0..255): k / 255, the one formula used wherever ink levels become values. */
    public static float inkValue(int k) {
        return k / 255f;
    }

    private static int luminance(int rgb) {
        int r = (rgb >>> 16) & 0xff;
        int g = (rgb >>> 8) & 0xff;
        int b = rgb & 0xff;
        return (299 * r + 587 * g + 114 * b) / 1000;
    }
}
