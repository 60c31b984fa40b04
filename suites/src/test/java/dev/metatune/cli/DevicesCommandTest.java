package dev.metatune.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ai.djl.engine.Engine;
import ai.djl.pytorch.jni.LibUtils;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.File;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code metatune devices}: the engine line, the CPU's forward/backward check, exit 2 with the steps
 * for a GPU PyTorch cannot use, and a libtorch brought from another folder (DJL's
 * {@code PYTORCH_LIBRARY_PATH}, which the launcher sets from {@code METATUNE_LIBTORCH}) loaded from
 * that folder in a JVM without the CPU natives on its class path.
 */
class DevicesCommandTest {

    private static final ObjectMapper JSON = new ObjectMapper();

    @TempDir
    Path dir;

    private static int run(StringWriter out, StringWriter err, String... args) {
        return Main.execute(args, new PrintWriter(out, true), new PrintWriter(err, true));
    }

    private static List<JsonNode> lines(String text) throws IOException {
        List<JsonNode> nodes = new ArrayList<>();
        for (String line : text.lines().filter(l -> l.startsWith("{")).toList()) {
            nodes.add(JSON.readTree(line));
        }
        return nodes;
    }

    @Test
    void reportsTheEngineAndPassesTheCpuCheck() throws IOException {
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        assertEquals(0, run(out, err, "devices", "--json"), err.toString());
        List<JsonNode> lines = lines(out.toString());
        JsonNode engine = lines.get(0);
        assertEquals("engine", engine.get("kind").asText());
        assertEquals("PyTorch", engine.get("engine").asText());
        assertEquals(NativeEngine.LIBTORCH_VERSION, engine.get("version").asText());
        assertEquals("cpu", engine.get("flavor").asText());
        assertFalse(engine.get("cuda_build").asBoolean());
        assertEquals(0, engine.get("gpus").asInt());
        JsonNode check = lines.get(lines.size() - 1);
        assertEquals("check", check.get("kind").asText());
        assertEquals("cpu", check.get("device").asText());
        assertTrue(check.get("passed").asBoolean(), check.toString());
        assertTrue(check.get("max_error").asDouble() < 1e-4, check.toString());
    }

    @Test
    void aGpuThatPyTorchCannotUseIsBadInputWithTheSteps() {
        for (String[] args : new String[][] {{"devices", "--device", "gpu"}, {"devices", "--device", "gpu3"},
            {"eval", "--algorithm", "protonet", "--dataset", "synthetic", "--ways", "5", "--shots", "1",
                "--train-steps", "1", "--device", "gpu"}}) {
            StringWriter out = new StringWriter();
            StringWriter err = new StringWriter();
            assertEquals(Main.EXIT_BAD_INPUT, run(out, err, args), String.join(" ", args) + ": " + err);
            assertTrue(err.toString().contains("METATUNE_LIBTORCH"), err.toString());
            assertTrue(err.toString().contains("CUDA 12.8"), err.toString());
            assertFalse(err.toString().contains("\tat "), "a stack trace: " + err);
        }
    }

    @Test
    void aDeviceNameThatIsNoDeviceIsBadInput() {
        StringWriter err = new StringWriter();
        assertEquals(Main.EXIT_BAD_INPUT, run(new StringWriter(), err, "devices", "--device", "tpu"));
        assertTrue(err.toString().contains("--device must be cpu, gpu or gpuN"), err.toString());
    }

    @Test
    void flavorComesFromWhatDjlWasToldOrItsCacheFolder() {
        String told = System.getenv("PYTORCH_FLAVOR");
        if (told == null) {
            assertEquals("cpu", DevicesCommand.flavor("/home/u/.cache/djl/pytorch/2.7.1-20250812-cpu-linux-x86_64"));
            assertEquals("cu128", DevicesCommand.flavor("/c/pytorch/2.7.1-cu128-precxx11-linux-x86_64"));
            assertEquals("unknown", DevicesCommand.flavor("/opt/venv/lib/python3.11/site-packages/torch/lib"));
        }
    }

    /**
     * The libtorch the engine of this JVM loaded, linked into a folder of its own, is what a second JVM
     * (this class path without the CPU natives, DJL's variables set as the launcher sets them) loads.
     */
    @Test
    void aBroughtLibtorchIsLoadedFromItsFolder() throws Exception {
        Engine.getInstance();
        Path loaded = Path.of(LibUtils.getLibtorchPath());
        Path brought = Files.createDirectories(dir.resolve("brought-lib"));
        try (Stream<Path> files = Files.list(loaded)) {
            for (Path f : files.filter(Files::isRegularFile).toList()) {
                Files.createSymbolicLink(brought.resolve(f.getFileName()), f);
            }
        }
        String classPath = System.getProperty("surefire.test.class.path", System.getProperty("java.class.path"));
        String withoutNatives = Stream.of(classPath.split(File.pathSeparator))
                .filter(e -> !e.contains("pytorch-native-cpu")).collect(Collectors.joining(File.pathSeparator));
        assertFalse(withoutNatives.isEmpty());
        Path java = Path.of(System.getProperty("java.home"), "bin", "java");
        ProcessBuilder builder = new ProcessBuilder(java.toString(), "-cp", withoutNatives, "-Dai.djl.offline=true",
                "-Dorg.slf4j.simpleLogger.defaultLogLevel=warn", "dev.metatune.cli.Main", "devices", "--json")
                .redirectErrorStream(false);
        builder.environment().put("PYTORCH_LIBRARY_PATH", brought.toString());
        builder.environment().put("PYTORCH_VERSION", NativeEngine.LIBTORCH_VERSION);
        builder.environment().put("PYTORCH_FLAVOR", "cpu");
        builder.environment().put("OPT_OUT_TRACKING", "true");
        builder.redirectError(dir.resolve("stderr.txt").toFile());
        Process process = builder.start();
        String stdout = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertTrue(process.waitFor(120, TimeUnit.SECONDS), "devices did not finish");
        String stderr = Files.readString(dir.resolve("stderr.txt"));
        assertEquals(0, process.exitValue(), stdout + stderr);
        List<JsonNode> lines = lines(stdout);
        JsonNode engine = lines.get(0);
        assertEquals(brought.toString(), engine.get("libtorch_path").asText(), stdout);
        assertEquals("METATUNE_LIBTORCH", engine.get("libtorch_source").asText());
        assertTrue(lines.get(lines.size() - 1).get("passed").asBoolean(), stdout);
    }
}
