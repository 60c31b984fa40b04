package dev.metatune.cli;

import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/** The command line run in-process, for end-to-end tests: its exit code and what it printed. */
public final class Cli {

    /** What one command did. */
    public record Result(int code, String out, String err) {
    }

    private Cli() {
    }

    /** Runs {@code metatune ARGS}. */
    public static Result run(String... args) {
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        int code = Main.execute(args, new PrintWriter(out), new PrintWriter(err));
        return new Result(code, out.toString(), err.toString());
    }

    /**
     * Writes {@code suite} to {@code dir/suite.yaml} and runs it into {@code dir/run}, with an empty
     * data root {@code dir/data} (the file-free data sets need none) and the cache under {@code dir};
     * {@code more} arguments go at the end.
     */
    public static Result runSuite(Path dir, String suite, String... more) throws IOException {
        Path file = dir.resolve("suite.yaml");
        Files.writeString(file, suite);
        Files.createDirectories(dir.resolve("data"));
        List<String> args = new ArrayList<>(List.of("run", file.toString(), "--out", dir.resolve("run").toString(),
                "--data-dir", dir.resolve("data").toString(), "--cache-dir", dir.resolve("cache").toString()));
        args.addAll(List.of(more));
        return run(args.toArray(String[]::new));
    }
}
