package dev.metatune.data.sinusoid;

import dev.metatune.data.DataOptions;
import dev.metatune.data.Dataset;
import dev.metatune.data.DatasetProvider;
import java.util.List;

/**
 * Sinusoid regression (Finn, Abbeel and Levine, ICML 2017, section 5.1; see
 * {@link SinusoidEpisodeSource}); needs no files. Splits {@code train}, {@code val}, {@code test} draw
 * their functions from different seed streams of the same distribution; episodes have {@code ways = 1}.
 */
public final class SinusoidProvider implements DatasetProvider {

    /** The registered name. */
    public static final String NAME = "sinusoid";

    @Override
    public String name() {
        return NAME;
    }

    @Override
    public String description() {
        return "sinusoid regression (Finn et al. 2017): amplitude [0.1, 5], phase [0, pi], x in [-5, 5]";
    }

    @Override
    public List<String> splitNames() {
        return SinusoidDataset.SPLITS;
    }

    @Override
    public Dataset open(DataOptions options) {
        return new SinusoidDataset();
    }
}
