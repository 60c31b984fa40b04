package dev.metatune.sweep;

import dev.metatune.report.SavedModelList;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;

/**
 * The models a run's final evaluations saved: {@code RUN/models/<test study>/seed-<seed>/} (a model
 * folder each, for {@code metatune test --model}), listed in {@code RUN/models.csv}
 * ({@code study,seed,path}, paths relative to the run folder).
 */
final class SavedModels {

    static final String FOLDER = "models";
    static final String LIST = SavedModelList.FILE;

    private SavedModels() {
    }

    /** The model folder of the final evaluation of {@code testStudy} with {@code seed}. */
    static Path folder(Path runDir, String testStudy, long seed) {
        return runDir.resolve(FOLDER).resolve(testStudy).resolve("seed-" + seed);
    }

    /** Writes {@code models.csv} from the model folders present (nothing when there are none). */
    static void writeList(Path runDir) throws IOException {
        Path root = runDir.resolve(FOLDER);
        if (!Files.isDirectory(root)) {
            return;
        }
        List<SavedModelList.Entry> rows = new ArrayList<>();
        try (Stream<Path> studies = Files.list(root)) {
            for (Path study : studies.sorted().toList()) {
                try (Stream<Path> seeds = Files.list(study)) {
                    for (Path seed : seeds.sorted().toList()) {
                        if (Files.isRegularFile(seed.resolve(dev.metatune.train.model.ModelFolder.MANIFEST))) {
                            rows.add(new SavedModelList.Entry(study.getFileName().toString(),
                                    Long.parseLong(seed.getFileName().toString().substring("seed-".length())),
                                    runDir.relativize(seed).toString().replace('\\', '/')));
                        }
                    }
                }
            }
        }
        SavedModelList.write(runDir, rows);
    }
}
