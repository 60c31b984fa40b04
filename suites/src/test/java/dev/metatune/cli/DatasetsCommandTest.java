package dev.metatune.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.metatune.testing.SharedData;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class DatasetsCommandTest {

    @TempDir
    Path cache;

    private record Result(int code, String out, String err) {
    }

    private static Result run(String... args) {
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        int code = Main.execute(args, new PrintWriter(out), new PrintWriter(err));
        return new Result(code, out.toString(), err.toString());
    }

    private static Map<String, JsonNode> linesOf(String out, String dataset) throws Exception {
        ObjectMapper mapper = new ObjectMapper();
        Map<String, JsonNode> bySplit = new LinkedHashMap<>();
        for (String line : out.strip().split("\n")) {
            JsonNode node = mapper.readTree(line);
            if (node.get("dataset").asText().equals(dataset)) {
                bySplit.put(node.get("split").asText(), node);
            }
        }
        return bySplit;
    }

    @Test
    void jsonLinesGiveTheRealOmniglotSplits() throws Exception {
        Path root = SharedData.require("omniglot");
        Result r = run("datasets", "--data-dir", root.toString(), "--cache-dir", cache.toString(), "--json");
        assertEquals(0, r.code(), r.err());
        Map<String, JsonNode> omniglot = linesOf(r.out(), "omniglot");
        assertEquals(List.of("train", "val", "trainval", "test", "background", "evaluation"),
                new ArrayList<>(omniglot.keySet()));
        Map<String, Integer> classes = Map.of("train", 4112, "val", 688, "trainval", 4800, "test", 1692,
                "background", 964, "evaluation", 659);
        for (Map.Entry<String, JsonNode> e : omniglot.entrySet()) {
            JsonNode n = e.getValue();
            assertTrue(n.get("available").asBoolean(), n.toString());
            assertEquals(classes.get(e.getKey()).intValue(), n.get("classes").asInt(), n.toString());
            assertEquals(20, n.get("images_per_class").asInt(), n.toString());
        }
        List<String> keys = new ArrayList<>();
        omniglot.get("train").fieldNames().forEachRemaining(keys::add);
        assertEquals(List.of("dataset", "split", "classes", "images_per_class", "available"), keys.subList(0, 5));
        Map<String, JsonNode> synthetic = linesOf(r.out(), "synthetic");
        assertEquals(64, synthetic.get("train").get("classes").asInt());
    }

    @Test
    void theTableMarksMissingDataSetsUnavailable(@TempDir Path empty) {
        Result r = run("datasets", "--data-dir", empty.toString(), "--cache-dir", cache.toString());
        assertEquals(0, r.code(), r.err());
        String omniglotTrain = r.out().lines().filter(l -> l.startsWith("omniglot ") && l.contains(" train "))
                .findFirst().orElseThrow(() -> new AssertionError(r.out()));
        assertTrue(omniglotTrain.contains(" no "), omniglotTrain);
        assertTrue(omniglotTrain.contains(empty.resolve("omniglot").toString()), omniglotTrain);
        assertTrue(r.out().lines().anyMatch(l -> l.startsWith("synthetic ") && l.contains(" yes ")), r.out());
    }

    @Test
    void loadReportsSecondsForImageSplits() throws Exception {
        Result r = run("datasets", "--data-dir", cache.toString(), "--cache-dir", cache.toString(), "--json", "--load",
                "--dataset", "synthetic", "--dataset", "sinusoid");
        assertEquals(0, r.code(), r.err());
        Map<String, JsonNode> synthetic = linesOf(r.out(), "synthetic");
        assertEquals(3, synthetic.size());
        assertTrue(synthetic.get("val").get("load_seconds").asDouble() >= 0, r.out());
        assertFalse(linesOf(r.out(), "sinusoid").get("train").has("load_seconds"), r.out());
    }

    @Test
    void aDataDirThatDoesNotExistIsBadInputNamingIt(@TempDir Path parent) {
        Path missing = parent.resolve("no-such-data");
        Result r = run("datasets", "--data-dir", missing.toString(), "--json");
        assertEquals(Main.EXIT_BAD_INPUT, r.code());
        assertEquals("", r.out());
        assertTrue(r.err().contains(missing.toString()), r.err());
        assertEquals(1, r.err().strip().lines().count(), "one line, no stack trace: " + r.err());
    }

    @Test
    void anUnknownDataSetIsBadInputListingTheKnownOnes() {
        Result r = run("datasets", "--dataset", "imagenet-21k", "--data-dir", cache.toString());
        assertEquals(Main.EXIT_BAD_INPUT, r.code());
        assertTrue(r.err().contains("imagenet-21k") && r.err().contains("omniglot"), r.err());
    }
}
