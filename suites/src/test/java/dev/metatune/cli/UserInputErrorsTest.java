package dev.metatune.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.metatune.learner.AlgorithmProvider;
import dev.metatune.learner.Hyperparameters;
import dev.metatune.task.TaskKind;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;


/**
 * Every input error the user can make on the command line is exit 2 with one line naming the
 * option and value (now that an {@link IllegalArgumentException} from inside is exit 1, each is a
 * {@code UserInputException} raised where the input is checked).
 */
class UserInputErrorsTest {

    @TempDir
    Path dir;

    private record Result(int code, String err) {
    }

    private static Result main(String... args) {
        StringWriter err = new StringWriter();
        int code = Main.execute(args, new PrintWriter(new StringWriter(), true), new PrintWriter(err, true));
        return new Result(code, err.toString());
    }

    private static final String[] EVAL = {"eval", "--algorithm", "maml", "--dataset", "synthetic", "--ways", "5",
        "--shots", "1", "--queries", "2", "--train-steps", "0", "--test-episodes", "2", "--set", "filters=8"};

    /** The eval command line with {@code more} added, an option already there given its new value instead. */
    private static String[] eval(String... more) {
        List<String> line = new java.util.ArrayList<>(List.of(EVAL));
        for (int i = 0; i < more.length; i += 2) {
            int at = line.indexOf(more[i]);
            if (at > 0 && !more[i].equals("--set")) {
                line.set(at + 1, more[i + 1]);
            } else {
                line.add(more[i]);
                line.add(more[i + 1]);
            }
        }
        return line.toArray(String[]::new);
    }

    static Stream<org.junit.jupiter.params.provider.Arguments> badCommandLines() {
        return Stream.of(
                args(eval("--set", "inner_lr=-1"), "--set inner_lr=-1: outside the domain of 'inner_lr'; allowed: a number > 0"),
                args(eval("--set", "inner_steps=1.5"), "--set inner_steps=1.5: outside the domain of 'inner_steps'; allowed: an integer >= 1"),
                args(eval("--set", "transductive_bn=yes"), "allowed: true or false"),
                args(eval("--set", "conv_variant=dilated"), "allowed: one of [strided, pooled]"),
                args(eval("--set", "inner_lrr=0.1"), "--set inner_lrr: maml has no hyperparameter 'inner_lrr'"),
                args(eval("--set", "inner_lr"), "--set takes NAME=VALUE, got 'inner_lr'"),
                args(eval("--ways", "0"), "--ways must be at least 1, got 0"),
                args(eval("--train-steps", "-1"), "--train-steps must be at least 0, got -1"),
                args(eval("--test-episodes", "0"), "--test-episodes must be at least 1, got 0"),
                args(eval("--threads", "0"), "--threads must be at least 1, got 0"),
                args(new String[] {"test", "--model", "no-such-model", "--threads", "0"}, "--threads must be at least 1, got 0"),
                args(eval("--device", "tpu"), "--device must be cpu, gpu or gpuN"),
                args(eval("--ways", "3000"), "3000 ways requested but the split has only"),
                args(new String[] {"eval", "--algorithm", "protonet", "--dataset", "sinusoid", "--ways", "1", "--shots", "5",
                    "--train-steps", "0"}, "--algorithm protonet cannot learn the regression tasks of --dataset sinusoid"),
                args(new String[] {"eval", "--algorithm", "protonet", "--dataset", "nav2d", "--ways", "1", "--shots", "5",
                    "--train-steps", "0"}, "--algorithm protonet cannot learn the reinforcement tasks of --dataset nav2d"),
                args(new String[] {"eval", "--algorithm", "mamll", "--dataset", "synthetic", "--ways", "5", "--shots", "1",
                    "--train-steps", "0"}, "mamll"),
                args(new String[] {"bench", "--algorithm", "maml", "--dataset", "synthetic", "--ways", "0", "--shots", "1",
                    "--queries", "2"}, "--ways must be at least 1, got 0"),
                args(new String[] {"bench", "--algorithm", "protonet", "--dataset", "synthetic", "--ways", "3", "--shots", "1",
                    "--queries", "2", "--meta-batch", "2"}, "--meta-batch does not apply to protonet"),
                args(new String[] {"datasets", "--image-size", "-1"}, "--image-size must be at least 0, got -1"),
                args(new String[] {"datasets", "--dataset", "omniglott"}, "omniglott"),
                args(new String[] {"hpo-bench", "--seeds", "0"}, "--seeds and --trials must be >= 1"),
                args(new String[] {"run", "no-such-suite.yaml"}, "no-such-suite.yaml: no such suite file"),
                args(new String[] {"run", "quickstart.yaml", "--heartbeat-grace", "1"}, "--heartbeat-grace must be at least 2"),
                args(new String[] {"report", "no-such-run"}, "no-such-run holds no Metatune run (no run.json)"),
                args(new String[] {"eval", "--algorithm", "maml"}, "Missing required options"));
    }

