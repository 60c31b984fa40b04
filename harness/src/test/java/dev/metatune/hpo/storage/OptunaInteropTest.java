package dev.metatune.hpo.storage;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.metatune.hpo.FrozenTrial;
import dev.metatune.hpo.Storage;
import dev.metatune.hpo.Study;
import dev.metatune.hpo.StudyDirection;
import dev.metatune.hpo.TrialPrunedException;
import dev.metatune.hpo.TrialState;
import dev.metatune.hpo.sampler.TpeSampler;
import dev.metatune.report.Numbers;
import dev.metatune.report.ReportCsv;
import dev.metatune.report.TrialRow;
import java.io.Reader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import org.apache.commons.csv.CSVFormat;
import org.apache.commons.csv.CSVRecord;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * Metatune studies are Optuna studies, tested with Debian's Optuna 3.1 ({@link OptunaPeer}):
 * (a) {@code optuna.load_study} sees what Metatune reads (trials, states, parameters, values,
 * intermediate values, best trial), and Optuna's importance and plots run on it; (b) an Optuna
 * worker and a Metatune worker share one study, each trial once; (c) a study Optuna created is
 * loaded, continued and reported by Metatune.
 */
class OptunaInteropTest {

    @TempDir
    Path dir;

    @ParameterizedTest
    @ValueSource(strings = {"sqlite", "postgresql"})
    void optunaLoadsAMetatuneStudyAsMetatuneReadsIt(String kind) throws Exception {
        OptunaPeer.require("optuna", "plotly", "sklearn");
        String url = TestStorages.freshSpec(kind, dir);
        List<FrozenTrial> trials;
        FrozenTrial best;
        try (Storage storage = StorageFactory.open(url);
                Study study = Study.builder(storage, "tune").optDirection(StudyDirection.MAXIMIZE)
                        .setSampler(new TpeSampler(7)).create()) {
            study.setUserAttr("paper", "Finn et al. 2017");
            study.enqueueTrial(Map.of("lr", 0.01, "steps", 5L, "opt", "adam", "dropout", 0.25));
            study.optimize(trial -> {
                double lr = trial.suggestFloat("lr", 1e-4, 1, true);
                long steps = trial.suggestLong("steps", 1, 9, 2, false);
                String opt = trial.suggestCategorical("opt", List.of("adam", "sgd"));
                double dropout = trial.suggestFloat("dropout", 0, 0.5, false, 0.25);
                trial.setUserAttr("shots", 5);
                double acc = 0.5 + 0.3 * Math.exp(-Math.abs(Math.log10(lr) + 2)) + steps / 100.0
                        + (opt.equals("adam") ? 0.05 : 0) - dropout / 10;
                trial.report(10, acc - 0.1, new double[] {acc - 0.2, acc, Double.NaN});
                if (trial.number() == 3) {
                    throw new IllegalStateException("diverged: loss is NaN");
                }
                if (trial.number() % 5 == 4) {
                    throw new TrialPrunedException();
                }
                trial.report(20, acc);
                return acc;
            }, 14);
            study.enqueueTrial(Map.of("lr", 0.5));
            trials = study.trials();
            best = study.bestTrial().orElseThrow();
        }
        assertTrue(trials.stream().anyMatch(t -> t.state() == TrialState.PRUNED), "a pruned trial");
        assertTrue(trials.stream().anyMatch(t -> t.state() == TrialState.FAIL), "a failed trial");
        Path plots = Files.createDirectories(dir.resolve("plots"));
        Map<String, Object> dump = OptunaPeer.run(dir, "dump", url, "tune", plots.toString());
        assertEquals("MAXIMIZE", dump.get("direction"));
        assertEquals(Map.of("paper", "Finn et al. 2017"), dump.get("user_attrs"));
        OptunaPeer.assertSameTrials(trials, dump);
        assertEquals(best.number(), dump.get("best_trial"), "the best trial");
        assertEquals(best.value(), ((Number) dump.get("best_value")).doubleValue());
        @SuppressWarnings("unchecked")
        Map<String, Object> importances = (Map<String, Object>) dump.get("importances");
        assertEquals(Set.of("lr", "steps", "opt", "dropout"), importances.keySet(), "importance of every parameter");
        assertEquals(7, ((List<?>) dump.get("plots")).size());
        try (var files = Files.list(plots)) {
            assertEquals(7, files.filter(p -> p.toString().endsWith(".html")).count(), "the plots were written");
        }
    }

