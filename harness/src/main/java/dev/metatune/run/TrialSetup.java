package dev.metatune.run;

import java.util.Collections;
import java.util.Map;
import java.util.Objects;
import java.util.TreeMap;

/**
 * How a tuning trial was run, beside the parameters its sampler drew: the training seed, the device
 * and the hyperparameters the suite holds fixed.
 *
 * @param seed   the training seed
 * @param device the device it ran on, e.g. {@code cpu()}; "" when not recorded
 * @param fixed  the fixed hyperparameters, by name
 */
public record TrialSetup(long seed, String device, Map<String, Object> fixed) {

    public TrialSetup {
        Objects.requireNonNull(device, "device");
        fixed = Collections.unmodifiableMap(new TreeMap<>(fixed));
    }
}
