package dev.metatune.run;

import java.util.List;
import java.util.Objects;

/**
 * One earlier study that warmed a tuning study: its trials were the sampler's prior, never trials
 * of the warmed study.
 *
 * @param study      the earlier study's name
 * @param where      where it is: {@code this run}, {@code run DIR} or {@code storage URL}
 * @param trials     how many of its complete trials the prior kept (those with a value inside the
 *                   warmed study's search)
 * @param parameters the searched parameters the two studies share, which the prior carries
 * @param sampler    the warmed study's sampler
 * @param used       whether that sampler uses a prior (one that does not samples as from a cold start)
 */
public record WarmStartSource(String study, String where, int trials, List<String> parameters, String sampler,
                              boolean used) {

    public WarmStartSource {
        Objects.requireNonNull(study, "study");
        Objects.requireNonNull(where, "where");
        Objects.requireNonNull(sampler, "sampler");
        parameters = List.copyOf(parameters);
        if (trials < 0) {
            throw new IllegalArgumentException("trials must be >= 0, got " + trials);
        }
    }
}
