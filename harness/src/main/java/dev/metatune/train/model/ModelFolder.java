package dev.metatune.train.model;

import ai.djl.Device;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.metatune.learner.AlgorithmProvider;
import dev.metatune.learner.LearnerContext;
import dev.metatune.learner.LearnerState;
import dev.metatune.learner.MetaLearner;
import dev.metatune.run.Provenance;
import dev.metatune.task.TaskKind;
import dev.metatune.task.TaskSpec;
import dev.metatune.train.checkpoint.Checkpoint;
import dev.metatune.train.checkpoint.CheckpointException;
import dev.metatune.train.checkpoint.CheckpointFormat;
import dev.metatune.train.checkpoint.DurableFiles;
import dev.metatune.train.checkpoint.TrainerPosition;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;

/**
 * A saved model, version 1: a folder holding {@code manifest.json} ({@code format}
 * {@value #FORMAT}, {@code version}, {@code key} as in a checkpoint, {@code kind}, {@code input}
 * {example_shape, decoding}, {@code train_split}, {@code setting} {ways, shots, queries},
 * {@code train_steps}, {@code provenance}) and {@code learner.ckpt}, the learner's state in the
 * checkpoint format ({@link CheckpointFormat}). Both are written atomically; a model written on one
 * device (or machine) opens on any other.
 */
public final class ModelFolder {

    public static final String FORMAT = "metatune-model";
    public static final int VERSION = 1;
    public static final String MANIFEST = "manifest.json";
    public static final String STATE = "learner.ckpt";

