package dev.metatune.report;

import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.metatune.eval.Metric;
import dev.metatune.hpo.Storage;
import dev.metatune.hpo.Study;
import dev.metatune.hpo.StudyDirection;
import dev.metatune.hpo.sampler.RandomSampler;
import dev.metatune.hpo.storage.InMemoryStorage;
import dev.metatune.run.Provenance;
import dev.metatune.run.RunCodec;
import dev.metatune.run.RunRecord;
import dev.metatune.run.TuningStudy;
import dev.metatune.space.Distribution;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A study named after an algorithm whose name is no plain file name ({@code maml++}) still gets
 * every figure: the report writes them under names made safe, instead of failing at the end of the
 * run.
 */
class FigureNamesTest {

    @TempDir
    Path dir;

    @Test
    void aStudyOfMamlPlusPlusGetsItsFigures() throws Exception {
        String name = "maml++-synthetic-5w1s";
        try (Storage storage = new InMemoryStorage()) {
            RunCodec codec = new RunCodec(storage);
            codec.writeRun(new RunRecord("Metatune run: names", new Provenance("abc123", "17", "0.35.1", "PyTorch 2.7.1",
                    "Linux", "cpu()", new dev.metatune.run.CpuProfile("a processor", List.of("avx2"), 1, Map.of()), "names", "f".repeat(64), List.of(1L), "2024-01-01T00:00:00Z"), List.of(name)));
            Map<String, Distribution> search = Map.of("inner_lr", Distribution.FloatRange.logScale(0.01, 1.0));
            try (Study study = Study.builder(storage, name).setSampler(new RandomSampler(1)).create()) {
                codec.describeTuningStudy(study.studyId(), new TuningStudy("maml++", "synthetic", "5w1s", Metric.ACCURACY,
                        StudyDirection.MAXIMIZE, Optional.empty(), "", search, List.of()), () -> { });
                study.optimize(trial -> {
                    double lr = (Double) trial.suggest("inner_lr", search.get("inner_lr"));
                    trial.report(1, 0.2 + lr / 10);
                    return 0.3 + lr / 10;
                }, 3);
            }
            RunReport.write(storage, dir);
        }
        for (String kind : List.of("history", "curves", "slice-inner_lr")) {
            Path svg = dir.resolve("plots").resolve(Figure.safe(name + "-" + kind) + ".svg");
            assertTrue(Files.isRegularFile(svg), "no figure " + svg);
        }
        assertTrue(Files.readString(dir.resolve("report.html")).contains("plots/" + Figure.safe(name + "-history") + ".svg"));
    }
}
