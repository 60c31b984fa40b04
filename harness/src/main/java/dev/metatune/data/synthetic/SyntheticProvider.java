package dev.metatune.data.synthetic;

import dev.metatune.data.DataOptions;
import dev.metatune.data.Dataset;
import dev.metatune.data.DatasetProvider;
import java.util.List;

/**
 * Generated handwriting-like image classes ({@link SyntheticImagePool#strokes}, {@link StrokeStyle#DEFAULT})
 * for smoke tests and for the quickstart when no real data is present; needs no files. Each class is a
 * few strokes (lines, corners, arcs) from a pool its split's classes share, each image a random
 * distortion of them (affine map, stroke jitter, thickness, pixel noise): a few-shot problem in the
 * spirit of Omniglot. Splits {@code train}, {@code val}, {@code test} with 64, 16 and 20 classes of 20
 * images, 28x28 by default ({@link DataOptions#imageSize()} otherwise), one channel, values in [0, 1].
 * Each split has its own stroke pool, so the splits share no class.
 */
public final class SyntheticProvider implements DatasetProvider {

    /** The registered name. */
    public static final String NAME = "synthetic";

    @Override
    public String name() {
        return NAME;
    }

    @Override
    public String description() {
        return "generated stroke characters: classes share strokes, images distorted and noisy"
                + " (64/16/20 classes of 20 images, 28x28), no files needed";
    }

    @Override
    public List<String> splitNames() {
        return SyntheticDataset.SPLITS;
    }

    @Override
    public Dataset open(DataOptions options) {
        return new SyntheticDataset(options.imageSizeOr(SyntheticDataset.DEFAULT_SIZE));
    }
}
