package dev.metatune.report;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.metatune.report.chart.Marker;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The comparison chart marks the best group and the paper's numbers; a sweep over shots gets its curve. */
class SettingPlotsTest {

    private static ComparisonRow row(String setting, String algorithm, double mean, Double paper, Double p) {
        return new ComparisonRow("omniglot", setting, algorithm, Map.of(), "accuracy", mean, 0.02, 100, 2, 0.01, paper, p,
                "");
    }

    @Test
    void theComparisonChartMarksTheBestAndThoseNotSignificantlyDifferent() {
        List<ComparisonRow> rows = List.of(row("5w1s", "maml", 0.95, 0.987, null), row("5w1s", "fomaml", 0.94, null, 0.2),
                row("5w1s", "protonet", 0.80, 0.988, 0.001));
        RecordingCanvas c = new RecordingCanvas();
        SettingPlots.comparison(rows).draw(c);
        assertEquals(2 + 1, c.count(Marker.SQUARE), "best and not-different (p = 0.2) as squares, + legend");
        assertEquals(1 + 1, c.count(Marker.CIRCLE), "the one worse at p = 0.001 as a circle, + legend");
        assertEquals(2 + 1, c.count(Marker.OPEN_DIAMOND), "the two papers' numbers, + legend");
        assertTrue(c.texts.containsAll(List.of("maml", "fomaml", "protonet")), "algorithms on the axis");
        assertTrue(c.texts.contains("Test accuracy: omniglot 5w1s"), c.texts.toString());
        assertTrue(c.texts.stream().anyMatch(t -> t.startsWith("95.00 ± 2.00")), "values in percent: " + c.texts);
        assertTrue(c.texts.stream().noneMatch(t -> t.matches("10[1-9]|1[1-9]\\d")), "a percentage axis stops at 100");
    }

    @Test
    void aSweepOverShotsGetsAShotsCurveAndASingleSettingDoesNot() {
        List<ComparisonRow> sweep = List.of(row("5w1s", "maml", 0.9, null, null), row("5w5s", "maml", 0.97, null, null),
                row("5w1s", "protonet", 0.88, null, 0.01), row("5w5s", "protonet", 0.98, null, null));
        List<SettingPlots.Scaling> figures = SettingPlots.scaling(sweep);
        assertEquals(List.of("omniglot-5w-by-shots"), figures.stream().map(SettingPlots.Scaling::stem).toList());
        RecordingCanvas c = new RecordingCanvas();
        figures.get(0).plot().draw(c);
        assertEquals(2, c.polylines.size(), "one line per algorithm");
        assertTrue(c.texts.containsAll(List.of("1", "5", "maml", "protonet")), "ticks at the shots swept: " + c.texts);
        // negative control: one setting only, nothing to draw across
        assertTrue(SettingPlots.scaling(sweep.subList(0, 1)).isEmpty());
        // ways swept at fixed shots
        List<ComparisonRow> ways = List.of(row("5w1s", "maml", 0.9, null, null), row("20w1s", "maml", 0.8, null, null));
        assertEquals(List.of("omniglot-1s-by-ways"), SettingPlots.scaling(ways).stream().map(SettingPlots.Scaling::stem)
                .toList());
    }
}
