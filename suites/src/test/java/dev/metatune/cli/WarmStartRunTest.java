package dev.metatune.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * End to end on the {@code synthetic} data set, shaped like the quickstart (3 trials a study, a
 * median pruner from the second trial): study 2 (5w5s) is warmed from study 1 (5w1s) of the same
 * run. The report names the warm start, the warmed study has its own 3 trials only, and
 * {@code metatune importance} gives importances for both 3-trial studies, saying what they come from.
 */
class WarmStartRunTest {

    private static final String SUITE = """
            name: warm-start-check
            seed: 2
            datasets:
              - name: synthetic
                settings: [{ways: 5, shots: 1, queries: 3}, {ways: 5, shots: 5, queries: 3}]
            budget: {train_steps: 4, validate_every: 2, validation_episodes: 3}
            trials: 3
            algorithms:
              - name: maml
                fixed: {filters: 4, meta_batch: 1, inner_steps: 1, test_inner_steps: 1}
                search:
                  inner_lr: {float: [0.01, 1.0], log: true}
                  outer_lr: {float: [1.0e-4, 1.0e-2], log: true}
                warm_start: [maml-synthetic-5w1s]
            sampler: {name: tpe}
            pruner: {name: median, options: {n_startup_trials: 1}}
            test_episodes: 3
            seeds: [1]
            storage: sqlite
            """;

    @TempDir
    Path dir;

    @Test
    void studyTwoIsWarmedFromStudyOneAndImportanceWorksOnThreeTrials() throws Exception {
        Cli.Result made = Cli.runSuite(dir, SUITE, "--workers", "1");
        assertEquals(0, made.code(), "run failed: " + made.err());
        Path run = dir.resolve("run");

        String md = Files.readString(run.resolve("report.md"));
        assertTrue(md.contains("## Warm starts"), md);
        assertTrue(md.contains("- `maml-synthetic-5w5s` warmed from `maml-synthetic-5w1s` (this run, "), md);
        assertFalse(md.contains("- `maml-synthetic-5w1s` warmed"), "a study never warms itself:\n" + md);

        List<String> trials = Files.readAllLines(run.resolve("trials.csv"));
        long warmed = trials.stream().filter(l -> l.startsWith("maml-synthetic-5w5s,")).count();
        long source = trials.stream().filter(l -> l.startsWith("maml-synthetic-5w1s,")).count();
        assertEquals(3, warmed, "the prior's trials are not trials of the warmed study:\n" + String.join("\n", trials));
        assertEquals(3, source);

        Cli.Result importance = Cli.run("importance", run.toString());
        assertEquals(0, importance.code(), importance.err());
        assertFalse(importance.out().contains("no importances"), importance.out());
        for (String study : List.of("maml-synthetic-5w1s", "maml-synthetic-5w5s")) {
            assertTrue(importance.out().contains(study + " ("), importance.out());
        }
        assertTrue(importance.out().contains("caution: from only"), "3 trials are few:\n" + importance.out());
        assertTrue(md.contains("## Hyperparameter importance") && md.contains("Caution: from only"), md);
    }
}