    @Test
    void optunaReadsARunFolderOfThePreviousSchemaAsItsTrialsCsv() throws Exception {
        OptunaPeer.require("optuna");
        Path fixture = Path.of(getClass().getResource("/run-v0/studies.db").toURI()).getParent();
        Path db = dir.resolve("studies.db");
        Files.copy(fixture.resolve("studies.db"), db);
        String url = "jdbc:sqlite:" + db;
        new JdbcStorage(url).close(); // migrates it
        List<CSVRecord> rows;
        try (Reader in = Files.newBufferedReader(fixture.resolve("trials.csv"))) {
            rows = CSVFormat.DEFAULT.builder().setHeader().setSkipHeaderRecord(true).build().parse(in).getRecords();
        }
        Set<String> studies = new TreeSet<>();
        rows.forEach(r -> studies.add(r.get("study")));
        assertTrue(studies.size() >= 2, "the fixture has studies");
        int checked = 0;
        for (String study : studies) {
            Map<Integer, Map<String, Object>> seen = OptunaPeer.trials(OptunaPeer.run(dir, "dump", url, study));
            List<CSVRecord> mine = rows.stream().filter(r -> r.get("study").equals(study)).toList();
            assertEquals(mine.size(), seen.size(), study + ": trial count");
            for (CSVRecord r : mine) {
                assertSameRow(r, seen.get(Integer.parseInt(r.get("trial"))));
                checked++;
            }
        }
        assertEquals(rows.size(), checked);
    }

    @ParameterizedTest
    @ValueSource(strings = {"sqlite", "postgresql"})
    void anOptunaWorkerAndAMetatuneWorkerShareOneStudyEachTrialOnce(String kind) throws Exception {
        OptunaPeer.require("optuna");
        String url = TestStorages.freshSpec(kind, dir);
        int optunaTrials = 40;
        int metatuneTrials = 30;
        try (Storage storage = StorageFactory.open(url)) {
            storage.createStudy("shared", StudyDirection.MINIMIZE);
        }
        Path log = dir.resolve("optuna-worker.json");
        Process optuna = OptunaPeer.start(log, "work", url, "shared", String.valueOf(optunaTrials));
        try (Storage storage = StorageFactory.open(url);
                Study study = Study.builder(storage, "shared").setSampler(new TpeSampler(3)).load()) {
            long deadline = System.nanoTime() + Duration.ofSeconds(120).toNanos();
            while (study.trials().isEmpty() && optuna.isAlive() && System.nanoTime() < deadline) {
                Thread.sleep(50); // until the Optuna worker has begun
            }
            study.optimize(trial -> {
                trial.setUserAttr("worker", "metatune");
                double x = trial.suggestFloat("x", -5, 5);
                double y = trial.suggestFloat("y", 1e-3, 10, true);
                Thread.sleep(10);
                return x * x + Math.log(y) * Math.log(y);
            }, metatuneTrials);
        }
        @SuppressWarnings("unchecked")
        Map<String, Object> worker = (Map<String, Object>) OptunaPeer.finish(optuna, log);
        List<FrozenTrial> trials;
        try (Storage storage = StorageFactory.open(url)) {
            trials = storage.trials(storage.findStudy("shared").orElseThrow().studyId());
        }
        int total = optunaTrials + metatuneTrials;
        assertEquals(total, trials.size());
        Set<Integer> numbers = new HashSet<>();
        List<Integer> byOptuna = new ArrayList<>();
        for (FrozenTrial t : trials) {
            assertEquals(TrialState.COMPLETE, t.state(), t.toString());
            assertTrue(numbers.add(t.number()), "trial number " + t.number() + " twice");
            if ("optuna".equals(t.userAttrs().get("worker"))) {
                byOptuna.add(t.number());
            }
        }
        assertEquals(new TreeSet<>(numbers), new TreeSet<>(java.util.stream.IntStream.range(0, total).boxed().toList()));
        assertEquals(optunaTrials, byOptuna.size());
        assertEquals(byOptuna, worker.get("mine"), "the Optuna worker's own trials, as it saw them");
        int firstMetatune = trials.stream().filter(t -> "metatune".equals(t.userAttrs().get("worker")))
                .mapToInt(FrozenTrial::number).min().orElseThrow();
        assertTrue(byOptuna.stream().anyMatch(n -> n > firstMetatune), "the two workers ran at the same time");
        OptunaPeer.assertSameTrials(trials, OptunaPeer.run(dir, "dump", url, "shared"));
    }

