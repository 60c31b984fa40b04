package dev.metatune.data;

import java.awt.image.BufferedImage;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import javax.imageio.ImageIO;

/** Writes small solid-colour test images in real PNG and JPEG formats. */
public final class ImageFiles {

    private ImageFiles() {
    }

    /** Writes a {@code width x height} image of colour {@code rgb} as {@code format} ("png" or "jpg"). */
    public static void write(Path file, int width, int height, int rgb, String format) throws IOException {
        BufferedImage image = new BufferedImage(width, height, BufferedImage.TYPE_INT_RGB);
        for (int y = 0; y < height; y++) {
            for (int x = 0; x < width; x++) {
                image.setRGB(x, y, rgb);
            }
        }
        Files.createDirectories(file.getParent());
        if (!ImageIO.write(image, format, file.toFile())) {
            throw new IOException("no ImageIO writer for " + format);
        }
    }

    /** A colour that differs per (class, image), with components well inside 0..255. */
    public static int colour(int classIndex, int image) {
        int r = 20 + 20 * (classIndex % 10);
        int g = 30 + 25 * (image % 8);
        int b = 200 - 15 * (classIndex % 12);
        return (r << 16) | (g << 8) | b;
    }

    /** Mean of channel {@code channel} of a planar RGB image of side {@code size} at {@code offset}. */
    public static double channelMean(float[] values, int offset, int size, int channel) {
        double sum = 0;
        int plane = size * size;
        for (int i = 0; i < plane; i++) {
            sum += values[offset + channel * plane + i];
        }
        return sum / plane;
    }
}
