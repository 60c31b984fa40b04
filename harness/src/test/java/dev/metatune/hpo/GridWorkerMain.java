package dev.metatune.hpo;

import dev.metatune.hpo.sampler.GridSampler;
import dev.metatune.hpo.storage.StorageFactory;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;

/**
 * A worker process for {@link GridWorkersTest}: announces itself, waits for the go, then runs the
 * worker loop on a shared grid study. Arguments: storage spec, study name, folder for the
 * ready/go files, worker id.
 */
public final class GridWorkerMain {

    /** The grid: 4 x 3 points. */
    static final Map<String, List<Object>> GRID = Map.of("a", List.of(1L, 2L, 3L, 4L), "b", List.of("x", "y", "z"));

    private GridWorkerMain() {
    }

    public static void main(String[] args) throws Exception {
        String spec = args[0];
        String name = args[1];
        Path dir = Path.of(args[2]);
        int worker = Integer.parseInt(args[3]);
        Files.writeString(dir.resolve("ready-" + worker), "");
        for (int i = 0; i < 6000 && !Files.exists(dir.resolve("go")); i++) {
            Thread.sleep(10);
        }
        try (Storage storage = StorageFactory.open(spec);
                Study study = Study.builder(storage, name).setSampler(new GridSampler(GRID, 7))
                        .optHeartbeat(Duration.ofMillis(200), Duration.ofSeconds(10), 1).createOrLoad()) {
            StudyWorker.builder(study, trial -> {
                trial.setUserAttr("worker", worker);
                long a = trial.suggestLong("a", 1, 4, 1, false);
                String b = trial.suggestCategorical("b", List.of("x", "y", "z"));
                Thread.sleep(20);
                return a + b.length();
            }).setTrials(30).build().run();
        }
    }
}
