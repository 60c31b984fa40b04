package dev.metatune.run;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.metatune.error.UserInputException;
import dev.metatune.eval.Metric;
import dev.metatune.hpo.Study;
import dev.metatune.hpo.StudyDirection;
import dev.metatune.hpo.sampler.RandomSampler;
import dev.metatune.hpo.storage.InMemoryStorage;
import dev.metatune.hpo.Storage;
import dev.metatune.learner.PublishedResult;
import dev.metatune.space.Distribution;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

/** The run codec writes typed records and reads the same records back, stamps its format and refuses newer ones. */
class RunCodecTest {

    private static final Provenance PROVENANCE = new Provenance("abc123", "17", "0.35.1", "PyTorch 2.7.1", "Linux",
            "cpu()", new CpuProfile("AMD EPYC", List.of("avx2", "fma", "avx512f"), 1, Map.of("ONEDNN_MAX_CPU_ISA", "AVX2")),
            "tiny", "f".repeat(64), List.of(1L, 2L), "2024-01-01T00:00:00Z");

    private static TuningStudy tuning() {
        Map<String, Distribution> search = new LinkedHashMap<>();
        search.put("lr", Distribution.FloatRange.logScale(1e-4, 1e-2));
        search.put("steps", Distribution.IntRange.of(1, 3));
        search.put("width", new Distribution.Categorical(List.of(32, 64)));
        return new TuningStudy("algo", "synthetic", "5w1s", Metric.ACCURACY, StudyDirection.MAXIMIZE,
                Optional.of(new PublishedResult("synthetic", "5w1s", 0.987, 0.004, "Someone et al. 2017, table 1")),
                "10 training steps; a note", search, List.of("steps", "lr"));
    }

    @Test
    void recordsComeBackAsWritten() throws Exception {
        try (Storage storage = new InMemoryStorage()) {
            RunCodec codec = new RunCodec(storage);
            assertEquals(Optional.empty(), codec.readRun(), "no run yet");
            RunRecord run = new RunRecord("Metatune run: tiny", PROVENANCE, List.of("algo-synthetic-5w1s"));
            codec.writeRun(run);
            assertEquals(Optional.of(run), new RunCodec(storage).readRun());
            assertEquals(RunCodec.FORMAT_VERSION, new RunCodec(storage).storedFormatVersion());

            long id = storage.createStudy("algo-synthetic-5w1s", StudyDirection.MAXIMIZE).studyId();
            AtomicInteger firstTime = new AtomicInteger();
            assertTrue(codec.describeTuningStudy(id, tuning(), firstTime::incrementAndGet));
            assertFalse(codec.describeTuningStudy(id, tuning(), firstTime::incrementAndGet), "described once");
            assertEquals(1, firstTime.get(), "the first-time work ran once");
            TuningStudy back = new RunCodec(storage).readTuningStudy("algo-synthetic-5w1s").orElseThrow();
            assertEquals(tuning(), back);
            assertEquals(List.of("lr", "steps", "width"), List.copyOf(back.search().keySet()), "search order kept");
            assertEquals(Optional.empty(), codec.readTuningStudy("no-such-study"));

            TuningStudy minimize = new TuningStudy("algo", "sinusoid", "1w10s", Metric.MSE, StudyDirection.MINIMIZE,
                    Optional.empty(), "", Map.of(), List.of());
            long id2 = storage.createStudy("algo-sinusoid-1w10s", StudyDirection.MINIMIZE).studyId();
            codec.describeTuningStudy(id2, minimize, () -> { });
            assertEquals(minimize, codec.readTuningStudy("algo-sinusoid-1w10s").orElseThrow());
        }
    }

    @Test
    void finalEvaluationsAndTrialSetupsComeBackAsWritten() throws Exception {
        try (Storage storage = new InMemoryStorage()) {
            RunCodec codec = new RunCodec(storage);
            codec.writeRun(new RunRecord("t", PROVENANCE, List.of("s")));
            FinalEvaluation evaluation = new FinalEvaluation(2, List.of(0.8, 1.0, 0.6), Map.of("lr", 0.001, "steps", 3),
                    12.5, 1.25, "cpu()");
            try (Study test = Study.builder(storage, RunCodec.testStudyName("s")).setSampler(new RandomSampler(0)).create()) {
                assertTrue(codec.describeTestStudy(test.studyId(), Map.of("lr", 0.001), () -> { }));
                test.enqueueTrial(Map.of(RunCodec.SEED_PARAM, 2L));
                test.optimize(trial -> {
                    trial.suggest(RunCodec.SEED_PARAM, new Distribution.Categorical(List.of(1L, 2L)));
                    RunCodec.writeEvaluation(trial, evaluation);
                    return 0.8;
                }, 1);
            }
            assertEquals(List.of(evaluation), codec.readEvaluations("s"));
            FinalEvaluation curve = new FinalEvaluation(1, List.of(-3.0, -4.0), Map.of("lr", 0.1), 2, 1, "cpu()",
                    List.of(List.of(-9.0, -8.5), List.of(-5.0, -6.0), List.of(-3.0, -4.0)));
            try (Study test = Study.builder(storage, RunCodec.testStudyName("rl")).setSampler(new RandomSampler(0)).create()) {
                codec.describeTestStudy(test.studyId(), Map.of("lr", 0.1), () -> { });
                test.enqueueTrial(Map.of(RunCodec.SEED_PARAM, 1L));
                test.optimize(trial -> {
                    trial.suggest(RunCodec.SEED_PARAM, new Distribution.Categorical(List.of(1L)));
                    RunCodec.writeEvaluation(trial, curve);
                    return -3.5;
                }, 1);
            }
            assertEquals(List.of(curve), codec.readEvaluations("rl"), "the scores after each adaptation step come back");
            assertThrows(IllegalArgumentException.class, () -> new FinalEvaluation(1, List.of(-3.0, -4.0), Map.of(), 0, 0,
                    "cpu()", List.of(List.of(-9.0))), "a step without a score per episode");
            assertEquals(Map.of("lr", 0.001), codec.readBestParameters("s"));
            assertEquals(List.of(), codec.readEvaluations("other"));

            TrialSetup setup = new TrialSetup(7, "cpu()", Map.of("filters", 8));
            try (Study tuning = Study.builder(storage, "s").setSampler(new RandomSampler(0)).create()) {
                tuning.optimize(trial -> {
                    RunCodec.writeTrialSetup(trial, setup);
                    return 1.0;
                }, 1);
            }
            assertEquals(setup, RunCodec.readTrialSetup(codec.trials("s").get(0)));
        }
    }

