package dev.metatune.data.imagefolder;

import dev.metatune.data.DataOptions;
import dev.metatune.data.Dataset;
import dev.metatune.data.DatasetProvider;
import java.util.List;

/**
 * Any image collection laid out one folder per class, in the manner of torchvision's {@code ImageFolder}.
 *
 * <p><b>Layout</b>, under {@code <data root>/image-folder/}: {@code <split>/<class>/<image>} for the splits
 * {@code train}, {@code val} and {@code test}, images being {@code .png}, {@code .jpg} or {@code .jpeg} files
 * (other files are ignored). Classes are the sub-folders of a split, sorted by name; a class's images sorted
 * by file name. The splits should not share classes; that is the user's choice of folders.
 *
 * <p><b>Preprocessing</b>: as mini-ImageNet's: scaled to {@code size x size} (84 by default,
 * {@link DataOptions#imageSize()} otherwise) with bilinear interpolation when the file has another size,
 * RGB, values in [0, 1]; cached one byte per value in {@link DataOptions#cacheDir()}.
 */
public final class ImageFolderProvider implements DatasetProvider {

    /** The registered name. */
    public static final String NAME = "image-folder";
    /** Default image side. */
    public static final int DEFAULT_SIZE = 84;
    static final List<String> SPLITS = List.of("train", "val", "test");

    @Override
    public String name() {
        return NAME;
    }

    @Override
    public String description() {
        return "your own images, image-folder/<split>/<class>/*.{png,jpg}; 84x84 RGB";
    }

    @Override
    public List<String> splitNames() {
        return SPLITS;
    }

    @Override
    public Dataset open(DataOptions options) {
        return new ImageFolderDataset(options);
    }
}
