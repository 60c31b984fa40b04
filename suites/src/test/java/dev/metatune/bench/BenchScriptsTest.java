package dev.metatune.bench;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * The bench scripts' bad input, through what they share ({@code suites/bench/common.sh}): without
 * arguments each prints its whole usage, its leading comment, and exits 2; a CSV of another layout
 * is refused with exit 2 and left as it was; a data folder without Omniglot is named. Each of these
 * stops before anything is built or run.
 */
class BenchScriptsTest {

    private static final Path BENCH = Path.of("bench").toAbsolutePath();

    @TempDir
    Path dir;

    private record Outcome(int exitCode, String err) {
    }

    private static Outcome run(Map<String, String> environment, String script, String... args)
            throws IOException, InterruptedException {
        List<String> command = new ArrayList<>(List.of("bash", BENCH.resolve(script + ".sh").toString()));
        command.addAll(List.of(args));
        ProcessBuilder builder = new ProcessBuilder(command).redirectOutput(ProcessBuilder.Redirect.DISCARD);
        builder.environment().putAll(environment);
        Process p = builder.start();
        p.getOutputStream().close();
        String err = new String(p.getErrorStream().readAllBytes(), StandardCharsets.UTF_8);
        assertTrue(p.waitFor(60, TimeUnit.SECONDS), script + " did not finish");
        return new Outcome(p.exitValue(), err);
    }

    /** The script's leading comment block without its {@code #}: the usage it should print. */
    private static String usage(String script) throws IOException {
        StringBuilder out = new StringBuilder();
        List<String> lines = Files.readAllLines(BENCH.resolve(script + ".sh"));
        for (String line : lines.subList(1, lines.size())) {
            if (!line.startsWith("#")) {
                break;
            }
            out.append(line.replaceFirst("^# ?", "")).append('\n');
        }
        return out.toString();
    }

    @ParameterizedTest
    @ValueSource(strings = {"kernels-speed", "omniglot-reference", "reproducibility", "rl-reference", "step-times"})
    void withoutArgumentsTheWholeUsageIsPrintedAndTheExitIs2(String script) throws Exception {
        Outcome o = run(Map.of(), script);
        assertEquals(2, o.exitCode(), o.err());
        String expected = usage(script);
        assertTrue(expected.lines().count() > 3, "the usage of " + script + " has a few lines");
        assertEquals(expected, o.err());
    }

    @ParameterizedTest
    @ValueSource(strings = {"omniglot-reference", "reproducibility", "rl-reference", "step-times"})
    void aCsvOfAnotherLayoutIsRefusedAndLeftAsItWas(String script) throws Exception {
        Path csv = dir.resolve("other.csv");
        Files.writeString(csv, "a,b\n1,2\n");
        Path data = Files.createDirectories(dir.resolve("data/omniglot")).getParent();
        String run = script.equals("rl-reference") ? "maml:nav2d:1" : script.equals("step-times") ? "protonet" : "maml:5:1:1";
        Outcome o = run(Map.of("DATA_ROOT", data.toString()), script, csv.toString(), run);
        assertEquals(2, o.exitCode(), o.err());
        assertEquals(script + ": " + csv + " exists with another header; give a new file\n", o.err());
        assertEquals("a,b\n1,2\n", Files.readString(csv));
    }

    @ParameterizedTest
    @ValueSource(strings = {"omniglot-reference", "reproducibility", "step-times"})
    void aDataFolderWithoutOmniglotIsNamed(String script) throws Exception {
        Path empty = Files.createDirectories(dir.resolve("empty"));
        Outcome o = run(Map.of("DATA_ROOT", empty.toString()), script, dir.resolve("out.csv").toString(), "protonet:5:1:1");
        assertEquals(2, o.exitCode(), o.err());
        assertEquals(script + ": no omniglot/ under " + empty + " (set DATA_ROOT)\n", o.err());
        assertTrue(Files.notExists(dir.resolve("out.csv")), "nothing is written");
    }
}
