package dev.metatune.sweep;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import dev.metatune.report.AtomicFiles;
import dev.metatune.suite.StorageSpec;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * A run's folder: {@code run.json} says which suite it runs and where its studies are stored,
 * {@code suite.yaml} is a copy of the suite file, and the report files are written beside them.
 * The default storage is the SQLite file {@code studies.db} in the folder.
 */
public record RunFolder(Path dir) {

    public static final String RUN_FILE = "run.json";
    public static final String SUITE_COPY = "suite.yaml";
    public static final String DATABASE = "studies.db";

    /** Whether the folder already holds a run. */
    public boolean exists() {
        return Files.isRegularFile(dir.resolve(RUN_FILE));
    }

    /** The storage string (for {@code StorageFactory.open}) of a suite's storage spec in this folder. */
    public String storageFor(StorageSpec spec) {
        if (spec instanceof StorageSpec.RunFolder) {
            return "sqlite:" + dir.resolve(DATABASE).toAbsolutePath();
        }
        if (spec instanceof StorageSpec.Memory) {
            return "memory";
        }
        return ((StorageSpec.Jdbc) spec).url();
    }

    /** Records a new run: its suite file (copied) and its storage. */
    public void create(Path suiteFile, String suiteName, StorageSpec storage) throws IOException {
        Files.createDirectories(dir);
        AtomicFiles.write(dir.resolve(SUITE_COPY), out -> out.write(Files.readAllBytes(suiteFile)));
        Map<String, Object> run = new LinkedHashMap<>();
        run.put("suite", suiteName);
        run.put("storage", storage instanceof StorageSpec.RunFolder ? "sqlite:" + DATABASE : storage.text());
        AtomicFiles.writeString(dir.resolve(RUN_FILE),
                new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT).writeValueAsString(run) + "\n");
    }

    /** The storage string of an existing run, resolving the run-folder SQLite file against the folder. */
    public String storedStorage() throws IOException {
        Path file = dir.resolve(RUN_FILE);
        if (!Files.isRegularFile(file)) {
            throw new IllegalArgumentException(dir + " holds no Metatune run (no " + RUN_FILE + ")");
        }
        Map<?, ?> run;
        try {
            run = new ObjectMapper().readValue(file.toFile(), Map.class);
        } catch (IOException e) {
            throw new IllegalArgumentException(file + ": not valid JSON (" + e.getMessage() + ")");
        }
        Object storage = run.get("storage");
        if (!(storage instanceof String s) || s.isBlank()) {
            throw new IllegalArgumentException(file + ": field 'storage' is missing or not a string");
        }
        return s.equals("sqlite:" + DATABASE) ? "sqlite:" + dir.resolve(DATABASE).toAbsolutePath() : s;
    }
}
