package dev.metatune.data.imagefolder;

import dev.metatune.data.DataException;
import dev.metatune.data.DataOptions;
import dev.metatune.data.LabelledFilesDataset;
import dev.metatune.data.LabelledImageFiles;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.stream.Stream;

/** The {@code image-folder} data set; see {@link ImageFolderProvider}. Thread-safe. */
final class ImageFolderDataset extends LabelledFilesDataset {

    private final Path dir;

    ImageFolderDataset(DataOptions options) {
        super(ImageFolderProvider.NAME, ImageFolderProvider.SPLITS, options, ImageFolderProvider.DEFAULT_SIZE);
        this.dir = options.dataRoot().resolve(ImageFolderProvider.NAME);
    }

    @Override
    protected Path listingLocation(String split) {
        return dir.resolve(split);
    }

    static boolean isImage(Path p) {
        String n = p.getFileName().toString().toLowerCase(Locale.ROOT);
        return n.endsWith(".png") || n.endsWith(".jpg") || n.endsWith(".jpeg");
    }

    @Override
    protected LabelledImageFiles listing(String split) {
        Path splitDir = dir.resolve(split);
        if (!Files.isDirectory(splitDir)) {
            throw new DataException("missing folder " + splitDir + "; expected " + split + "/<class>/<image>.png|jpg");
        }
        List<String> classes = new ArrayList<>();
        List<List<Path>> files = new ArrayList<>();
        try (Stream<Path> entries = Files.list(splitDir)) {
            for (Path classDir : entries.sorted().toList()) {
                if (!Files.isDirectory(classDir)) {
                    if (isImage(classDir)) {
                        throw new DataException(splitDir + " holds the image " + classDir.getFileName()
                                + " outside a class folder; expected " + split + "/<class>/<image>");
                    }
                    continue;
                }
                List<Path> images;
                try (Stream<Path> s = Files.list(classDir)) {
                    images = s.filter(Files::isRegularFile).filter(ImageFolderDataset::isImage).sorted().toList();
                }
                if (images.isEmpty()) {
                    throw new DataException(classDir + ": class folder holds no .png or .jpg images");
                }
                classes.add(classDir.getFileName().toString());
                files.add(images);
            }
        } catch (IOException e) {
            throw new DataException(splitDir + ": cannot be listed (" + e.getMessage() + ")", e);
        }
        if (classes.isEmpty()) {
            throw new DataException(splitDir + ": holds no class folders; expected " + split + "/<class>/<image>");
        }
        return new LabelledImageFiles(name() + " " + splitDir, classes, files);
    }
}
