package dev.metatune.data;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/** Runs {@link EpisodeHashMain} in a fresh JVM with this JVM's class path and returns its digests. */
public final class SecondJvm {

    private SecondJvm() {
    }

    public static Map<Long, String> episodeDigests(List<String> arguments) throws IOException, InterruptedException {
        List<String> command = new ArrayList<>();
        command.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
        command.add("-cp");
        command.add(System.getProperty("java.class.path"));
        command.add(EpisodeHashMain.class.getName());
        command.addAll(arguments);
        Process process = new ProcessBuilder(command).redirectErrorStream(true).start();
        String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        if (!process.waitFor(120, TimeUnit.SECONDS)) {
            process.destroyForcibly();
            throw new IllegalStateException("the second JVM did not finish in 120 s; output: " + output);
        }
        if (process.exitValue() != 0) {
            throw new IllegalStateException("the second JVM exited with " + process.exitValue() + ": " + output);
        }
        Map<Long, String> digests = new LinkedHashMap<>();
        for (String line : output.strip().split("\n")) {
            String[] parts = line.strip().split(" ");
            if (parts.length != 2) {
                throw new IllegalStateException("unexpected line from the second JVM: " + line + "\n" + output);
            }
            digests.put(Long.parseLong(parts[0]), parts[1]);
        }
        return digests;
    }
}