    @ParameterizedTest
    @ValueSource(strings = {"sqlite", "postgresql"})
    void aStudyCreatedByOptunaIsLoadedContinuedAndReportedByMetatune(String kind) throws Exception {
        OptunaPeer.require("optuna");
        String url = TestStorages.freshSpec(kind, dir);
        Map<String, Object> created = OptunaPeer.run(dir, "create", url, "from-optuna");
        Map<Integer, Map<String, Object>> optunaTrials = OptunaPeer.trials(created);
        List<FrozenTrial> trials;
        Path csv = dir.resolve("trials.csv");
        try (Storage storage = StorageFactory.open(url);
                Study study = Study.builder(storage, "from-optuna").optDirection(StudyDirection.MAXIMIZE)
                        .setSampler(new TpeSampler(5)).createOrLoad()) {
            assertEquals(Map.of("origin", "optuna"), study.userAttrs());
            OptunaPeer.assertSameTrials(study.trials(), created);
            if (kind.equals("sqlite")) {
                // Optuna 3.1 finds the best trial with ORDER BY value DESC, and keeps -inf as NULL, which
                // PostgreSQL sorts first: there its best_trial is the -inf trial (a bug of the peer).
                assertEquals(created.get("best_trial"), study.bestTrial().orElseThrow().number(), "Optuna's best trial");
            }
            study.optimize(trial -> {
                double x = trial.suggestFloat("x", 0, 1);
                long n = trial.suggestLong("n", 1, 9, 2, false);
                String c = trial.suggestCategorical("c", List.of("a", "b", "c"));
                double lr = trial.suggestFloat("lr", 1e-4, 1, true);
                trial.report(0, x);
                return x + n / 100.0 + (c.equals("b") ? 0.01 : 0) - Math.abs(Math.log10(lr)) / 100;
            }, 4);
            trials = study.trials();
            List<TrialRow> rows = new ArrayList<>();
            for (FrozenTrial t : trials) {
                rows.add(new TrialRow(study.name(), t.number(), t.state().name(), t.params(), t.value(),
                        t.intermediateValues().size(), 0, "", 0, t.failReason()));
            }
            ReportCsv.writeTrials(csv, rows);
        }
        int before = optunaTrials.size();
        assertEquals(before + 3, trials.size(), "the WAITING trial and three new ones");
        FrozenTrial queued = trials.get(before - 1);
        assertEquals("WAITING", optunaTrials.get(before - 1).get("state"));
        assertEquals(TrialState.COMPLETE, queued.state(), "Optuna's enqueued trial ran in Metatune");
        assertEquals(Map.of("x", 0.25, "n", 5L, "c", "a", "lr", 0.01), queued.params());
        assertEquals(Double.NEGATIVE_INFINITY, trials.get(4).value(), "Optuna's -inf value");
        Map<String, Object> after = OptunaPeer.run(dir, "dump", url, "from-optuna");
        OptunaPeer.assertSameTrials(trials, after);
        List<CSVRecord> rows;
        try (Reader in = Files.newBufferedReader(csv)) {
            rows = CSVFormat.DEFAULT.builder().setHeader().setSkipHeaderRecord(true).build().parse(in).getRecords();
        }
        Map<Integer, Map<String, Object>> seen = OptunaPeer.trials(after);
        assertEquals(trials.size(), rows.size());
        for (CSVRecord r : rows) {
            assertSameRow(r, seen.get(Integer.parseInt(r.get("trial"))));
        }
    }

