package dev.metatune.report;

import java.util.Map;
import java.util.TreeMap;

/**
 * One algorithm's final result on one (data set, setting): its best parameters, the test score
 * over the fixed episodes averaged over training seeds, the interval over episodes and the spread
 * over seeds stated apart, the paper's number where one exists, and the paired test against the
 * best algorithm of the setting on the same episodes.
 *
 * @param metric        accuracy or mse
 * @param mean          mean test score over seeds and episodes
 * @param ci95          95% half-width over episodes (per-episode scores averaged over seeds)
 * @param episodes      test episodes
 * @param seeds         training seeds
 * @param seedStd       standard deviation of the per-seed means (0 with one seed)
 * @param paper         the published number, or null
 * @param pValueVsBest  Wilcoxon signed-rank p-value against the best algorithm (null for the best itself)
 * @param notes         protocol notes: test-time inner steps, transductive or not, training budget
 */
public record ComparisonRow(String dataset, String setting, String algorithm, Map<String, Object> bestParams,
                            String metric, double mean, double ci95, int episodes, int seeds, double seedStd,
                            Double paper, Double pValueVsBest, String notes) {

    public ComparisonRow {
        bestParams = java.util.Collections.unmodifiableMap(new TreeMap<>(bestParams));
        notes = notes == null ? "" : notes;
    }

    /** The difference from the paper's number, or null. */
    public Double differenceFromPaper() {
        return paper == null ? null : mean - paper;
    }
}
