package dev.metatune.report;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.metatune.eval.Metric;
import dev.metatune.hpo.StudyDirection;
import dev.metatune.report.chart.Marker;
import dev.metatune.report.chart.XYPlot;
import dev.metatune.run.TuningStudy;
import dev.metatune.space.Distribution;
import java.awt.image.BufferedImage;
import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import javax.imageio.ImageIO;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The study figures: every trial with its state, staircase best-so-far, log axes, bins, curves, files. */
class PlotsTest {

    private static final Pattern NUMBER = Pattern.compile("-?\\d+\\.(\\d+)");

    @TempDir
    Path dir;

    static TuningStudy study(boolean logLr) {
        Map<String, Distribution> search = new LinkedHashMap<>();
        search.put("inner_lr", new Distribution.FloatRange(0.001, 0.4, logLr, 0));
        search.put("inner_steps", new Distribution.IntRange(1, 3, 1, false));
        return new TuningStudy("maml", "omniglot", "5w1s", Metric.ACCURACY, StudyDirection.MAXIMIZE, Optional.empty(),
                "", search, List.of());
    }

    /** 12 trials: number 5 pruned, 7 failed, the rest complete with odd values such as 0.660666666666667. */
    static List<TrialRow> trials() {
        List<TrialRow> rows = new ArrayList<>();
        for (int i = 0; i < 12; i++) {
            double lr = 0.001 * Math.pow(10, i / 5.0);
            int steps = 1 + i % 3;
            String state = i == 5 ? "PRUNED" : i == 7 ? "FAIL" : "COMPLETE";
            Double value = i == 7 || i == 5 ? null : 0.6 + 0.0606666666666667 * Math.sin(i) + 0.01 * steps;
            rows.add(new TrialRow("s", i, state, Map.of("inner_lr", lr, "inner_steps", steps), value, 3, 1.5, "cpu()", 1,
                    i == 7 ? "loss diverged" : ""));
        }
        return rows;
    }

    static List<CurvePoint> curves() {
        List<CurvePoint> points = new ArrayList<>();
        for (int i = 0; i < 12; i++) {
            int last = i == 5 ? 20 : i == 7 ? 0 : 60;
            for (int step = 20; step <= last; step += 20) {
                points.add(new CurvePoint("s", i, step, 0.4 + 0.003 * step + 0.001 * i));
            }
        }
        return points;
    }

    private static RecordingCanvas draw(XYPlot plot) {
        RecordingCanvas c = new RecordingCanvas();
        plot.draw(c);
        return c;
    }

    private static void assertTidyNumbers(RecordingCanvas c) {
        for (String t : c.texts) {
            Matcher m = NUMBER.matcher(t);
            while (m.find()) {
                assertTrue(m.group(1).length() <= 4, "a number written to its precision, got '" + t + "'");
            }
        }
    }

    @Test
    void historyShowsEveryTrialByStateAndAStaircaseOfTheBest() {
        RecordingCanvas c = draw(Plots.history(study(true), trials(), curves()));
        // 10 complete + 1 legend, 1 pruned + 1 legend, 1 failed + 1 legend
        assertEquals(11, c.count(Marker.CIRCLE), "complete trials");
        assertEquals(2, c.count(Marker.TRIANGLE_DOWN), "the pruned trial is drawn, at its last reported value");
        assertEquals(2, c.count(Marker.CROSS), "the failed trial is drawn");
        assertEquals(1, c.polylines.size());
        RecordingCanvas.Poly best = c.polylines.get(0);
        for (int i = 1; i < best.xs().length; i++) {
            assertTrue(best.xs()[i] == best.xs()[i - 1] || best.ys()[i] == best.ys()[i - 1],
                    "each segment of best-so-far is horizontal or vertical (a staircase), segment " + i);
        }
        assertTrue(c.texts.contains("best so far") && c.texts.contains("pruned (last reported value)"), c.texts.toString());
        assertTrue(c.texts.stream().anyMatch(t -> t.contains("maml on omniglot 5w1s")), "title names algorithm, data, setting");
        assertTidyNumbers(c);
        long yTicks = c.texts.stream().filter(t -> t.matches("0\\.\\d+")).count();
        assertTrue(yTicks >= 3 && yTicks <= 12, "a sensible number of value ticks: " + c.texts);
    }