    @ParameterizedTest
    @ValueSource(strings = {"sqlite", "postgresql", "postgresql in Asia/Tokyo"})
    void heartbeatsAreSharedWithOptunaEachFailingTheOthersStaleTrials(String kind) throws Exception {
        OptunaPeer.require("optuna");
        // Optuna stamps heartbeats with the database's clock, in the zone of the database's sessions
        String url = kind.startsWith("postgresql in ") ? TestStorages.freshPostgresUrlInZone(kind.substring(14))
                : TestStorages.freshSpec(kind, dir);
        Instant now = Instant.now();
        long study;
        try (Storage storage = StorageFactory.open(url)) {
            study = storage.createStudy("beats", StudyDirection.MINIMIZE).studyId();
            storage.claimOrCreateTrial(study, now.minusSeconds(3600), now.minusSeconds(3600)); // a dead Metatune worker
            storage.claimOrCreateTrial(study, now, now); // a live one
        }
        Map<String, Object> optuna = OptunaPeer.run(dir, "heartbeat", url, "beats");
        assertEquals(List.of(0), optuna.get("failed"), "Optuna failed the trial whose Metatune heartbeat is an hour old");
        assertEquals(2, optuna.get("running"));
        try (Storage storage = StorageFactory.open(url)) {
            assertEquals(TrialState.RUNNING, storage.trials(study).get(1).state(), "the live one is left alone");
            Instant later = Instant.now();
            assertEquals(List.of(), storage.failStaleTrials(study, Duration.ofSeconds(60), later).stream()
                    .map(FrozenTrial::number).toList(), "Optuna's heartbeat (and the live Metatune one) is fresh");
            assertEquals(List.of(1, 2), storage.failStaleTrials(study, Duration.ofSeconds(60), later.plusSeconds(600))
                    .stream().map(FrozenTrial::number).toList(), "and goes stale like Metatune's");
        }
    }

    /** A row of Metatune's trials.csv against Optuna's view of the trial, in the CSV's number format. */
    @SuppressWarnings("unchecked")
    private static void assertSameRow(CSVRecord row, Map<String, Object> optuna) {
        String where = row.get("study") + " trial " + row.get("trial") + ": ";
        assertEquals(row.get("state"), optuna.get("state"), where + "state");
        Object value = optuna.get("value");
        assertEquals(row.get("value"), value == null ? "" : Numbers.format(((Number) value).doubleValue()), where + "value");
        assertEquals(Integer.parseInt(row.get("intermediate_values")),
                ((Map<String, Object>) optuna.get("intermediate_values")).size(), where + "intermediate values");
        Object reason = ((Map<String, Object>) optuna.get("system_attrs")).get(JdbcSchema.FAIL_REASON_KEY);
        assertEquals(row.get("fail_reason"), reason == null ? "" : reason, where + "fail reason");
        Map<String, Object> params = (Map<String, Object>) optuna.get("params");
        for (Map.Entry<String, String> e : row.toMap().entrySet()) {
            if (e.getKey().startsWith("param_")) {
                Object p = params.get(e.getKey().substring("param_".length()));
                assertEquals(e.getValue(), p == null ? "" : Numbers.format(p instanceof Integer i ? (Object) i.longValue() : p),
                        where + e.getKey());
            }
        }
    }
}
