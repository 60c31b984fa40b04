package dev.metatune.train.checkpoint;

import ai.djl.Device;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.metatune.learner.LearnerState;
import dev.metatune.learner.StateTensor;
import dev.metatune.task.TaskSpec;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.zip.ZipEntry;
import java.util.zip.ZipInputStream;
import java.util.zip.ZipOutputStream;

/**
 * The checkpoint file, version 1: a zip holding
 * <ul>
 *   <li>{@code manifest.json}: {@code format} ({@value #FORMAT}), {@code version} (1), {@code key}
 *       (algorithm, hyperparameters, dataset, example_shape, train_spec {ways, shots, queries},
 *       train_classes, seed), {@code total_steps}, {@code position} (step, next_episode, seconds,
 *       loss_ring, accuracy_ring), {@code reports} (step, value, per_episode), {@code learner}
 *       (algorithm, counters, tensors: name and shape of each, in order) and {@code device};
 *       non-finite numbers are written as the strings {@code "NaN"}, {@code "Infinity"},
 *       {@code "-Infinity"};</li>
 *   <li>{@code tensors.ndlist}: the learner's tensors, float32, in DJL's {@link NDList#encode()}
 *       encoding, each named, in the manifest's order.</li>
 * </ul>
 * Tensors are decoded on the CPU, so a file written on a GPU reads anywhere; the learner moves them
 * to its own device when it restores them. Files are written atomically: a temporary file in the
 * same folder, forced to disk, then renamed over the target (and the folder forced), so a reader or a
 * process killed at any instant finds the old checkpoint or the new one, never half of one.
 */
public final class CheckpointFormat {

    public static final String FORMAT = "metatune-checkpoint";
    public static final int VERSION = 1;
    static final String MANIFEST = "manifest.json";
    static final String TENSORS = "tensors.ndlist";

