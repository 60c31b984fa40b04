package dev.metatune.report;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.metatune.space.Distribution;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/** The heat map's two parameters come from the study's search space, never from an algorithm's names. */
class HeatmapAxesTest {

    private static Map<String, Distribution> search() {
        Map<String, Distribution> s = new LinkedHashMap<>();
        s.put("zeta", Distribution.FloatRange.logScale(1e-4, 1.0));     // four decades, log-scaled
        s.put("alpha", Distribution.IntRange.of(1, 100));
        s.put("mid", Distribution.FloatRange.linear(0, 1));
        s.put("kind", new Distribution.Categorical(List.of(1L, 2L)));    // numeric choices, but not a range
        return s;
    }

    private static TrialRow row(int n, String state, Object... kv) {
        Map<String, Object> p = new LinkedHashMap<>();
        for (int i = 0; i < kv.length; i += 2) {
            p.put((String) kv[i], kv[i + 1]);
        }
        return new TrialRow("s", n, state, p, 0.5, 1, 0, "cpu()", 1, null);
    }

    @Test
    void picksTheTwoThatSpreadMostOverTheirScaledRangeInSearchOrder() {
        List<TrialRow> rows = new ArrayList<>();
        // zeta spans the log range end to end; alpha barely moves in 1..100; mid spans half its range
        rows.add(row(0, "COMPLETE", "zeta", 1e-4, "alpha", 50L, "mid", 0.25, "kind", 1L));
        rows.add(row(1, "COMPLETE", "zeta", 1.0, "alpha", 51L, "mid", 0.75, "kind", 2L));
        // a failed trial's extreme values do not count
        rows.add(row(2, "FAIL", "zeta", 1e-2, "alpha", 1L, "mid", 0.5, "kind", 1L));
        rows.add(row(3, "FAIL", "zeta", 1e-2, "alpha", 100L, "mid", 0.5, "kind", 1L));
        assertEquals(Optional.of(List.of("zeta", "mid")), HeatmapAxes.choose(search(), List.of(), rows));
    }

    @Test
    void logScaledRangesAreMeasuredOnTheLogScale() {
        Map<String, Distribution> s = new LinkedHashMap<>();
        s.put("lr", Distribution.FloatRange.logScale(1e-4, 1.0));
        s.put("lin", Distribution.FloatRange.linear(1e-4, 1.0));
        s.put("steps", Distribution.IntRange.of(1, 3));
        // the same values: large spread on the log scale, almost none on the linear one
        List<TrialRow> rows = List.of(row(0, "COMPLETE", "lr", 1e-4, "lin", 1e-4, "steps", 1L),
                row(1, "COMPLETE", "lr", 1e-2, "lin", 1e-2, "steps", 2L));
        assertEquals(Optional.of(List.of("lr", "steps")), HeatmapAxes.choose(s, List.of(), rows));
    }

    @Test
    void tiesGoToTheFirstNamesAlphabeticallyAndTheSuiteCanNameTheAxes() {
        Map<String, Distribution> s = new LinkedHashMap<>();
        s.put("c", Distribution.FloatRange.linear(0, 1));
        s.put("b", Distribution.FloatRange.linear(0, 1));
        s.put("a", Distribution.FloatRange.linear(0, 1));
        assertEquals(Optional.of(List.of("b", "a")), HeatmapAxes.choose(s, List.of(), List.of()), "no trials: by name");
        assertEquals(Optional.of(List.of("c", "a")), HeatmapAxes.choose(s, List.of("c", "a"), List.of()));
    }

    @Test
    void noHeatMapWithFewerThanTwoNumericSearchedParameters() {
        Map<String, Distribution> s = new LinkedHashMap<>();
        s.put("lr", Distribution.FloatRange.logScale(1e-4, 1.0));
        s.put("kind", new Distribution.Categorical(List.of("a", "b")));
        assertEquals(Optional.empty(), HeatmapAxes.choose(s, List.of(), List.of(row(0, "COMPLETE", "lr", 0.1, "kind", "a"))));
    }
}
