package dev.metatune.report;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.metatune.testing.Environment;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Assertions;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code comparison.tex}: its content (bold best, $\pm$ intervals, the paper's column, daggers from
 * the paired test, the protocol in the caption), and that Debian's TeX ({@code pdflatex} from
 * texlive-latex-base, booktabs from texlive-latex-recommended) compiles it into a PDF with one table
 * per setting, counted by {@code pdftotext} (poppler-utils). Without them the compile test is
 * skipped, and fails in CI.
 */
class LatexTablesTest {

    @TempDir
    Path dir;

    private static ComparisonRow row(String dataset, String setting, String algorithm, double mean, Double paper,
                                     Double p, String notes) {
        return new ComparisonRow(dataset, setting, algorithm, Map.of("lr", 0.01), "accuracy", mean, 0.012, 600, 3, 0.004,
                paper, p, notes);
    }

    private static List<ComparisonRow> rows() {
        return List.of(
                row("omniglot", "5w1s", "maml", 0.951, 0.987, null, "60000 training steps; 15 queries per class; 10 test inner steps"),
                row("omniglot", "5w1s", "proto_net", 0.932, 0.988, 0.003, "60000 training steps; 15 queries per class"),
                row("omniglot", "5w1s", "matching", 0.948, null, 0.41, "20000 training steps; 15 queries per class"),
                row("omniglot", "20w1s", "maml", 0.88, 0.958, null, "10 test inner steps"),
                row("mini-imagenet", "5w5s", "protonet", 0.68, 0.682, null, "50% of the budget & more"));
    }

    @Test
    void tablesHoldBestIntervalsPaperAndSignificance() {
        String tex = LatexTables.render("Run #1", rows());
        assertEquals(3, count(tex, "\\begin{table}"), "one table per setting");
        assertEquals(3, count(tex, "\\toprule"), "booktabs rules");
        assertTrue(tex.contains("\\textbf{maml} & $\\mathbf{95.10 \\pm 1.20}$ & 98.70 & --"), tex);
        assertTrue(tex.contains("proto\\_net & $93.20 \\pm 1.20^{\\dagger}$ & 98.80 & 0.003"), "worse at p < 0.05: " + tex);
        assertTrue(tex.contains("matching & $94.80 \\pm 1.20$ & -- & 0.410"), "not different from the best: " + tex);
        assertTrue(tex.contains("600 fixed test episodes") && tex.contains("3 training seeds")
                && tex.contains("Every algorithm: 15 queries per class.")
                && tex.contains("maml: 60000 training steps, 10 test inner steps; proto\\_net: 60000 training steps;"
                        + " matching: 20000 training steps."), "protocol in the caption: " + tex);
        assertEquals(1, count(tex, "15 queries per class"), "a note every algorithm shares is said once: " + tex);
        assertTrue(tex.contains("50\\% of the budget \\& more"), "escaped: " + tex);
        assertTrue(tex.contains("% Run \\#1"), tex);
        assertEquals("5-way 1-shot", LatexTables.setting("5w1s"));
    }

    @Test
    void compilesWithDebiansTexIntoOneTablePerSetting() throws Exception {
        requireTex();
        Files.writeString(dir.resolve("comparison.tex"), LatexTables.render("Run #1", rows()));
        Files.writeString(dir.resolve("paper.tex"), "\\documentclass{article}\n\\usepackage{booktabs}\n"
                + "\\begin{document}\n\\input{comparison.tex}\n\\end{document}\n");
        String log = run(dir, "pdflatex", "-interaction=nonstopmode", "-halt-on-error", "paper.tex");
        assertFalse(log.contains("! "), "LaTeX errors:\n" + log);
        assertTrue(Files.size(dir.resolve("paper.pdf")) > 0);
        String text = run(dir, "pdftotext", "paper.pdf", "-");
        Matcher m = Pattern.compile("Table \\d+:").matcher(text);
        int tables = 0;
        while (m.find()) {
            tables++;
        }
        assertEquals(3, tables, "one captioned table per setting in the PDF:\n" + text);
        assertTrue(text.contains("95.10 ± 1.20"), "the best's interval in the PDF:\n" + text);
    }

    private static int count(String s, String part) {
        return s.split(Pattern.quote(part), -1).length - 1;
    }

    private static String run(Path dir, String... cmd) throws IOException, InterruptedException {
        Process p = new ProcessBuilder(cmd).directory(dir.toFile()).redirectErrorStream(true).start();
        String out = new String(p.getInputStream().readAllBytes());
        assertTrue(p.waitFor(120, TimeUnit.SECONDS), String.join(" ", cmd) + " did not finish");
        assertEquals(0, p.exitValue(), String.join(" ", cmd) + " failed:\n" + out);
        return out;
    }

    /** Skips (fails in CI) unless pdflatex, booktabs.sty and pdftotext are there. */
    private static void requireTex() throws Exception {
        String why = null;
        for (String tool : List.of("pdflatex", "kpsewhich", "pdftotext")) {
            if (!onPath(tool)) {
                why = tool + " is missing";
                break;
            }
        }
        if (why == null) {
            Process p = new ProcessBuilder("kpsewhich", "booktabs.sty").redirectErrorStream(true).start();
            String found = new String(p.getInputStream().readAllBytes()).trim();
            if (p.waitFor() != 0 || found.isEmpty()) {
                why = "booktabs.sty is missing";
            }
        }
        if (why != null) {
            String how = "; install it with: apt-get install -y --no-install-recommends texlive-latex-base"
                    + " texlive-latex-recommended poppler-utils";
            if (Environment.inCi()) {
                Assertions.fail("the LaTeX test cannot run in CI: " + why + how);
            }
            Assumptions.abort("LaTeX test skipped: " + why + how);
        }
    }

    private static boolean onPath(String tool) {
        for (String d : System.getenv().getOrDefault("PATH", "").split(":")) {
            if (!d.isEmpty() && Files.isExecutable(Path.of(d, tool))) {
                return true;
            }
        }
        return false;
    }
}
