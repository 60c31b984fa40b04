package dev.metatune.algorithms.mann;

import dev.metatune.learner.SequenceLearner;
import java.util.ArrayList;
import java.util.List;

/**
 * Accuracy by instance, the measure Santoro et al. 2016 report for MANNs (Table 1): the fraction of
 * correct predictions at the 1st, 2nd, ... presentation of a class within an episode's sequence
 * (the 1st is a guess among the labels not yet shown; later ones can use the memory), and the
 * accuracy of the queries presented after the whole support sequence.
 *
 * @param correct       correct predictions at instance {@code i + 1}
 * @param total         predictions made at instance {@code i + 1}
 * @param queryCorrect  correct query predictions
 * @param queryTotal    query predictions
 */
public record InstanceAccuracy(long[] correct, long[] total, long queryCorrect, long queryTotal) {

    public InstanceAccuracy {
        if (correct.length != total.length) {
            throw new IllegalArgumentException("correct and total counts differ in length: " + correct.length + " and "
                    + total.length);
        }
        correct = correct.clone();
        total = total.clone();
    }

    /** Instances counted: the most presentations of one class in a sequence. */
    public int instances() {
        return total.length;
    }

    /** Accuracy at the {@code instance}-th presentation (1-based); NaN when no prediction was made there. */
    public double at(int instance) {
        if (instance < 1 || instance > total.length) {
            return Double.NaN;
        }
        return total[instance - 1] == 0 ? Double.NaN : (double) correct[instance - 1] / total[instance - 1];
    }

    /** Accuracy of the queries. */
    public double queries() {
        return queryTotal == 0 ? Double.NaN : (double) queryCorrect / queryTotal;
    }

    @Override
    public long[] correct() {
        return correct.clone();
    }

    @Override
    public long[] total() {
        return total.clone();
    }

    /** {@code 1st 36.4% | 2nd 82.8% | ... | queries 90.1%}, the instances of {@code which} that were measured. */
    public String describe(int... which) {
        List<String> parts = new ArrayList<>();
        for (int i : which) {
            if (!Double.isNaN(at(i))) {
                parts.add(SequenceLearner.ordinal(i) + " " + String.format(java.util.Locale.ROOT, "%.1f%%", 100 * at(i)));
            }
        }
        if (queryTotal > 0) {
            parts.add(String.format(java.util.Locale.ROOT, "queries %.1f%%", 100 * queries()));
        }
        return String.join(" | ", parts);
    }

    /** Counts predictions as they are made. */
    static final class Tally {
        private final List<long[]> counts = new ArrayList<>();
        private long queryCorrect;
        private long queryTotal;

        void add(int instance, boolean right) {
            while (counts.size() < instance) {
                counts.add(new long[2]);
            }
            long[] c = counts.get(instance - 1);
            c[1]++;
            if (right) {
                c[0]++;
            }
        }

        void addQuery(boolean right) {
            queryTotal++;
            if (right) {
                queryCorrect++;
            }
        }

        InstanceAccuracy result() {
            long[] correct = new long[counts.size()];
            long[] total = new long[counts.size()];
            for (int i = 0; i < correct.length; i++) {
                correct[i] = counts.get(i)[0];
                total[i] = counts.get(i)[1];
            }
            return new InstanceAccuracy(correct, total, queryCorrect, queryTotal);
        }
    }
}
