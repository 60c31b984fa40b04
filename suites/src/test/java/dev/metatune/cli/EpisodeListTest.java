package dev.metatune.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.metatune.testing.SharedData;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Published episode lists: {@code metatune episodes} writes the harness's own fixed episodes, and
 * {@code test --episodes} on that list gives the per-episode scores of the built-in sampler with
 * the same seed; lists whose episodes differ in ways and shots are accepted with per-episode
 * results; bad lists exit 2 naming the line.
 */
class EpisodeListTest {

    @TempDir
    Path dir;

    private record Outcome(int code, String out, String err) {
        JsonNode json() throws Exception {
            String[] lines = out.strip().split("\n");
            return new ObjectMapper().readTree(lines[lines.length - 1]);
        }
    }

    private static Outcome main(List<String> args) {
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        int code = Main.execute(args.toArray(String[]::new), new PrintWriter(out), new PrintWriter(err));
        return new Outcome(code, out.toString(), err.toString());
    }

    private List<String> with(Path root, String... args) {
        List<String> out = new ArrayList<>(List.of(args));
        out.addAll(List.of("--data-dir", root.toString(), "--cache-dir", dir.resolve("cache").toString()));
        return out;
    }

    private Path trainProtoNet(Path root, String dataset, String split) {
        Path model = dir.resolve("model-" + dataset);
        Outcome trained = main(with(root, "eval", "--algorithm", "protonet", "--dataset", dataset, "--ways", "5", "--shots",
                "1", "--queries", "5", "--train-steps", "15", "--test-episodes", "2", "--train-split", split,
                "--set", "filters=8", "--set", "train_ways=5", "--set", "train_shots=1", "--set", "train_queries=5",
                "--save-model", model.toString()));
        assertEquals(0, trained.code(), trained.err());
        return model;
    }

    private void listGivesTheSamplersScores(Path root, String dataset, String split) throws Exception {
        Path model = trainProtoNet(root, dataset, "train");
        Path list = dir.resolve("list").resolve("episodes.csv");
        Outcome written = main(with(root, "episodes", "--dataset", dataset, "--split", split, "--ways", "5", "--shots", "2",
                "--queries", "3", "--count", "6", "--out", list.toString()));
        assertEquals(0, written.code(), written.err());
        Outcome sampled = main(with(root, "test", "--model", model.toString(), "--dataset", dataset, "--split", split,
                "--ways", "5", "--shots", "2", "--queries", "3", "--test-episodes", "6", "--json"));
        assertEquals(0, sampled.code(), sampled.err());
        Outcome fromList = main(List.of("test", "--model", model.toString(), "--episodes", list.toString(), "--json"));
        assertEquals(0, fromList.code(), fromList.err());
        JsonNode a = sampled.json().get("per_episode");
        JsonNode b = fromList.json().get("per_episode");
        assertEquals(6, a.size());
        assertEquals(6, b.size());
        boolean differ = false;
        for (int i = 0; i < 6; i++) {
            assertEquals(a.get(i).get("accuracy").asDouble(), b.get(i).get("accuracy").asDouble(), "episode " + i);
            assertEquals(5, b.get(i).get("ways").asInt());
            assertEquals(2, b.get(i).get("shots").asInt());
            differ |= a.get(i).get("accuracy").asDouble() != a.get(0).get("accuracy").asDouble();
        }
        assertEquals(sampled.json().get("accuracy").asDouble(), fromList.json().get("accuracy").asDouble());
        assertTrue(differ || a.get(0).get("accuracy").asDouble() < 1, "scores that cannot tell episodes apart");

        // eval --episodes tests on the list exactly as eval tests on the sampler's episodes
        List<String> eval = with(root, "eval", "--algorithm", "protonet", "--dataset", dataset, "--ways", "5", "--shots", "2",
                "--queries", "3", "--train-steps", "3", "--test-episodes", "6", "--test-split", split, "--json",
                "--set", "filters=8", "--set", "train_ways=5", "--set", "train_shots=1", "--set", "train_queries=5");
        Outcome evalSampled = main(eval);
        assertEquals(0, evalSampled.code(), evalSampled.err());
        List<String> evalList = new ArrayList<>(eval);
        evalList.addAll(List.of("--episodes", list.toString()));
        Outcome evalListed = main(evalList);
        assertEquals(0, evalListed.code(), evalListed.err());
        assertEquals(evalSampled.json().get("accuracy").asDouble(), evalListed.json().get("accuracy").asDouble());
        assertEquals(evalSampled.json().get("ci95").asDouble(), evalListed.json().get("ci95").asDouble());
        assertEquals(6, evalListed.json().get("per_episode").size());
    }

