package dev.metatune.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code eval} and {@code test} report a sequence learner's accuracy by presentation (mann, Santoro
 * et al. 2016's accuracy by instance): one entry per presentation of a class in the support sequence
 * and the queries last, whose accuracy is the headline one; a saved model tested on longer sequences
 * gives more presentations; other algorithms report none.
 */
class PresentationAccuracyCliTest {

    @TempDir
    Path dir;

    private List<String> common(String... args) {
        List<String> all = new ArrayList<>(List.of(args));
        all.addAll(List.of("--dataset", "synthetic", "--ways", "5", "--queries", "3", "--test-episodes", "6", "--json",
                "--data-dir", dir.toString(), "--cache-dir", dir.resolve("cache").toString()));
        return all;
    }

    private static JsonNode json(Cli.Result r) throws Exception {
        String[] lines = r.out().strip().split("\n");
        return new ObjectMapper().readTree(lines[lines.length - 1]);
    }

    @Test
    void mannReportsEveryPresentationThenTheQueries() throws Exception {
        Path model = dir.resolve("mann");
        List<String> eval = common("eval", "--algorithm", "mann", "--shots", "2", "--train-steps", "3", "--seed", "1",
                "--save-model", model.toString());
        eval.addAll(List.of("--set", "controller_size=16", "--set", "memory_slots=16", "--set", "memory_width=8",
                "--set", "heads=1", "--set", "episodes_per_step=2"));
        Cli.Result trained = Cli.run(eval.toArray(String[]::new));
        assertEquals(0, trained.code(), trained.err());
        JsonNode line = json(trained);
        JsonNode presentations = line.get("by_presentation");
        assertEquals(3, presentations.size(), "presentations 1 and 2, then the queries: " + presentations);
        assertEquals(1, presentations.get(0).get("presentation").asInt());
        assertFalse(presentations.get(1).get("queries").asBoolean());
        assertTrue(presentations.get(2).get("queries").asBoolean());
        assertEquals(line.get("accuracy").asDouble(), presentations.get(2).get("accuracy").asDouble(), 1e-12,
                "the queries' accuracy by presentation is the headline accuracy");

        List<String> test = common("test", "--model", model.toString(), "--shots", "4");
        test.remove("--ways");
        test.remove("5");
        test.addAll(List.of("--ways", "5"));
        Cli.Result longer = Cli.run(test.toArray(String[]::new));
        assertEquals(0, longer.code(), longer.err());
        assertEquals(5, json(longer).get("by_presentation").size(), "a 4-shot support: presentations 1..4, then queries");
    }

    @Test
    void otherAlgorithmsReportNoPresentations() throws Exception {
        List<String> eval = common("eval", "--algorithm", "protonet", "--shots", "1", "--train-steps", "1", "--set",
                "filters=8");
        Cli.Result r = Cli.run(eval.toArray(String[]::new));
        assertEquals(0, r.code(), r.err());
        assertFalse(json(r).has("by_presentation"));
    }
}
