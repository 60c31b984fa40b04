package dev.metatune.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ai.djl.Device;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.metatune.learner.AlgorithmProvider;
import dev.metatune.task.TaskSpec;
import dev.metatune.testing.SharedData;
import dev.metatune.train.checkpoint.CheckpointException;
import dev.metatune.train.model.ModelFolder;
import dev.metatune.train.model.ModelManifest;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code eval --save-model DIR} and {@code test --model DIR}: the saved model, tested on the same
 * split, episodes and setting, gives exactly the accuracy of the test inside {@code eval}; copied to
 * another folder (a fresh clone) it still opens; a request it cannot serve exits 2 saying why; on
 * real Omniglot, a ProtoNet trained on Lake's background split and tested on its evaluation split.
 */
class SavedModelTest {

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

    private List<String> dataArgs(Path root) {
        return List.of("--data-dir", root.toString(), "--cache-dir", dir.resolve("cache").toString());
    }

    @Test
    void savedModelTestsLikeTheEvalThatSavedItAndRefusesWhatItCannotServe() throws Exception {
        Path model = dir.resolve("model");
        List<String> eval = new ArrayList<>(List.of("eval", "--algorithm", "protonet", "--dataset", "synthetic", "--ways", "5",
                "--shots", "1", "--queries", "5", "--train-steps", "20", "--test-episodes", "10", "--seed", "2", "--json",
                "--set", "filters=8", "--set", "train_ways=5", "--set", "train_shots=1", "--set", "train_queries=5",
                "--save-model", model.toString()));
        eval.addAll(dataArgs(dir));
        Outcome trained = main(eval);
        assertEquals(0, trained.code(), trained.err());
        assertTrue(Files.isRegularFile(model.resolve(ModelFolder.MANIFEST)) && Files.isRegularFile(model.resolve(ModelFolder.STATE)));
        ModelManifest m = ModelFolder.open(model).manifest();
        assertEquals("protonet", m.key().algorithm());
        assertEquals(20, m.trainSteps());
        assertEquals(2, m.key().seed());
        assertEquals("train", m.trainSplit());

        // a fresh clone: the folder copied elsewhere
        Path copy = dir.resolve("elsewhere").resolve("model");
        Files.createDirectories(copy);
        for (String f : List.of(ModelFolder.MANIFEST, ModelFolder.STATE)) {
            Files.copy(model.resolve(f), copy.resolve(f));
        }
        List<String> test = new ArrayList<>(List.of("test", "--model", copy.toString(), "--dataset", "synthetic", "--split",
                "test", "--ways", "5", "--shots", "1", "--queries", "5", "--test-episodes", "10", "--json"));
        test.addAll(dataArgs(dir));
        Outcome tested = main(test);
        assertEquals(0, tested.code(), tested.err());
        assertEquals(trained.json().get("accuracy").asDouble(), tested.json().get("accuracy").asDouble(),
                "test --model gives the accuracy of the test inside eval");
        assertEquals(trained.json().get("ci95").asDouble(), tested.json().get("ci95").asDouble());
        // negative control: other episodes (val split) give another accuracy, so the comparison can fail
        List<String> val = new ArrayList<>(test);
        val.set(val.indexOf("--split") + 1, "val");
        Outcome other = main(val);
        assertEquals(0, other.code(), other.err());
        assertTrue(other.json().get("accuracy").asDouble() != tested.json().get("accuracy").asDouble()
                || other.json().get("ci95").asDouble() != tested.json().get("ci95").asDouble());

        try (var learner = ModelFolder.open(model).learner(AlgorithmProvider.registry().get("protonet"), Device.cpu(),
                new TaskSpec(5, 1, 5), new int[] {1, 28, 28})) {
            assertTrue(learner.parameterCount() > 0);
        }
        CheckpointException channels = assertThrows(CheckpointException.class, () -> ModelFolder.open(model).learner(
                AlgorithmProvider.registry().get("protonet"), Device.cpu(), new TaskSpec(5, 1, 5), new int[] {3, 28, 28}));
        assertTrue(channels.getMessage().contains("1 channel") && channels.getMessage().contains("3 channels"),
                channels.getMessage());
        Outcome missing = main(List.of("test", "--model", dir.resolve("nothing").toString(), "--dataset", "synthetic",
                "--ways", "5", "--shots", "1"));
        assertEquals(2, missing.code(), missing.err());
        assertTrue(missing.err().contains("no saved model"), missing.err());
    }

