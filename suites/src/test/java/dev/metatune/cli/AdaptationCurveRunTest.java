package dev.metatune.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.Reader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.apache.commons.csv.CSVFormat;
import org.apache.commons.csv.CSVRecord;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A tiny meta-reinforcement-learning suite on {@code nav2d} end to end: the report has each
 * algorithm's return after 0 to 3 adaptation steps on the fixed test tasks (adaptation.csv, a
 * report.md section, a figure per setting in report.html), and the point at the learner's test
 * adaptation steps is the comparison table's score.
 */
class AdaptationCurveRunTest {

    private static final String SUITE = """
            name: adaptation-check
            seed: 3
            datasets:
              - name: nav2d
                settings: [{ways: 1, shots: 3, queries: 3}]
            budget: {train_steps: 2, validate_every: 2, validation_episodes: 2}
            trials: 1
            algorithms:
              - name: maml
                fixed: {hidden: 8, meta_batch: 2, test_inner_steps: 2}
                search:
                  inner_lr: {float: [0.05, 0.5], log: true}
              - name: random
                fixed: {hidden: 8, meta_batch: 2, test_inner_steps: 1}
            sampler: {name: random}
            pruner: {name: nop}
            test_episodes: 4
            seeds: [1]
            storage: sqlite
            """;

    @TempDir
    Path dir;

    @Test
    void theReportShowsReturnAgainstAdaptationSteps() throws Exception {
        Cli.Result made = Cli.runSuite(dir, SUITE, "--workers", "1");
        assertEquals(0, made.code(), "run failed: " + made.err());
        Path run = dir.resolve("run");

        List<CSVRecord> curve = read(run.resolve("adaptation.csv"));
        Map<String, Map<Integer, Double>> byAlgorithm = new HashMap<>();
        for (CSVRecord r : curve) {
            assertEquals("nav2d", r.get("dataset"));
            assertEquals("return", r.get("metric"));
            assertEquals("4", r.get("episodes"), "one score per fixed test task");
            double mean = Double.parseDouble(r.get("mean"));
            assertTrue(mean < 0 && Double.parseDouble(r.get("ci95")) >= 0, "a return is minus distances: " + r);
            byAlgorithm.computeIfAbsent(r.get("algorithm"), a -> new HashMap<>()).put(Integer.parseInt(r.get("adaptation_step")),
                    mean);
        }
        assertEquals(Map.of("maml", List.of(0, 1, 2, 3), "random", List.of(0, 1, 2, 3)), Map.of(
                "maml", byAlgorithm.get("maml").keySet().stream().sorted().toList(),
                "random", byAlgorithm.get("random").keySet().stream().sorted().toList()), "steps 0 to 3 always: " + curve);
        for (CSVRecord row : read(run.resolve("comparison.csv"))) {
            int headline = "maml".equals(row.get("algorithm")) ? 2 : 1;
            assertEquals(Double.parseDouble(row.get("mean")), byAlgorithm.get(row.get("algorithm")).get(headline), 1e-12,
                    "the comparison's score is the curve's point at the test adaptation steps: " + row);
        }

        String md = Files.readString(run.resolve("report.md"));
        assertTrue(md.contains("## Adaptation curves") && md.contains("| algorithm | 0 steps | 1 step | 2 steps | 3 steps |"),
                md);
        String setting = read(run.resolve("comparison.csv")).get(0).get("setting");
        Path figure = run.resolve("plots").resolve("nav2d-" + setting + "-adaptation.svg");
        assertTrue(Files.exists(figure), "no figure " + figure);
        assertTrue(Files.readString(run.resolve("report.html")).contains("nav2d-" + setting + "-adaptation"));
    }

    private static List<CSVRecord> read(Path file) throws Exception {
        try (Reader in = Files.newBufferedReader(file)) {
            return CSVFormat.RFC4180.builder().setHeader().setSkipHeaderRecord(true).build().parse(in).getRecords();
        }
    }
}