    private static final ObjectMapper JSON = new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);

    private CheckpointFormat() {
    }

    /** Writes {@code checkpoint} to {@code file} atomically. */
    public static void write(Path file, Checkpoint checkpoint) throws IOException {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        try (ZipOutputStream zip = new ZipOutputStream(bytes)) {
            zip.putNextEntry(new ZipEntry(MANIFEST));
            zip.write(JSON.writeValueAsBytes(manifest(checkpoint)));
            zip.closeEntry();
            zip.putNextEntry(new ZipEntry(TENSORS));
            zip.write(encode(checkpoint.state()));
            zip.closeEntry();
        }
        DurableFiles.write(file, bytes.toByteArray());
    }

    /** Reads a checkpoint; a file that is not one (or of another version) is a {@link CheckpointException} naming it. */
    public static Checkpoint read(Path file) throws IOException {
        byte[] manifest = null;
        byte[] tensors = null;
        try (InputStream in = Files.newInputStream(file); ZipInputStream zip = new ZipInputStream(in)) {
            for (ZipEntry e = zip.getNextEntry(); e != null; e = zip.getNextEntry()) {
                if (e.getName().equals(MANIFEST)) {
                    manifest = zip.readAllBytes();
                } else if (e.getName().equals(TENSORS)) {
                    tensors = zip.readAllBytes();
                }
            }
        }
        if (manifest == null || tensors == null) {
            throw new CheckpointException(file + ": not a Metatune checkpoint (needs " + MANIFEST + " and " + TENSORS + ")");
        }
        JsonNode root;
        try {
            root = JSON.readTree(manifest);
        } catch (IOException e) {
            throw new CheckpointException(file + ": " + MANIFEST + " is not valid JSON (" + e.getMessage() + ")");
        }
        if (!FORMAT.equals(root.path("format").asText()) || root.path("version").asInt(-1) != VERSION) {
            throw new CheckpointException(file + ": format '" + root.path("format").asText() + "' version "
                    + root.path("version") + ", this Metatune reads '" + FORMAT + "' version " + VERSION);
        }
        try {
            return parse(root, tensors);
        } catch (RuntimeException e) {
            throw new CheckpointException(file + ": " + e.getMessage(), e);
        }
    }

    private static ObjectNode manifest(Checkpoint c) {
        ObjectNode root = JSON.createObjectNode();
        root.put("format", FORMAT);
        root.put("version", VERSION);
        root.set("key", key(c.key()));
        root.put("total_steps", c.totalSteps());
        TrainerPosition p = c.position();
        ObjectNode position = root.putObject("position");
        position.put("step", p.step());
        position.put("next_episode", p.nextEpisode());
        number(position, "seconds", p.seconds());
        position.set("loss_ring", numbers(p.lossRing()));
        position.set("accuracy_ring", numbers(p.accuracyRing()));
        ArrayNode reports = root.putArray("reports");
        for (ReportedValue r : c.reports()) {
            ObjectNode o = reports.addObject();
            o.put("step", r.step());
            number(o, "value", r.value());
            o.set("per_episode", numbers(r.perEpisode()));
        }
        ObjectNode learner = root.putObject("learner");
        learner.put("algorithm", c.state().algorithm());
        ObjectNode counters = learner.putObject("counters");
        c.state().counters().forEach(counters::put);
        ArrayNode tensors = learner.putArray("tensors");
        for (StateTensor t : c.state().tensors()) {
            ObjectNode o = tensors.addObject();
            o.put("name", t.name());
            ArrayNode shape = o.putArray("shape");
            for (long d : t.shape()) {
                shape.add(d);
            }
        }
        root.put("device", c.device());
        return root;
    }

    /** The key as JSON (also what a model folder's manifest embeds); {@link #parseKey} reads it back. */
    public static ObjectNode key(CheckpointKey k) {
        ObjectNode key = JSON.createObjectNode();
        key.put("algorithm", k.algorithm());
        key.set("hyperparameters", JSON.valueToTree(k.hyperparameters()));
        key.put("dataset", k.dataset());
        ArrayNode shape = key.putArray("example_shape");
        for (int d : k.exampleShape()) {
            shape.add(d);
        }
        ObjectNode spec = key.putObject("train_spec");
        spec.put("ways", k.trainSpec().ways());
        spec.put("shots", k.trainSpec().shots());
        spec.put("queries", k.trainSpec().queries());
        key.put("train_classes", k.trainClassCount());
        key.put("seed", k.seed());
        return key;
    }

    public static CheckpointKey parseKey(JsonNode k) {
        Map<String, Object> hyperparameters = new LinkedHashMap<>();
        k.path("hyperparameters").fields().forEachRemaining(e -> hyperparameters.put(e.getKey(),
                JSON.convertValue(e.getValue(), Object.class)));
        JsonNode shapeNode = required(k, "example_shape");
        int[] shape = new int[shapeNode.size()];
        for (int i = 0; i < shape.length; i++) {
            shape[i] = shapeNode.get(i).asInt();
        }
        JsonNode spec = required(k, "train_spec");
        return new CheckpointKey(required(k, "algorithm").asText(), hyperparameters, required(k, "dataset").asText(), shape,
                new TaskSpec(spec.path("ways").asInt(), spec.path("shots").asInt(), spec.path("queries").asInt()),
                required(k, "train_classes").asInt(), required(k, "seed").asLong());
    }

    private static Checkpoint parse(JsonNode root, byte[] tensorBytes) {
        JsonNode p = required(root, "position");
        TrainerPosition position = new TrainerPosition(required(p, "step").asInt(), required(p, "next_episode").asLong(),
                doubles(required(p, "loss_ring")), doubles(required(p, "accuracy_ring")), number(required(p, "seconds")));
        List<ReportedValue> reports = new ArrayList<>();
        for (JsonNode r : root.path("reports")) {
            reports.add(new ReportedValue(required(r, "step").asLong(), number(required(r, "value")),
                    doubles(required(r, "per_episode"))));
        }
        JsonNode learner = required(root, "learner");
        Map<String, Long> counters = new LinkedHashMap<>();
        learner.path("counters").fields().forEachRemaining(e -> counters.put(e.getKey(), e.getValue().asLong()));
        List<String> names = new ArrayList<>();
        for (JsonNode t : required(learner, "tensors")) {
            names.add(required(t, "name").asText());
        }
        LearnerState state = new LearnerState(required(learner, "algorithm").asText(), counters, decode(tensorBytes, names));
        return new Checkpoint(parseKey(required(root, "key")), required(root, "total_steps").asInt(), position, reports,
                state, root.path("device").asText("unknown"));
    }

    private static byte[] encode(LearnerState state) {
        try (NDManager manager = NDManager.newBaseManager(Device.cpu())) {
            NDList list = new NDList(state.tensors().size());
            for (StateTensor t : state.tensors()) {
                NDArray a = manager.create(t.values(), new Shape(t.shape()));
                a.setName(t.name());
                list.add(a);
            }
            return list.encode();
        }
    }

    private static List<StateTensor> decode(byte[] bytes, List<String> names) {
        try (NDManager manager = NDManager.newBaseManager(Device.cpu())) {
            NDList list = NDList.decode(manager, bytes);
            if (list.size() != names.size()) {
                throw new IllegalArgumentException(TENSORS + " holds " + list.size() + " tensors, the manifest lists "
                        + names.size());
            }
            List<StateTensor> out = new ArrayList<>(list.size());
            for (int i = 0; i < list.size(); i++) {
                NDArray a = list.get(i);
                out.add(new StateTensor(names.get(i), a.getShape().getShape(), a.toFloatArray()));
            }
            return out;
        }
    }

    private static JsonNode required(JsonNode node, String field) {
        JsonNode v = node.get(field);
        if (v == null || v.isNull()) {
            throw new IllegalArgumentException("field '" + field + "' is missing");
        }
        return v;
    }

    private static void number(ObjectNode node, String field, double value) {
        if (Double.isFinite(value)) {
            node.put(field, value);
        } else {
            node.put(field, Double.toString(value));
        }
    }

    private static ArrayNode numbers(double[] values) {
        ArrayNode a = JSON.createArrayNode();
        for (double v : values) {
            if (Double.isFinite(v)) {
                a.add(v);
            } else {
                a.add(Double.toString(v));
            }
        }
        return a;
    }

    private static double number(JsonNode n) {
        return n.isTextual() ? Double.parseDouble(n.asText()) : n.asDouble();
    }

    private static double[] doubles(JsonNode array) {
        double[] out = new double[array.size()];
        for (int i = 0; i < out.length; i++) {
            out[i] = number(array.get(i));
        }
        return out;
    }
}