    private static final ObjectMapper JSON = new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);

    private final Path dir;
    private final ModelManifest manifest;
    private final Checkpoint state;

    private ModelFolder(Path dir, ModelManifest manifest, Checkpoint state) {
        this.dir = dir;
        this.manifest = manifest;
        this.state = state;
    }

    /** Saves {@code learner}'s state with {@code manifest} into {@code dir} (created if needed). */
    public static void save(Path dir, ModelManifest manifest, MetaLearner learner, String device) throws IOException {
        LearnerState s = learner.saveState();
        TrainerPosition end = new TrainerPosition(manifest.trainSteps(), (long) manifest.trainSteps() * learner.metaBatchSize(),
                new double[TrainerPosition.TAIL], new double[TrainerPosition.TAIL], 0);
        Files.createDirectories(dir);
        CheckpointFormat.write(dir.resolve(STATE), new Checkpoint(manifest.key(), manifest.trainSteps(), end, List.of(), s,
                device));
        DurableFiles.write(dir.resolve(MANIFEST), JSON.writeValueAsBytes(toJson(manifest)));
    }

    /** Reads the model in {@code dir}; a folder that holds none is a {@link CheckpointException} naming it. */
    public static ModelFolder open(Path dir) throws IOException {
        Path file = dir.resolve(MANIFEST);
        if (!Files.isRegularFile(file) || !Files.isRegularFile(dir.resolve(STATE))) {
            throw new CheckpointException(dir + " holds no saved model (needs " + MANIFEST + " and " + STATE + ")");
        }
        JsonNode root;
        try {
            root = JSON.readTree(file.toFile());
        } catch (IOException e) {
            throw new CheckpointException(file + ": not valid JSON (" + e.getMessage() + ")");
        }
        if (!FORMAT.equals(root.path("format").asText()) || root.path("version").asInt(-1) != VERSION) {
            throw new CheckpointException(file + ": format '" + root.path("format").asText() + "' version "
                    + root.path("version") + ", this Metatune reads '" + FORMAT + "' version " + VERSION);
        }
        ModelManifest manifest;
        try {
            manifest = fromJson(root);
        } catch (RuntimeException e) {
            throw new CheckpointException(file + ": " + e.getMessage(), e);
        }
        Checkpoint state = CheckpointFormat.read(dir.resolve(STATE));
        if (manifest.key().difference(state.key()).isPresent()) {
            throw new CheckpointException(dir + ": " + STATE + " belongs to another model: "
                    + manifest.key().difference(state.key()).get());
        }
        return new ModelFolder(dir, manifest, state);
    }

    public ModelManifest manifest() {
        return manifest;
    }

    /**
     * A learner of this model on {@code device}, for test episodes of shape {@code testSpec} with
     * examples of {@code exampleShape}: created as it was trained, then given the saved state. A request
     * the model cannot serve (another example shape, or ways its head cannot give) is a
     * {@link CheckpointException} saying why.
     */
    public MetaLearner learner(AlgorithmProvider provider, Device device, TaskSpec testSpec, int[] exampleShape) {
        int[] trained = manifest.input().exampleShape();
        if (!Arrays.equals(trained, exampleShape)) {
            throw new CheckpointException("the model in " + dir + " takes examples of shape " + Arrays.toString(trained)
                    + " (" + describe(trained) + "), the data gives " + Arrays.toString(exampleShape) + " ("
                    + describe(exampleShape) + ")");
        }
        LearnerContext context = new LearnerContext(device, manifest.kind(), trained, manifest.key().trainSpec(), testSpec,
                manifest.key().trainClassCount(), manifest.key().seed());
        MetaLearner learner;
        try {
            learner = provider.create(dev.metatune.learner.Hyperparameters.of(manifest.key().hyperparameters()), context);
        } catch (IllegalArgumentException e) {
            throw new CheckpointException("the " + provider.name() + " model in " + dir + " (trained " + manifest.setting()
                    + ") cannot serve " + testSpec + ": " + e.getMessage(), e);
        }
        try {
            learner.restoreState(state.state());
            return learner;
        } catch (RuntimeException e) {
            learner.close();
            throw new CheckpointException("the model in " + dir + " cannot be restored: " + e.getMessage(), e);
        }
    }

    private static String describe(int[] shape) {
        return shape.length == 3 ? shape[0] + " channel" + (shape[0] == 1 ? "" : "s") + ", " + shape[1] + "x" + shape[2]
                : shape.length + "-d inputs";
    }

    private static ObjectNode toJson(ModelManifest m) {
        ObjectNode root = JSON.createObjectNode();
        root.put("format", FORMAT);
        root.put("version", VERSION);
        root.set("key", CheckpointFormat.key(m.key()));
        root.put("kind", m.kind().name());
        ObjectNode input = root.putObject("input");
        ArrayNode shape = input.putArray("example_shape");
        for (int d : m.input().exampleShape()) {
            shape.add(d);
        }
        input.put("decoding", m.input().decoding());
        root.put("train_split", m.trainSplit());
        ObjectNode setting = root.putObject("setting");
        setting.put("ways", m.setting().ways());
        setting.put("shots", m.setting().shots());
        setting.put("queries", m.setting().queries());
        root.put("train_steps", m.trainSteps());
        root.set("provenance", JSON.valueToTree(m.provenance().asMap()));
        return root;
    }

    private static ModelManifest fromJson(JsonNode root) {
        JsonNode input = root.path("input");
        JsonNode shapeNode = input.path("example_shape");
        int[] shape = new int[shapeNode.size()];
        for (int i = 0; i < shape.length; i++) {
            shape[i] = shapeNode.get(i).asInt();
        }
        JsonNode s = root.path("setting");
        String provenance;
        try {
            provenance = JSON.writeValueAsString(root.path("provenance"));
        } catch (IOException e) {
            throw new IllegalArgumentException("field 'provenance' cannot be read", e);
        }
        return new ModelManifest(CheckpointFormat.parseKey(root.path("key")), TaskKind.valueOf(root.path("kind").asText()),
                new InputTransform(shape, input.path("decoding").asText()), root.path("train_split").asText(),
                new TaskSpec(s.path("ways").asInt(), s.path("shots").asInt(), s.path("queries").asInt()),
                root.path("train_steps").asInt(), Provenance.fromJson(provenance));
    }
}
