package dev.metatune.report;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;

import java.awt.image.BufferedImage;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import javax.imageio.ImageIO;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class PlotsTest {

    @TempDir
    Path dir;

    private static List<TrialRow> trials() {
        List<TrialRow> rows = new ArrayList<>();
        for (int i = 0; i < 12; i++) {
            double lr = 0.01 * Math.pow(10, i / 6.0);
            int steps = 1 + i % 3;
            String state = i == 5 ? "PRUNED" : i == 7 ? "FAIL" : "COMPLETE";
            Double value = i == 7 ? null : 0.5 + 0.03 * i - 0.01 * steps;
            rows.add(new TrialRow("s", i, state, Map.of("inner_lr", lr, "inner_steps", steps), value, 3, 1.5, "cpu()", 1,
                    i == 7 ? "loss diverged" : ""));
        }
        return rows;
    }

    @Test
    void everyPlotIsAReadablePngAndRepeatable() throws Exception {
        List<CurvePoint> curve = List.of(new CurvePoint("s", 0, 10, 0.4), new CurvePoint("s", 0, 20, 0.6),
                new CurvePoint("s", 1, 10, 0.3));
        Plots.optimizationHistory(dir.resolve("history.png"), "history", trials(), true);
        Plots.parameterSlice(dir.resolve("slice.png"), "slice", "inner_lr", trials());
        Plots.heatMap(dir.resolve("heat.png"), "heat", "inner_lr", "inner_steps", trials());
        Plots.learningCurves(dir.resolve("curves.png"), "curves", curve);
        for (String name : List.of("history.png", "slice.png", "heat.png", "curves.png")) {
            BufferedImage image = ImageIO.read(dir.resolve(name).toFile());
            assertNotNull(image, name + " is not a PNG");
            assertEquals(800, image.getWidth());
            assertEquals(500, image.getHeight());
        }
        Plots.optimizationHistory(dir.resolve("again.png"), "history", trials(), true);
        assertArrayEquals(Files.readAllBytes(dir.resolve("history.png")), Files.readAllBytes(dir.resolve("again.png")));
    }

    @Test
    void plotsWithoutFinishedTrialsStillRender() throws Exception {
        Plots.optimizationHistory(dir.resolve("empty.png"), "nothing yet", List.of(), false);
        Plots.heatMap(dir.resolve("emptyheat.png"), "nothing yet", "a", "b", List.of());
        assertNotNull(ImageIO.read(dir.resolve("empty.png").toFile()));
    }
}
