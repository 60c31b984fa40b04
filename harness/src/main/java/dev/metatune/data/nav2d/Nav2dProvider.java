package dev.metatune.data.nav2d;

import dev.metatune.data.DataOptions;
import dev.metatune.data.Dataset;
import dev.metatune.data.DatasetProvider;
import dev.metatune.data.environment.EnvironmentDataset;
import java.util.List;

/**
 * {@code nav2d}: the 2D navigation tasks of Finn et al. 2017, section 5.3 (see {@link Nav2dFamily});
 * generated, needs no files.
 */
public final class Nav2dProvider implements DatasetProvider {

    @Override
    public String name() {
        return Nav2dFamily.NAME;
    }

    @Override
    public String description() {
        return "2D navigation (Finn et al. 2017, RL): point agent, goal uniform in [-0.5, 0.5]^2, reward -distance,"
                + " actions clipped to [-0.1, 0.1], horizon 100";
    }

    @Override
    public List<String> splitNames() {
        return EnvironmentDataset.SPLITS;
    }

    @Override
    public Dataset open(DataOptions options) {
        return new EnvironmentDataset(new Nav2dFamily());
    }
}
