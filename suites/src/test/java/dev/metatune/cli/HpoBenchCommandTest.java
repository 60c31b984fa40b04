package dev.metatune.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class HpoBenchCommandTest {

    @TempDir
    Path dir;

    private static int run(StringWriter out, StringWriter err, String... args) {
        return Main.execute(args, new PrintWriter(out, true), new PrintWriter(err, true));
    }

    @Test
    void jsonPrintsOneLinePerFunctionAndSampler() throws Exception {
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        Path csv = dir.resolve("bench.csv");
        assertEquals(0, run(out, err, "hpo-bench", "--seeds", "1", "--trials", "4", "--json", "--csv", csv.toString()), err.toString());
        List<String> lines = out.toString().lines().toList();
        assertEquals(20, lines.size(), out.toString());
        assertTrue(lines.get(0).matches("\\{\"function\":\"branin\",\"sampler\":\"random\",\"seeds\":1,\"trials\":4,"
                + "\"median_regret\":[0-9.Ee-]+}"), lines.get(0));
        assertEquals(21, Files.readAllLines(csv).size());
    }

    @Test
    void theDefaultOutputIsATableAndBadInputExitsWithTwo() {
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        assertEquals(0, run(out, err, "hpo-bench", "--seeds", "1", "--trials", "3", "--ask-trials", "5", "--asks", "2"));
        assertTrue(out.toString().contains("| function | random | sobol | cmaes | tpe | gp | random / tpe |"), out.toString());
        assertTrue(out.toString().contains("| tpe | hartmann6 | 5 |"), out.toString());
        StringWriter err2 = new StringWriter();
        assertEquals(Main.EXIT_BAD_INPUT, run(new StringWriter(), err2, "hpo-bench", "--seeds", "0"));
        assertTrue(err2.toString().contains("--seeds"), err2.toString());
        assertEquals(Main.EXIT_BAD_INPUT, run(new StringWriter(), new StringWriter(), "hpo-bench", "--samplers", "grid"));
        StringWriter err3 = new StringWriter();
        assertEquals(Main.EXIT_BAD_INPUT, run(new StringWriter(), err3, "hpo-bench", "--seeds", "1", "--trials", "2",
                "--peer", "hyperopt"));
        assertTrue(err3.toString().contains("optuna"), err3.toString());
        assertEquals(Main.EXIT_BAD_INPUT, run(new StringWriter(), new StringWriter(), "hpo-bench", "--seeds", "1",
                "--trials", "2", "--peer", "optuna", "--python", "/nonexistent/python3"));
    }

    @Test
    void listShowsSamplersAndPruners() {
        StringWriter out = new StringWriter();
        assertEquals(0, run(out, new StringWriter(), "list"));
        String text = out.toString();
        assertTrue(text.contains("samplers:") && text.contains("  tpe ") && text.contains("pruners:")
                && text.contains("  wilcoxon "), text);
    }
}
