package dev.metatune.data.cifarfs;

import dev.metatune.data.DataOptions;
import dev.metatune.data.Dataset;
import dev.metatune.data.DatasetProvider;
import java.util.List;

/**
 * CIFAR-FS (Bertinetto, Henriques, Torr and Vedaldi, "Meta-learning with differentiable closed-form
 * solvers", ICLR 2019): the 100 classes of CIFAR-100 (Krizhevsky 2009), train and test images together
 * (600 a class), split 64 / 16 / 20 into {@code train}, {@code val}, {@code test}.
 *
 * <p><b>Layouts</b> under {@code <data root>/cifar-fs/}, the first found is used:
 * <ol>
 * <li>the official binary version of CIFAR-100, as extracted from {@code cifar-100-binary.tar.gz}:
 *     {@code cifar-100-binary/train.bin}, {@code cifar-100-binary/test.bin} (records of 3,074 bytes: coarse
 *     label, fine label, 1,024 red, 1,024 green, 1,024 blue values of a 32x32 image) and
 *     {@code cifar-100-binary/fine_label_names.txt} (one name a line, in label order);</li>
 * <li>the common CIFAR-FS folder layout {@code data/<class>/*.png}.</li>
 * </ol>
 * <b>Class splits</b>: {@code splits/bertinetto/{train,val,test}.txt} (one CIFAR-100 fine label name a
 * line) when present, otherwise the published lists of Bertinetto et al. shipped with this class.
 *
 * <p><b>Preprocessing</b>: 32x32 RGB (or scaled bilinearly to {@link DataOptions#imageSize()}), values in
 * [0, 1], no normalisation. The binary files are read directly (they are already the compact form); the
 * folder layout's PNGs are decoded once and cached in {@link DataOptions#cacheDir()}.
 */
public final class CifarFsProvider implements DatasetProvider {

    /** The registered name. */
    public static final String NAME = "cifar-fs";
    /** Default image side. */
    public static final int DEFAULT_SIZE = 32;
    static final List<String> SPLITS = List.of("train", "val", "test");

    @Override
    public String name() {
        return NAME;
    }

    @Override
    public String description() {
        return "CIFAR-FS: CIFAR-100 (binary version or data/<class>/*.png) with Bertinetto's 64/16/20 class split; 32x32 RGB";
    }

    @Override
    public List<String> splitNames() {
        return SPLITS;
    }

    @Override
    public Dataset open(DataOptions options) {
        return new CifarFsDataset(options);
    }
}