    @Test
    void evalAtAnotherImageSizeTrainsOnThatSizeAndItsModelTestsAtIt() throws Exception {
        Path model = dir.resolve("small-images");
        List<String> eval = new ArrayList<>(List.of("eval", "--algorithm", "mann", "--dataset", "synthetic", "--image-size",
                "20", "--ways", "3", "--shots", "1", "--queries", "2", "--train-steps", "2", "--test-episodes", "4", "--json",
                "--set", "controller_size=16", "--set", "memory_slots=8", "--set", "memory_width=8", "--set", "heads=1",
                "--set", "episodes_per_step=2", "--save-model", model.toString()));
        eval.addAll(dataArgs(dir));
        Outcome trained = main(eval);
        assertEquals(0, trained.code(), trained.err());
        assertEquals(20, trained.json().get("image_size").asInt());
        ModelManifest m = ModelFolder.open(model).manifest();
        assertEquals(List.of(1, 20, 20), java.util.Arrays.stream(m.key().exampleShape()).boxed().toList());
        List<String> test = new ArrayList<>(List.of("test", "--model", model.toString(), "--dataset", "synthetic", "--ways",
                "3", "--shots", "1", "--queries", "2", "--test-episodes", "4", "--json"));
        test.addAll(dataArgs(dir));
        Outcome tested = main(test);
        assertEquals(0, tested.code(), tested.err());
        assertEquals(trained.json().get("accuracy").asDouble(), tested.json().get("accuracy").asDouble(),
                "test resizes the images as the model was trained");
        Outcome negative = main(List.of("eval", "--algorithm", "mann", "--dataset", "synthetic", "--image-size", "-1",
                "--ways", "3", "--shots", "1", "--train-steps", "0"));
        assertEquals(2, negative.code(), negative.err());
        assertTrue(negative.err().contains("--image-size must be at least 0, got -1"), negative.err());
    }

    @Test
    void mamlHeadTrainedFiveWayRefusesTwentyWays() throws Exception {
        Path model = dir.resolve("maml");
        List<String> eval = new ArrayList<>(List.of("eval", "--algorithm", "maml", "--dataset", "synthetic", "--ways", "5",
                "--shots", "1", "--queries", "2", "--train-steps", "1", "--test-episodes", "2",
                "--set", "filters=8", "--set", "meta_batch=2", "--save-model", model.toString()));
        eval.addAll(dataArgs(dir));
        Outcome trained = main(eval);
        assertEquals(0, trained.code(), trained.err());
        List<String> test = new ArrayList<>(List.of("test", "--model", model.toString(), "--dataset", "synthetic", "--ways",
                "20", "--shots", "1", "--queries", "2", "--test-episodes", "2"));
        test.addAll(dataArgs(dir));
        Outcome refused = main(test);
        assertEquals(2, refused.code(), refused.err());
        assertTrue(refused.err().contains("cannot serve 20-way") && refused.err().contains("ways"), refused.err());
    }

    @Test
    void protoNetTrainedOnOmniglotBackgroundTestsOnEvaluationAsInsideEval() throws Exception {
        Path root = SharedData.require("omniglot");
        Path model = dir.resolve("omniglot-model");
        List<String> eval = new ArrayList<>(List.of("eval", "--algorithm", "protonet", "--dataset", "omniglot", "--ways", "5",
                "--shots", "1", "--queries", "5", "--train-steps", "10", "--test-episodes", "20", "--seed", "1",
                "--train-split", "background", "--test-split", "evaluation", "--json",
                "--set", "filters=16", "--set", "train_ways=10", "--set", "train_shots=1", "--set", "train_queries=5",
                "--save-model", model.toString()));
        eval.addAll(dataArgs(root));
        Outcome trained = main(eval);
        assertEquals(0, trained.code(), trained.err());
        List<String> test = new ArrayList<>(List.of("test", "--model", model.toString(), "--dataset", "omniglot", "--split",
                "evaluation", "--ways", "5", "--shots", "1", "--queries", "5", "--test-episodes", "20", "--json"));
        test.addAll(dataArgs(root));
        Outcome tested = main(test);
        assertEquals(0, tested.code(), tested.err());
        assertEquals(trained.json().get("accuracy").asDouble(), tested.json().get("accuracy").asDouble(),
                "test --model on Lake's evaluation split gives the accuracy of the same test inside eval");
        assertEquals("background", ModelFolder.open(model).manifest().trainSplit());
    }
}