    @Test
    void aRunWrittenByANewerFormatIsRefusedNamingWhoWroteIt() throws Exception {
        try (Storage storage = new InMemoryStorage()) {
            new RunCodec(storage).writeRun(new RunRecord("t", PROVENANCE, List.of()));
            long id = storage.findStudy(RunCodec.RUN_STUDY).orElseThrow().studyId();
            storage.setStudyUserAttr(id, "format_version", RunCodec.FORMAT_VERSION + 1);
            storage.setStudyUserAttr(id, "written_by", "Metatune 9.0.0 (commit 0123abcd)");
            RunFormatException e = assertThrows(RunFormatException.class, () -> new RunCodec(storage).readRun());
            assertTrue(e.getMessage().contains("run format version " + (RunCodec.FORMAT_VERSION + 1)), e.getMessage());
            assertTrue(e.getMessage().contains("Metatune 9.0.0 (commit 0123abcd)"), e.getMessage());
            assertTrue(e instanceof UserInputException, "exit 2: the user opened a newer run with an older build");
            assertThrows(RunFormatException.class, () -> new RunCodec(storage).readTuningStudy("x"));
            assertThrows(RunFormatException.class, () -> new RunCodec(storage).writeRun(new RunRecord("t", PROVENANCE,
                    List.of())));
            // negative control: this build's own version loads
            storage.setStudyUserAttr(id, "format_version", RunCodec.FORMAT_VERSION);
            assertTrue(new RunCodec(storage).readRun().isPresent());
        }
    }

    @Test
    void aRunWithoutVersionIsReadAsThePreviousFormatAndNotWrittenOver() throws Exception {
        try (Storage storage = new InMemoryStorage()) {
            long run = storage.createStudy(RunCodec.RUN_STUDY, StudyDirection.MAXIMIZE).studyId();
            storage.setStudyUserAttr(run, "title", "Metatune run: old");
            storage.setStudyUserAttr(run, "studies", List.of("m-sinusoid-1w5s"));
            storage.setStudyUserAttr(run, "provenance", PROVENANCE.toJson());
            long s = storage.createStudy("m-sinusoid-1w5s", StudyDirection.MINIMIZE).studyId();
            storage.setStudyUserAttr(s, "algorithm", "m");
            storage.setStudyUserAttr(s, "dataset", "sinusoid");
            storage.setStudyUserAttr(s, "setting", "1w5s");
            storage.setStudyUserAttr(s, "metric", "mse");
            storage.setStudyUserAttr(s, "paper", 0.5);
            storage.setStudyUserAttr(s, "notes", "n");
            storage.setStudyUserAttr(s, "role", "tuning");
            RunCodec codec = new RunCodec(storage);
            assertEquals(0, codec.storedFormatVersion());
            assertEquals("Metatune run: old", codec.readRun().orElseThrow().title());
            TuningStudy t = codec.readTuningStudy("m-sinusoid-1w5s").orElseThrow();
            assertEquals(StudyDirection.MINIMIZE, t.direction(), "version 0: direction from the metric");
            assertEquals(0.5, t.published().orElseThrow().value());
            assertEquals("", t.published().orElseThrow().citation());
            RunFormatException e = assertThrows(RunFormatException.class,
                    () -> codec.writeRun(new RunRecord("t", PROVENANCE, List.of())));
            assertTrue(e.getMessage().contains("version 0"), e.getMessage());
        }
    }

    @Test
    void recordsValidateAtConstruction() {
        assertThrows(IllegalArgumentException.class, () -> new RunRecord("t", PROVENANCE, List.of("a", "a")));
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> new TuningStudy("a", "d", "s",
                Metric.ACCURACY, StudyDirection.MAXIMIZE, Optional.empty(), "", Map.of("lr",
                Distribution.FloatRange.linear(0, 1)), List.of("lr", "steps")));
        assertTrue(e.getMessage().contains("[lr, steps]"), e.getMessage());
        assertThrows(IllegalArgumentException.class, () -> new FinalEvaluation(1, List.of(), Map.of(), -1, 0, "cpu()"));
    }
}
