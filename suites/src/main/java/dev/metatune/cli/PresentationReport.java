package dev.metatune.cli;

import dev.metatune.eval.EvaluationResult;
import dev.metatune.eval.MeanInterval;
import dev.metatune.learner.SequenceLearner;
import java.io.PrintStream;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * How {@code eval} and {@code test} show a sequence learner's accuracy by presentation (Santoro et
 * al. 2016's accuracy by instance): a line per presentation on stderr and {@code by_presentation}
 * in the JSON line, the queries as the presentation after the last labelled one.
 */
final class PresentationReport {

    private PresentationReport() {
    }

    /** Prints {@code accuracy at the 1st presentation: ...}, one line each, the queries last; nothing without rows. */
    static void print(EvaluationResult result, PrintStream err) {
        List<MeanInterval> curve = result.presentationCurve();
        for (int k = 0; k < curve.size(); k++) {
            boolean queries = k == curve.size() - 1;
            err.printf(Locale.ROOT, "  accuracy at the %s presentation of a class%s: %.4f +- %.4f%n",
                    SequenceLearner.ordinal(k + 1),
                    queries ? " (the queries, after " + k + " labelled)" : "", curve.get(k).mean(), curve.get(k).ci95());
        }
    }

    /** Adds {@code by_presentation} (presentation, accuracy, ci95, queries) to {@code line} when there are rows. */
    static void put(EvaluationResult result, Map<String, Object> line) {
        List<MeanInterval> curve = result.presentationCurve();
        if (curve.isEmpty()) {
            return;
        }
        List<Map<String, Object>> points = new ArrayList<>();
        for (int k = 0; k < curve.size(); k++) {
            Map<String, Object> point = new LinkedHashMap<>();
            point.put("presentation", k + 1);
            point.put("accuracy", curve.get(k).mean());
            point.put("ci95", curve.get(k).ci95());
            point.put("queries", k == curve.size() - 1);
            points.add(point);
        }
        line.put("by_presentation", points);
    }
}
