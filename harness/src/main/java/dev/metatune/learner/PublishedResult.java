package dev.metatune.learner;

import java.util.Objects;

/**
 * A test result an algorithm's paper reports, to put beside a run's number: the data set (its
 * registered name), the setting as a report labels it ({@code 5w1s}), the value as a fraction for
 * accuracies (0.987) or the metric's own unit otherwise, the half-width of the paper's 95% interval
 * when it gives one, and the citation (authors, venue, table).
 */
public record PublishedResult(String dataset, String setting, double value, Double interval, String citation) {

    public PublishedResult {
        Objects.requireNonNull(dataset, "dataset");
        Objects.requireNonNull(setting, "setting");
        Objects.requireNonNull(citation, "citation");
        if (!Double.isFinite(value)) {
            throw new IllegalArgumentException("published result for " + dataset + " " + setting + " must be finite, got "
                    + value);
        }
        if (interval != null && !(interval >= 0)) {
            throw new IllegalArgumentException("published interval for " + dataset + " " + setting
                    + " must be >= 0, got " + interval);
        }
    }
}
