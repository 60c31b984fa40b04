package dev.metatune.report;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import dev.metatune.cli.Main;
import java.awt.image.BufferedImage;
import java.io.File;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import javax.imageio.ImageIO;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Renders the {@code report.html} of a small real run (sinusoid, two algorithms, swept over 5 and
 * 10 shots) in headless Chromium: takes a screenshot, and from the DOM after load checks that every
 * setting has its table, its comparison chart and its studies' figures, that the shots curve is
 * there, and that no image failed to load. Without Chromium the test is skipped, except in CI
 * ({@code CI=true}), where it fails. The screenshot is kept under {@code target/report-browser/}.
 */
class ReportPageBrowserTest {

    private static final String SUITE = """
            name: browser-check
            seed: 3
            datasets:
              - name: sinusoid
                settings: [{ways: 1, shots: 5, queries: 5}, {ways: 1, shots: 10, queries: 5}]
            budget: {train_steps: 6, validate_every: 2, validation_episodes: 3}
            trials: 3
            algorithms:
              - name: maml
                fixed: {meta_batch: 2, inner_steps: 1, test_inner_steps: 1}
                search:
                  inner_lr: {float: [0.001, 0.1], log: true}
                  outer_lr: {float: [1.0e-4, 1.0e-2], log: true}
              - name: fomaml
                fixed: {meta_batch: 2, inner_steps: 1, test_inner_steps: 1}
                search:
                  inner_lr: {float: [0.001, 0.1], log: true}
            sampler: {name: random}
            pruner: {name: nop}
            test_episodes: 4
            seeds: [1]
            storage: sqlite
            """;

    /** Appended to a copy of the page: after load, writes how many images there are and which failed. */
    private static final String CHECK = """
            <script>
            window.addEventListener('load', function () {
              var broken = [];
              for (var i = 0; i < document.images.length; i++) {
                var img = document.images[i];
                if (!(img.complete && img.naturalWidth > 0)) { broken.push(img.alt); }
              }
              var p = document.createElement('pre');
              p.id = 'metatune-check';
              p.textContent = 'images=' + document.images.length + ' broken=' + broken.length + ' [' + broken.join('|') + ']';
              document.body.appendChild(p);
            });
            </script>
            """;

    @TempDir
    Path dir;

    @Test
    void theReportPageShowsEverySettingsTableAndFiguresInARealBrowser() throws Exception {
        Optional<String> chromium = chromium();
        if (chromium.isEmpty()) {
            String why = "Chromium is not installed (apt-get install chromium); the report page browser test needs it";
            if ("true".equalsIgnoreCase(System.getenv("CI"))) {
                fail(why);
            }
            Assumptions.abort(why);
        }
        Path suite = dir.resolve("suite.yaml");
        Files.writeString(suite, SUITE);
        Files.createDirectories(dir.resolve("data"));
        Path out = dir.resolve("run");
        StringWriter err = new StringWriter();
        int code = Main.execute(new String[] {"run", suite.toString(), "--out", out.toString(), "--data-dir",
            dir.resolve("data").toString(), "--cache-dir", dir.resolve("cache").toString()},
                new PrintWriter(new StringWriter()), new PrintWriter(err));
        assertEquals(0, code, "run failed: " + err);
        Path page = out.resolve("report.html");
        String html = Files.readString(page);
        assertTrue(!html.contains("http://") && !html.contains("https://") && !html.contains("<script"),
                "self-contained: nothing to fetch, no script");

        Path keep = Path.of("target", "report-browser");
        Files.createDirectories(keep);
        Path shot = keep.resolve("report.png").toAbsolutePath();
        Files.deleteIfExists(shot);
        browser(chromium.get(), "--window-size=1400,3200", "--screenshot=" + shot, page.toUri().toString());
        BufferedImage image = ImageIO.read(shot.toFile());
        assertNotNull(image, "the screenshot is a PNG");
        assertTrue(nonWhite(image) > 0.05, "the screenshot shows the page, not a blank window");
        Files.copy(page, keep.resolve("report.html"), StandardCopyOption.REPLACE_EXISTING);

        Path check = out.resolve("check.html");
        Files.writeString(check, html.replace("</body>", CHECK + "</body>"));
        String dom = browser(chromium.get(), "--virtual-time-budget=10000", "--dump-dom", check.toUri().toString());
        Matcher m = Pattern.compile("images=(\\d+) broken=(\\d+) \\[([^\\]]*)]").matcher(dom);
        assertTrue(m.find(), "the check script ran after load; DOM starts: " + dom.substring(0, Math.min(300, dom.length())));
        int figures = count(html, "<figure ");
        assertEquals(figures, Integer.parseInt(m.group(1)), "one image per figure");
        assertEquals(0, Integer.parseInt(m.group(2)), "images that failed to load: " + m.group(3));

        for (String setting : List.of("sinusoid 1w5s", "sinusoid 1w10s")) {
            String section = section(dom, setting);
            assertTrue(section.contains("<table class=\"comparison\">"), setting + " has its table");
            assertTrue(section.contains(">maml<") && section.contains(">fomaml<"), setting + " table lists both algorithms");
            int chart = section.indexOf("-comparison\"");
            assertTrue(chart > 0 && chart < section.indexOf("<table class=\"comparison\">"),
                    setting + ": the comparison chart comes first");
            for (String kind : List.of("-history\"", "-curves\"", "-slice-inner_lr\"", "-heatmap-")) {
                assertTrue(section.contains(kind), setting + " shows the " + kind + " figure");
            }
        }
        assertTrue(dom.contains("data-figure=\"sinusoid-1w-by-shots\""), "the shots curve across the swept settings");
        assertTrue(dom.contains("id=\"tuning-studies\""), "the tuning studies table");
    }