    @Test
    void aLogSearchedParameterGetsALogAxisOverItsRange() {
        RecordingCanvas log = draw(Plots.slice(study(true), "inner_lr", trials(), curves()));
        assertTrue(log.texts.containsAll(List.of("0.001", "0.01", "0.1")), "decade ticks: " + log.texts);
        assertTrue(log.texts.contains("inner_lr (log scale)"));
        assertTidyNumbers(log);
        // negative control: the same parameter searched linearly gets no decade ticks
        RecordingCanvas linear = draw(Plots.slice(study(false), "inner_lr", trials(), curves()));
        assertFalse(linear.texts.contains("0.001"), linear.texts.toString());
        assertTrue(linear.texts.contains("0.1") && linear.texts.contains("0.2"), linear.texts.toString());
    }

    @Test
    void theHeatMapBinsAContinuousParameterAndAnIntegerOnePerValue() {
        RecordingCanvas c = draw(Plots.heatMap(study(true), "inner_lr", "inner_steps", trials(), curves()));
        long cells = c.boxes.stream().filter(b -> b.fill() != null && b.w() > 20 && b.w() < 200 && b.h() > 50).count();
        assertEquals(Bins.CONTINUOUS_BINS * 3, cells, "8 log bins of inner_lr x 3 values of inner_steps");
        assertTrue(c.texts.containsAll(List.of("1", "2", "3")), "one tick per inner_steps value: " + c.texts);
        assertTidyNumbers(c);
    }

    @Test
    void learningCurvesEndWhereATrialStopped() {
        RecordingCanvas c = draw(Plots.learningCurves(study(true), trials(), curves()));
        assertEquals(11, c.polylines.size(), "one line per trial that reported a value (the failed one did not)");
        assertEquals(2, c.count(Marker.TRIANGLE_DOWN), "a triangle where the pruned trial stopped (+ legend)");
        double prunedEnd = c.marks.stream().filter(m -> m.marker() == Marker.TRIANGLE_DOWN)
                .mapToDouble(RecordingCanvas.Mark::x).min().orElseThrow();
        double completeEnd = c.marks.stream().filter(m -> m.marker() == Marker.CIRCLE)
                .mapToDouble(RecordingCanvas.Mark::x).max().orElseThrow();
        assertTrue(prunedEnd < completeEnd - 100, "the pruned curve ends at step 20, the others at 60");
    }

    @Test
    void figuresAreReadablePngAndSvgAndRepeatable() throws Exception {
        Figure a = Figure.write(dir, "history", "h", Plots.history(study(true), trials(), curves()));
        byte[] png = Files.readAllBytes(dir.resolve(a.png()));
        byte[] svg = Files.readAllBytes(dir.resolve(a.svg()));
        BufferedImage image = ImageIO.read(new ByteArrayInputStream(png));
        assertNotNull(image);
        assertEquals(XYPlot.WIDTH, image.getWidth());
        assertEquals(XYPlot.HEIGHT, image.getHeight());
        String text = new String(svg, StandardCharsets.UTF_8);
        assertTrue(text.startsWith("<?xml") && text.contains("<svg") && text.trim().endsWith("</svg>"));
        assertTrue(text.contains(">best so far</text>"), "text stays text");
        Figure b = Figure.write(dir.resolve("again"), "history", "h", Plots.history(study(true), trials(), curves()));
        assertArrayEquals(png, Files.readAllBytes(dir.resolve("again").resolve(b.png())));
        assertArrayEquals(svg, Files.readAllBytes(dir.resolve("again").resolve(b.svg())));
    }

    @Test
    void figuresWithoutFinishedTrialsStillRender() throws Exception {
        Figure.write(dir, "empty", "e", Plots.history(study(true), List.of(), List.of()));
        Figure.write(dir, "emptyheat", "e", Plots.heatMap(study(true), "inner_lr", "inner_steps", List.of(), List.of()));
        Figure.write(dir, "emptycurves", "e", Plots.learningCurves(study(true), List.of(), List.of()));
        assertNotNull(ImageIO.read(dir.resolve("plots/empty.png").toFile()));
        assertNotNull(ImageIO.read(dir.resolve("plots/emptyheat.png").toFile()));
    }
}
