package dev.metatune.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code metatune importance} on a tiny quickstart-like run made here (MAML on sinusoid, two searched
 * parameters, random sampler): a table and a CSV with both importances of each parameter, summing to
 * one; the run's report has the importance section and figure; {@code metatune report --format latex}
 * writes comparison.tex alone; an unknown study and an unknown format are input errors.
 */
class ImportanceCommandTest {

    private static final String SUITE = """
            name: importance-check
            seed: 3
            datasets:
              - name: sinusoid
                settings: [{ways: 1, shots: 5, queries: 5}]
            budget: {train_steps: 6, validate_every: 3, validation_episodes: 3}
            trials: 6
            algorithms:
              - name: maml
                datasets: [sinusoid]
                fixed: {meta_batch: 2, inner_steps: 1, test_inner_steps: 1}
                search:
                  inner_lr: {float: [0.001, 0.5], log: true}
                  outer_lr: {float: [1.0e-4, 1.0e-2], log: true}
            sampler: {name: random}
            pruner: {name: nop}
            test_episodes: 3
            seeds: [1]
            storage: sqlite
            """;

    @TempDir
    Path dir;

    @Test
    void importanceOfAQuickstartLikeRun() throws Exception {
        Cli.Result made = Cli.runSuite(dir, SUITE);
        assertEquals(0, made.code(), "run failed: " + made.err());
        Path run = dir.resolve("run");

        Cli.Result table = Cli.run("importance", run.toString());
        assertEquals(0, table.code(), table.err());
        assertTrue(table.out().contains("maml-sinusoid-1w5s (6 complete trials)"), table.out());
        assertTrue(table.out().contains("fANOVA") && table.out().contains("PED-ANOVA"), table.out());
        assertTrue(table.out().contains("inner_lr") && table.out().contains("outer_lr"), table.out());

        Cli.Result csv = Cli.run("importance", run.toString(), "--csv", "--study", "maml-sinusoid-1w5s");
        assertEquals(0, csv.code(), csv.err());
        String[] lines = csv.out().strip().split("\n");
        assertEquals("study,parameter,fanova,ped_anova,trials,complete,pruned", lines[0]);
        assertEquals(3, lines.length, csv.out());
        double fanova = 0;
        double ped = 0;
        for (int i = 1; i < lines.length; i++) {
            String[] f = lines[i].split(",");
            fanova += Double.parseDouble(f[2]);
            ped += Double.parseDouble(f[3]);
        }
        assertEquals(1.0, fanova, 1e-3, csv.out());
        assertEquals(1.0, ped, 1e-3, csv.out());

        String md = Files.readString(run.resolve("report.md"));
        assertTrue(md.contains("## Hyperparameter importance") && md.contains("### maml-sinusoid-1w5s (6 trials)"), md);
        assertTrue(Files.isRegularFile(run.resolve("plots/maml-sinusoid-1w5s-importance.svg")));
        assertTrue(Files.readString(run.resolve("report.html")).contains("maml-sinusoid-1w5s-importance"));
        assertTrue(Files.readString(run.resolve("comparison.tex")).contains("\\begin{table}"));

        Path only = dir.resolve("only-latex");
        Files.createDirectories(only);
        Files.copy(run.resolve("run.json"), only.resolve("run.json"));
        Files.copy(run.resolve("studies.db"), only.resolve("studies.db"));
        Cli.Result latex = Cli.run("report", only.toString(), "--format", "latex");
        assertEquals(0, latex.code(), latex.err());
        assertTrue(Files.isRegularFile(only.resolve("comparison.tex")));
        assertFalse(Files.exists(only.resolve("report.md")), "markdown not asked for");
        assertFalse(Files.exists(only.resolve("comparison.csv")), "csv not asked for");
        assertFalse(Files.exists(only.resolve("report.html")), "html not asked for");
        assertEquals(Files.readString(run.resolve("comparison.tex")), Files.readString(only.resolve("comparison.tex")));

        assertEquals(2, Cli.run("importance", run.toString(), "--study", "nope").code(), "unknown study");
        assertEquals(2, Cli.run("report", only.toString(), "--format", "pdf").code(), "unknown format");
    }
}
