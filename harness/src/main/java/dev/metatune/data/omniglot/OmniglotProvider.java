package dev.metatune.data.omniglot;

import dev.metatune.data.DataOptions;
import dev.metatune.data.Dataset;
import dev.metatune.data.DatasetProvider;
import java.util.List;
import java.util.Objects;

/**
 * Omniglot (Lake, Salakhutdinov and Tenenbaum, "Human-level concept learning through probabilistic
 * program induction", Science 2015): 1,623 handwritten characters of 50 alphabets, 20 drawers each.
 *
 * <p><b>Files</b>, under {@code <data root>/omniglot/}: the official archives {@code images_background.zip}
 * and {@code images_evaluation.zip} (members {@code images_xxx/<Alphabet>/characterNN/<id>_<drawer>.png}),
 * or the folders {@code images_background/} and {@code images_evaluation/} they extract to; and the
 * Vinyals split files {@code splits/vinyals/{train,val,trainval,test}.txt}. When they are absent and
 * {@link DataOptions#allowDownload()} is set, {@link OmniglotDownload} fetches them.
 *
 * <p><b>Splits.</b> {@code train}, {@code val}, {@code trainval}, {@code test}: the split of Vinyals et al.
 * (2016) as used by Snell et al. (2017), with rotations as classes: a class is a line
 * {@code Alphabet/characterNN/rotDDD} of the split file, the character's 20 drawings turned
 * counter-clockwise by DDD degrees (4,112 / 688 / 4,800 / 1,692 classes). {@code background},
 * {@code evaluation}: Lake et al.'s split, one class per character of that archive, unrotated (964 / 659
 * classes), named {@code Alphabet/characterNN}.
 *
 * <p><b>Preprocessing</b>, as the PyTorch peer's Pillow resize of the mode-'1' images: each 105x105
 * 1-bit PNG is resized to {@code size x size} (28 by default, {@link DataOptions#imageSize()} otherwise)
 * by nearest-neighbour sampling, output pixel (y, x) taking source pixel
 * ({@code floor((y + 0.5) * 105 / size)}, {@code floor((x + 0.5) * 105 / size)}); then 1 = stroke (a black
 * pixel), 0 = background. One channel, no normalisation; rotations as {@code torch.rot90(img, k, dims=(H, W))}.
 *
 * <p><b>Cache.</b> The decoded drawings of each archive are stored one byte per pixel in an
 * {@link dev.metatune.data.cache.ImageCache} file in {@link DataOptions#cacheDir()}, keyed by a fingerprint
 * of the archive's member names, CRCs and sizes, the image size and the preprocessing; a stale or corrupt
 * file is rebuilt.
 */
public final class OmniglotProvider implements DatasetProvider {

    /** The registered name. */
    public static final String NAME = "omniglot";
    /** Default image side. */
    public static final int DEFAULT_SIZE = 28;
    static final List<String> SPLITS = List.of("train", "val", "trainval", "test", "background", "evaluation");

    private final OmniglotDownload download;

    /** With the official download locations (used only when downloads are allowed). */
    public OmniglotProvider() {
        this(OmniglotDownload.official());
    }

    /** With the given download locations and checksums. */
    public OmniglotProvider(OmniglotDownload download) {
        this.download = Objects.requireNonNull(download, "download");
    }

    @Override
    public String name() {
        return NAME;
    }

    @Override
    public String description() {
        return "Omniglot handwritten characters, Vinyals split with rotations (train/val/trainval/test) and "
                + "Lake's background/evaluation; 28x28 binary";
    }

    @Override
    public List<String> splitNames() {
        return SPLITS;
    }

    @Override
    public Dataset open(DataOptions options) {
        return new OmniglotDataset(options, download);
    }
}
