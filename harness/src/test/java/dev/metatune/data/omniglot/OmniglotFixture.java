package dev.metatune.data.omniglot;

import java.awt.image.BufferedImage;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import java.util.zip.ZipEntry;
import java.util.zip.ZipOutputStream;
import javax.imageio.ImageIO;

/**
 * Writes a small Omniglot in the official layout: 1-bit 105x105 PNGs in {@code images_background} (Alpha
 * with 3 characters, Beta with 2) and {@code images_evaluation} (Gamma with 2), 20 drawings each, as zips
 * or as extracted folders, and Vinyals split files with rotations as classes: train 12 classes, val 4,
 * trainval 16, test 12.
 */
final class OmniglotFixture {

    static final int DRAWINGS = 20;
    static final List<String> BACKGROUND = List.of("Alpha/character01", "Alpha/character02", "Alpha/character03",
            "Beta/character01", "Beta/character02");
    static final List<String> EVALUATION = List.of("Gamma/character01", "Gamma/character02");

    static final List<String> TRAIN = List.of("Alpha/character01", "Alpha/character02", "Alpha/character03");
    static final List<String> VAL = List.of("Beta/character01");
    static final List<String> TEST = List.of("Beta/character02", "Gamma/character01", "Gamma/character02");

    private OmniglotFixture() {
    }

    /** Writes {@code <root>/omniglot/...} and returns {@code root}. */
    static Path write(Path root, boolean zipped) throws IOException {
        Path dir = root.resolve("omniglot");
        Files.createDirectories(dir);
        for (String stem : List.of("images_background", "images_evaluation")) {
            Map<String, byte[]> members = members(stem, stem.equals("images_background") ? BACKGROUND : EVALUATION);
            if (zipped) {
                Files.write(dir.resolve(stem + ".zip"), zip(members));
            } else {
                for (Map.Entry<String, byte[]> m : members.entrySet()) {
                    Path p = dir.resolve(m.getKey());
                    Files.createDirectories(p.getParent());
                    Files.write(p, m.getValue());
                }
            }
        }
        writeSplits(dir);
        return root;
    }

    static void writeSplits(Path dir) throws IOException {
        Path splits = dir.resolve("splits").resolve("vinyals");
        Files.createDirectories(splits);
        Files.writeString(splits.resolve("train.txt"), splitText(TRAIN));
        Files.writeString(splits.resolve("val.txt"), splitText(VAL));
        List<String> trainval = new ArrayList<>(TRAIN);
        trainval.addAll(VAL);
        Files.writeString(splits.resolve("trainval.txt"), splitText(trainval));
        Files.writeString(splits.resolve("test.txt"), splitText(TEST));
    }

    static String splitText(List<String> characters) {
        StringBuilder b = new StringBuilder();
        for (String c : characters) {
            for (String r : List.of("rot000", "rot090", "rot180", "rot270")) {
                b.append(c).append('/').append(r).append('\n');
            }
        }
        return b.toString();
    }

    /** The PNG members of one archive, by zip member name. */
    static Map<String, byte[]> members(String stem, List<String> characters) throws IOException {
        Map<String, byte[]> members = new LinkedHashMap<>();
        int id = stem.equals("images_background") ? 1 : 965;
        for (String character : characters) {
            for (int d = 1; d <= DRAWINGS; d++) {
                String name = String.format("%s/%s/%04d_%02d.png", stem, character, id, d);
                members.put(name, png(drawing(character.hashCode() * 31L + d)));
            }
            id++;
        }
        return members;
    }

    static byte[] zip(Map<String, byte[]> members) throws IOException {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        try (ZipOutputStream zip = new ZipOutputStream(bytes)) {
            for (Map.Entry<String, byte[]> m : members.entrySet()) {
                zip.putNextEntry(new ZipEntry(m.getKey()));
                zip.write(m.getValue());
                zip.closeEntry();
            }
        }
        return bytes.toByteArray();
    }

    /** A white 105x105 canvas with a few black rectangles (strokes), different for every seed. */
    static boolean[][] drawing(long seed) {
        SplittableRandom random = new SplittableRandom(seed);
        boolean[][] black = new boolean[105][105];
        for (int s = 0; s < 4; s++) {
            int x0 = 10 + random.nextInt(70);
            int y0 = 10 + random.nextInt(70);
            int w = 3 + random.nextInt(20);
            int h = 3 + random.nextInt(20);
            for (int y = y0; y < Math.min(105, y0 + h); y++) {
                for (int x = x0; x < Math.min(105, x0 + w); x++) {
                    black[y][x] = true;
                }
            }
        }
        return black;
    }

    /** A 1-bit PNG (black = stroke, white = background) of {@code black}. */
    static byte[] png(boolean[][] black) throws IOException {
        int h = black.length;
        int w = black[0].length;
        BufferedImage image = new BufferedImage(w, h, BufferedImage.TYPE_BYTE_BINARY);
        for (int y = 0; y < h; y++) {
            for (int x = 0; x < w; x++) {
                image.setRGB(x, y, black[y][x] ? 0xff000000 : 0xffffffff);
            }
        }
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        ImageIO.write(image, "png", bytes);
        return bytes.toByteArray();
    }

    static void writeText(Path file, String text) throws IOException {
        Files.createDirectories(file.getParent());
        try (OutputStream out = Files.newOutputStream(file)) {
            out.write(text.getBytes(StandardCharsets.UTF_8));
        }
    }
}
