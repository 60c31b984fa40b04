package dev.metatune.eval;

import java.util.ArrayList;
import java.util.List;

/**
 * Collects each test episode's accuracy by presentation ({@link dev.metatune.learner.SequenceLearner})
 * into the rows of {@link EvaluationResult#byPresentation()}: row {@code k - 1} holds every episode's
 * accuracy at the {@code k}-th presentation. Episodes of different shot counts have no common rows,
 * so then there are none.
 */
public final class PresentationTally {

    private final List<double[]> episodes = new ArrayList<>();

    /** Adds the next episode's accuracies, presentation 1 first and the queries last. */
    public void add(double[] byPresentation) {
        episodes.add(byPresentation.clone());
    }

    /** {@code [presentation - 1][episode]}, or no rows when nothing was added or the lengths differ. */
    public double[][] rows() {
        if (episodes.isEmpty()) {
            return new double[0][];
        }
        int length = episodes.get(0).length;
        for (double[] e : episodes) {
            if (e.length != length) {
                return new double[0][];
            }
        }
        double[][] rows = new double[length][episodes.size()];
        for (int i = 0; i < episodes.size(); i++) {
            for (int k = 0; k < length; k++) {
                rows[k][i] = episodes.get(i)[k];
            }
        }
        return rows;
    }
}