    @Test
    void listWrittenByEpisodesGivesTheBuiltInSamplersScores() throws Exception {
        listGivesTheSamplersScores(dir, "synthetic", "test");
    }

    @Test
    void omniglotListGivesTheBuiltInSamplersScores() throws Exception {
        listGivesTheSamplersScores(SharedData.require("omniglot"), "omniglot", "test");
    }

    @Test
    void episodesMayDifferInWaysAndShotsAndBadListsNameTheLine() throws Exception {
        Path model = trainProtoNet(dir, "synthetic", "train");
        Path five = dir.resolve("a.csv");
        Path three = dir.resolve("b.csv");
        assertEquals(0, main(with(dir, "episodes", "--dataset", "synthetic", "--ways", "5", "--shots", "1", "--queries", "2",
                "--count", "2", "--out", five.toString())).code());
        assertEquals(0, main(with(dir, "episodes", "--dataset", "synthetic", "--ways", "3", "--shots", "2", "--queries", "2",
                "--count", "1", "--seed", "9", "--out", three.toString())).code());
        List<String> rows = new ArrayList<>(Files.readAllLines(five));
        for (String r : Files.readAllLines(three).subList(1, Files.readAllLines(three).size())) {
            rows.add(r.replaceFirst("^00000", "third"));
        }
        Path mixed = dir.resolve("mixed.csv");
        Files.write(mixed, rows, StandardCharsets.UTF_8);
        Outcome ok = main(List.of("test", "--model", model.toString(), "--episodes", mixed.toString(), "--json"));
        assertEquals(0, ok.code(), ok.err());
        JsonNode per = ok.json().get("per_episode");
        assertEquals(3, per.size());
        assertEquals("third", per.get(2).get("episode").asText());
        assertEquals(3, per.get(2).get("ways").asInt());
        assertEquals(2, per.get(2).get("shots").asInt());
        assertEquals(5, per.get(0).get("ways").asInt());

        String header = rows.get(0);
        String support = rows.get(1);
        String query = rows.stream().filter(r -> r.contains(",query,")).findFirst().orElseThrow();
        bad(List.of("episode,role,label", support), ":1:", "header");
        bad(List.of(header, support + ",extra"), ":2:", "columns");
        bad(List.of(header, support.replace(",support,", ",train,")), ":2:", "role");
        bad(List.of(header, support.replaceFirst(",[^,]*$", ",no/such.png"), query), ":2:", "missing image");
        bad(List.of(header, support), ":2:", "no query");
        String otherLabel = query.replaceFirst(",query,[^,]*,", ",query,zzz,");
        bad(List.of(header, support, otherLabel), ":3:", "no support");
        Path junk = dir.resolve("junk.png");
        Files.writeString(junk, "not an image");
        bad(List.of(header, support.replaceFirst(",[^,]*$", "," + junk.toAbsolutePath()), query), ":2:", "unreadable image");
    }

    private void bad(List<String> lines, String line, String what) throws Exception {
        Path csv = dir.resolve("bad.csv");
        Files.write(csv, lines, StandardCharsets.UTF_8);
        Outcome o = main(List.of("test", "--model", dir.resolve("model-synthetic").toString(), "--episodes", csv.toString()));
        assertEquals(2, o.code(), what + ": " + o.err());
        assertTrue(o.err().contains("bad.csv" + line) && o.err().contains(what), what + ": " + o.err());
    }
}
