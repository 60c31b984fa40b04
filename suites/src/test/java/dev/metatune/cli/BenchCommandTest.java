package dev.metatune.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class BenchCommandTest {

    private static final ObjectMapper JSON = new ObjectMapper();

    @TempDir
    Path dir;

    private static int run(StringWriter out, StringWriter err, String... args) {
        return Main.execute(args, new PrintWriter(out, true), new PrintWriter(err, true));
    }

    @Test
    void jsonLineHoldsTheTimingsOfTheTimedSteps() throws Exception {
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        int code = run(out, err, "bench", "--algorithm", "maml", "--dataset", "synthetic", "--ways", "3", "--shots", "1",
                "--queries", "2", "--meta-batch", "2", "--inner-steps", "1", "--warmup", "1", "--steps", "3",
                "--threads", "1", "--json", "--set", "filters=8");
        assertEquals(0, code, err.toString());
        List<String> lines = out.toString().lines().toList();
        assertEquals(1, lines.size(), out.toString());
        JsonNode line = JSON.readTree(lines.get(0));
        assertEquals("maml", line.get("algorithm").asText());
        assertEquals(2, line.get("meta_batch").asInt());
        assertEquals(3, line.get("steps").asInt());
        double median = line.get("median_s_per_step").asDouble();
        assertTrue(line.get("min_s").asDouble() <= median && median <= line.get("max_s").asDouble(), lines.get(0));
        if (java.nio.file.Files.isReadable(Path.of("/proc/self/status"))) {
            assertTrue(line.get("peak_rss_mib").asLong() > 0, "the peak resident memory is reported: " + lines.get(0));
        }
    }

    @Test
    void saysWhenEvalWouldTrainOnOtherEpisodesThanTheTimedOnes() throws Exception {
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        int code = run(out, err, "bench", "--algorithm", "protonet", "--dataset", "synthetic", "--ways", "3", "--shots", "1",
                "--queries", "2", "--warmup", "0", "--steps", "1", "--threads", "1", "--json",
                "--set", "filters=8", "--set", "train_ways=4", "--set", "train_shots=2", "--set", "train_queries=3");
        assertEquals(0, code, err.toString());
        JsonNode line = JSON.readTree(out.toString().lines().toList().get(0));
        assertEquals("4-way 2-shot 3-query", line.get("eval_trains_on").asText(), out.toString());
        StringWriter same = new StringWriter();
        assertEquals(0, run(same, new StringWriter(), "bench", "--algorithm", "protonet", "--dataset", "synthetic", "--ways",
                "4", "--shots", "2", "--queries", "3", "--warmup", "0", "--steps", "1", "--threads", "1", "--json",
                "--set", "filters=8", "--set", "train_ways=4", "--set", "train_shots=2", "--set", "train_queries=3"));
        assertTrue(JSON.readTree(same.toString().lines().toList().get(0)).get("eval_trains_on").isNull(), same.toString());
    }

    @Test
    void profileWritesTheEngineTraceOfTheTimedSteps() throws Exception {
        Path trace = dir.resolve("trace.json");
        StringWriter err = new StringWriter();
        int code = run(new StringWriter(), err, "bench", "--algorithm", "protonet", "--dataset", "synthetic", "--ways", "3",
                "--shots", "1", "--queries", "2", "--warmup", "1", "--steps", "2", "--threads", "1",
                "--set", "filters=8", "--profile", trace.toString());
        assertEquals(0, code, err.toString());
        JsonNode root = JSON.readTree(trace.toFile());
        JsonNode events = root.isArray() ? root : root.get("traceEvents");
        boolean convolution = false;
        for (JsonNode e : events) {
            convolution |= e.path("name").asText().contains("convolution");
        }
        assertTrue(convolution, "the trace records the convolutions of the timed steps");
        try (var files = Files.list(dir)) {
            assertEquals(List.of(trace), files.toList(), "no partial file is left beside the trace");
        }
    }

    @Test
    void badInputExitsWithTwoAndNamesTheOption() {
        StringWriter err = new StringWriter();
        int code = run(new StringWriter(), err, "bench", "--algorithm", "maml", "--dataset", "synthetic", "--ways", "3",
                "--shots", "1", "--queries", "2", "--steps", "0");
        assertEquals(Main.EXIT_BAD_INPUT, code);
        assertTrue(err.toString().contains("--steps"), err.toString());
        assertFalse(err.toString().contains("\tat "), "no stack trace: " + err);
        StringWriter err2 = new StringWriter();
        assertEquals(Main.EXIT_BAD_INPUT, run(new StringWriter(), err2, "bench", "--algorithm", "no-such", "--dataset",
                "synthetic", "--ways", "3", "--shots", "1", "--queries", "2"));
        assertTrue(err2.toString().contains("no-such"), err2.toString());
    }
}
