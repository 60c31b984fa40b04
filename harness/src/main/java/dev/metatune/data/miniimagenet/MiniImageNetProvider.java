package dev.metatune.data.miniimagenet;

import dev.metatune.data.DataOptions;
import dev.metatune.data.Dataset;
import dev.metatune.data.DatasetProvider;
import java.util.List;

/**
 * mini-ImageNet (Vinyals et al., "Matching Networks for One Shot Learning", NeurIPS 2016) with the class
 * split of Ravi and Larochelle (ICLR 2017): 64 / 16 / 20 classes of 600 images.
 *
 * <p><b>Layout</b>, the common one, under {@code <data root>/mini-imagenet/}: {@code images/} holding the
 * image files (JPEG or PNG), and {@code train.csv}, {@code val.csv}, {@code test.csv}, each with the header
 * {@code filename,label} and one image a row ({@code filename} relative to {@code images/}). Classes are the
 * distinct labels of a split's CSV, sorted; a class's images in CSV order.
 *
 * <p><b>Preprocessing</b>: decoded with {@link javax.imageio.ImageIO}, scaled to {@code size x size} (84 by
 * default, {@link DataOptions#imageSize()} otherwise) with bilinear interpolation when the file has another
 * size, 3 channels (RGB), values in [0, 1], no normalisation. Decoded images are cached one byte per value
 * in {@link DataOptions#cacheDir()}, keyed by the listing, every file's size and modification time, and the size.
 */
public final class MiniImageNetProvider implements DatasetProvider {

    /** The registered name. */
    public static final String NAME = "mini-imagenet";
    /** Default image side. */
    public static final int DEFAULT_SIZE = 84;
    static final List<String> SPLITS = List.of("train", "val", "test");

    @Override
    public String name() {
        return NAME;
    }

    @Override
    public String description() {
        return "mini-ImageNet, images/ plus train.csv, val.csv, test.csv (filename,label); 84x84 RGB";
    }

    @Override
    public List<String> splitNames() {
        return SPLITS;
    }

    @Override
    public Dataset open(DataOptions options) {
        return new MiniImageNetDataset(options);
    }
}