    private static org.junit.jupiter.params.provider.Arguments args(String[] commandLine, String fragment) {
        return org.junit.jupiter.params.provider.Arguments.of(String.join(" ", commandLine), commandLine, fragment);
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("badCommandLines")
    void isExitTwoWithOneLineNamingTheInput(String shown, String[] commandLine, String fragment) {
        Result r = main(commandLine);
        assertEquals(Main.EXIT_BAD_INPUT, r.code(), r.err());
        assertTrue(r.err().contains(fragment), r.err());
        assertFalse(r.err().contains("\tat "), r.err());
    }

    /** Negative control: --set values inside their domains are read as the domain's type. */
    @Test
    void setValuesInsideTheirDomainsAreReadAsTheirTypes() {
        HyperparameterOptions options = new HyperparameterOptions();
        options.assignments = List.of("inner_lr=1", "inner_steps=2", "transductive_bn=false", "conv_variant=pooled");
        Hyperparameters hp = options.resolve(AlgorithmProvider.registry().get("maml"), TaskKind.CLASSIFICATION);
        assertEquals(1.0, hp.asMap().get("inner_lr"));
        assertEquals(2, hp.asMap().get("inner_steps"));
        assertEquals(false, hp.asMap().get("transductive_bn"));
        assertEquals("pooled", hp.asMap().get("conv_variant"));
    }

    /** A resumed run whose storage holds another suite is the user's to fix: exit 2, the storage untouched. */
    @Test
    void resumingWithAnotherSuiteIsExitTwo() throws Exception {
        String suite = """
                name: resume
                datasets: [{name: synthetic, settings: [{ways: 5, shots: 1, queries: 2}]}]
                budget: {train_steps: 2, validate_every: 1, validation_episodes: 1, final_train_steps: 1}
                algorithms:
                  - name: protonet
                    fixed: {filters: 4, train_ways: 5, train_shots: 1, train_queries: 2}
                test_episodes: 2
                seeds: [SEED]
                """;
        Path file = dir.resolve("s.yaml");
        Files.writeString(file, suite.replace("SEED", "1"));
        Path out = dir.resolve("run");
        String[] args = {"run", file.toString(), "--out", out.toString(), "--data-dir", dir.toString(), "--cache-dir",
            dir.resolve("cache").toString()};
        Result first = main(args);
        assertEquals(0, first.code(), first.err());
        byte[] database = Files.readAllBytes(out.resolve("studies.db"));
        Files.writeString(file, suite.replace("SEED", "2"));
        Result resumed = main(Stream.concat(Stream.of(args), Stream.of("--resume")).toArray(String[]::new));
        assertEquals(Main.EXIT_BAD_INPUT, resumed.code(), resumed.err());
        assertTrue(resumed.err().contains("this run's storage holds suite 'resume'"), resumed.err());
        assertTrue(java.util.Arrays.equals(database, Files.readAllBytes(out.resolve("studies.db"))),
                "the stored run is untouched");
        // and starting over without --resume is refused rather than overwriting the run
        Result again = main(args);
        assertEquals(Main.EXIT_BAD_INPUT, again.code(), again.err());
        assertTrue(again.err().contains("already holds a run; pass --resume"), again.err());
    }

}
