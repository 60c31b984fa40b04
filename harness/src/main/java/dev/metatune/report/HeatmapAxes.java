package dev.metatune.report;

import dev.metatune.space.Distribution;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The two parameters a study's heat map shows: those the suite names, or else the two numeric
 * searched parameters that vary most across the study's completed trials. How much a parameter
 * varies is measured without units: the standard deviation of its values placed on its search range
 * scaled to [0, 1] (on the log scale for log-scaled ranges), so a learning rate searched over four
 * decades and a step count searched over 1..3 compare fairly. Ties go to the name first in
 * alphabetical order; the chosen pair is shown in search-space order (x first).
 */
final class HeatmapAxes {

    private HeatmapAxes() {
    }

    /** The heat map's (x, y) parameters, or empty when fewer than two numeric parameters are searched. */
    static Optional<List<String>> choose(Map<String, Distribution> search, List<String> named, List<TrialRow> rows) {
        if (!named.isEmpty()) {
            return Optional.of(List.copyOf(named));
        }
        List<String> numeric = new ArrayList<>();
        search.forEach((name, d) -> {
            if (d instanceof Distribution.FloatRange || d instanceof Distribution.IntRange) {
                numeric.add(name);
            }
        });
        if (numeric.size() < 2) {
            return Optional.empty();
        }
        List<String> ranked = new ArrayList<>(numeric);
        ranked.sort(Comparator.comparingDouble((String p) -> -spread(search.get(p), p, rows))
                .thenComparing(Comparator.naturalOrder()));
        List<String> chosen = new ArrayList<>(numeric);
        chosen.retainAll(ranked.subList(0, 2));
        return Optional.of(chosen);
    }

    /** The standard deviation of a parameter's completed-trial values on its search range scaled to [0, 1]. */
    static double spread(Distribution d, String parameter, List<TrialRow> rows) {
        double low;
        double high;
        boolean log;
        if (d instanceof Distribution.FloatRange f) {
            low = f.low();
            high = f.high();
            log = f.log();
        } else if (d instanceof Distribution.IntRange r) {
            low = r.low();
            high = r.high();
            log = r.log();
        } else {
            return 0;
        }
        double from = scale(low, log);
        double width = scale(high, log) - from;
        List<Double> unit = new ArrayList<>();
        for (TrialRow t : rows) {
            if ("COMPLETE".equals(t.state()) && t.params().get(parameter) instanceof Number n) {
                unit.add(width > 0 ? (scale(n.doubleValue(), log) - from) / width : 0);
            }
        }
        if (unit.size() < 2) {
            return 0;
        }
        double mean = unit.stream().mapToDouble(Double::doubleValue).average().orElse(0);
        double sq = unit.stream().mapToDouble(u -> (u - mean) * (u - mean)).sum();
        return Math.sqrt(sq / unit.size());
    }

    private static double scale(double v, boolean log) {
        return log ? Math.log(v) : v;
    }
}
