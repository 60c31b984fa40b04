package dev.metatune.sweep;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import dev.metatune.error.UserInputException;
import dev.metatune.hpo.Storage;
import dev.metatune.report.AtomicFiles;
import dev.metatune.suite.StorageSpec;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Function;

/**
 * A run's folder: {@code run.json} says which suite it runs and where its studies are stored,
 * {@code suite.yaml} is a copy of the suite file, and the report files are written beside them.
 * The default storage is the SQLite file {@code studies.db} in the folder. A new run opens its
 * storage before it records anything, and a storage that cannot be opened leaves no trace: neither
 * the folder (when the run made it) nor any file in it.
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

    /**
     * Starts a new run: opens its storage with {@code open} (given the storage string of
     * {@link #storageFor}), then records the run (its suite file, copied, and its storage) and returns
     * the open storage. When the storage cannot be opened, the exception is thrown after everything
     * this call created is removed again (the folder and its parents when it made them, the run
     * folder's database when it made it); nothing that was there before is touched.
     */
    public Storage create(Path suiteFile, String suiteName, StorageSpec storage, Function<String, Storage> open)
            throws IOException {
        List<Path> madeFolders = missingFolders(dir.toAbsolutePath());
        Path database = dir.resolve(DATABASE);
        List<Path> madeFiles = new ArrayList<>();
        for (String suffix : List.of("", "-journal", "-wal", "-shm")) {
            Path p = database.resolveSibling(DATABASE + suffix);
            if (!Files.exists(p)) {
                madeFiles.add(p);
            }
        }
        Files.createDirectories(dir);
        Storage opened;
        try {
            opened = open.apply(storageFor(storage));
        } catch (RuntimeException e) {
            for (Path p : madeFiles) {
                Files.deleteIfExists(p);
            }
            for (Path folder : madeFolders) {
                Files.deleteIfExists(folder);
            }
            throw e;
        }
        try {
            AtomicFiles.write(dir.resolve(SUITE_COPY), out -> out.write(Files.readAllBytes(suiteFile)));
            Map<String, Object> run = new LinkedHashMap<>();
            run.put("suite", suiteName);
            run.put("storage", storage instanceof StorageSpec.RunFolder ? "sqlite:" + DATABASE : storage.text());
            AtomicFiles.writeString(dir.resolve(RUN_FILE),
                    new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT).writeValueAsString(run) + "\n");
        } catch (IOException | RuntimeException e) {
            opened.close();
            throw e;
        }
        return opened;
    }

    /** The folders from {@code folder} up that do not exist yet, deepest first. */
    private static List<Path> missingFolders(Path folder) {
        List<Path> missing = new ArrayList<>();
        for (Path p = folder; p != null && !Files.exists(p); p = p.getParent()) {
            missing.add(p);
        }
        return missing;
    }

    /** The storage string of an existing run, resolving the run-folder SQLite file against the folder. */
    public String storedStorage() throws IOException {
        Path file = dir.resolve(RUN_FILE);
        if (!Files.isRegularFile(file)) {
            throw new UserInputException(dir + " holds no Metatune run (no " + RUN_FILE + ")");
        }
        Map<?, ?> run;
        try {
            run = new ObjectMapper().readValue(file.toFile(), Map.class);
        } catch (IOException e) {
            throw new UserInputException(file + ": not valid JSON (" + e.getMessage() + ")", e);
        }
        Object storage = run.get("storage");
        if (!(storage instanceof String s) || s.isBlank()) {
            throw new UserInputException(file + ": field 'storage' is missing or not a string");
        }
        return s.equals("sqlite:" + DATABASE) ? "sqlite:" + dir.resolve(DATABASE).toAbsolutePath() : s;
    }
}
