package dev.metatune.data.pendulum;

import dev.metatune.data.DataOptions;
import dev.metatune.data.Dataset;
import dev.metatune.data.DatasetProvider;
import dev.metatune.data.environment.EnvironmentDataset;
import java.util.List;

/**
 * {@code pendulum}: pendulum swing-up with mass uniform in [0.5, 2.0] and length in [0.5, 1.5] per
 * task (see {@link PendulumFamily}); generated, needs no files.
 */
public final class PendulumProvider implements DatasetProvider {

    @Override
    public String name() {
        return PendulumFamily.NAME;
    }

    @Override
    public String description() {
        return "pendulum swing-up (RL): mass uniform in [0.5, 2.0], length in [0.5, 1.5] per task, torque clipped"
                + " to [-2, 2], horizon 100";
    }

    @Override
    public List<String> splitNames() {
        return EnvironmentDataset.SPLITS;
    }

    @Override
    public Dataset open(DataOptions options) {
        return new EnvironmentDataset(new PendulumFamily());
    }
}