    /** The HTML of the setting section named {@code setting}. */
    private static String section(String dom, String setting) {
        int at = dom.indexOf("data-setting=\"" + setting + "\"");
        assertTrue(at > 0, "a section for " + setting);
        int end = dom.indexOf("</section>", at);
        return dom.substring(at, end);
    }

    private static int count(String text, String what) {
        int n = 0;
        for (int i = text.indexOf(what); i >= 0; i = text.indexOf(what, i + 1)) {
            n++;
        }
        return n;
    }

    private static double nonWhite(BufferedImage image) {
        long n = 0;
        for (int y = 0; y < image.getHeight(); y += 4) {
            for (int x = 0; x < image.getWidth(); x += 4) {
                if ((image.getRGB(x, y) & 0xffffff) != 0xffffff) {
                    n++;
                }
            }
        }
        return n / (double) ((image.getHeight() / 4) * (image.getWidth() / 4));
    }

    private String browser(String chromium, String... args) throws IOException, InterruptedException {
        List<String> cmd = new ArrayList<>(List.of(chromium, "--headless", "--no-sandbox", "--disable-gpu",
                "--hide-scrollbars", "--no-first-run", "--user-data-dir=" + dir.resolve("profile")));
        cmd.addAll(List.of(args));
        Path stdout = dir.resolve("chromium.out");
        Process p = new ProcessBuilder(cmd).redirectOutput(stdout.toFile())
                .redirectError(dir.resolve("chromium.err").toFile()).start();
        if (!p.waitFor(120, TimeUnit.SECONDS)) {
            p.destroyForcibly();
            fail("chromium did not finish within 120 s: " + cmd);
        }
        assertEquals(0, p.exitValue(), "chromium failed: " + Files.readString(dir.resolve("chromium.err")));
        return Files.readString(stdout, StandardCharsets.UTF_8);
    }

    /** Debian's Chromium (or another Chrome) on the PATH. */
    private static Optional<String> chromium() {
        for (String name : List.of("chromium", "chromium-browser", "google-chrome")) {
            for (String d : System.getenv().getOrDefault("PATH", "").split(File.pathSeparator)) {
                if (!d.isEmpty() && Files.isExecutable(Path.of(d, name))) {
                    return Optional.of(Path.of(d, name).toString());
                }
            }
        }
        return Optional.empty();
    }
}
