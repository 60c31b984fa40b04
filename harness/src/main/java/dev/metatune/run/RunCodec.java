package dev.metatune.run;

import dev.metatune.eval.Metric;
import dev.metatune.hpo.FrozenTrial;
import dev.metatune.hpo.StudyDirection;
import dev.metatune.hpo.Trial;
import dev.metatune.hpo.TrialState;
import dev.metatune.hpo.storage.DistributionCodec;
import dev.metatune.hpo.Storage;
import dev.metatune.hpo.StudyInfo;
import dev.metatune.learner.PublishedResult;
import dev.metatune.space.Distribution;
import java.io.IOException;
import java.io.InputStream;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Properties;
import java.util.TreeMap;

/**
 * The one codec between a run's typed records and its study storage, written by the sweep runner
 * and read by the report. The storage holds, beside the trials:
 * <ul>
 *   <li>a study named {@value #RUN_STUDY} whose attributes hold the run format version, the Metatune
 *       that wrote it, and the {@link RunRecord};</li>
 *   <li>on each tuning study its {@link TuningStudy}, and on each of its trials a {@link TrialSetup};</li>
 *   <li>a test study per tuning study (see {@link #testStudyName}) holding the best configuration, one
 *       trial per training seed (parameter {@value #SEED_PARAM}) whose attributes hold its
 *       {@link FinalEvaluation}.</li>
 * </ul>
 * Format versions: {@value #FORMAT_VERSION} is this build's; a run written before versions were
 * stamped (version 0) is read as it was written (its direction from its metric, its published number
 * without citation, its search space from its trials' distributions); a newer version is refused with
 * a {@link RunFormatException} naming the version and the Metatune that wrote it. A record is marked
 * complete by its last attribute, so a process that dies while writing one leaves it unwritten.
 */
public final class RunCodec {

    /** The run format this build writes and the newest it reads. */
    public static final int FORMAT_VERSION = 1;
    /** The name of the study that holds the run's own record. */
    public static final String RUN_STUDY = "_run";
    /** The parameter of a test study's trials that holds the training seed. */
    public static final String SEED_PARAM = "seed";

    private static final String TEST_SUFFIX = "-test";
    private static final String VERSION = "format_version";
    private static final String WRITTEN_BY = "written_by";
    private static final String TITLE = "title";
    private static final String STUDIES = "studies";
    private static final String PROVENANCE = "provenance";
    private static final String ROLE = "role";
    private static final String ROLE_TUNING = "tuning";
    private static final String ROLE_TEST = "test";
    private static final String ALGORITHM = "algorithm";
    private static final String DATASET = "dataset";
    private static final String SETTING = "setting";
    private static final String METRIC = "metric";
    private static final String DIRECTION = "direction";
    private static final String PUBLISHED = "published";
    private static final String PAPER = "paper";
    private static final String NOTES = "notes";
    private static final String SEARCH = "search";
    private static final String HEATMAP = "heatmap";
    private static final String BEST_PARAMS = "best_params";
    private static final String SCORES = "scores";
    private static final String STEP_SCORES = "step_scores";
    private static final String TRAIN_SECONDS = "train_seconds";
    private static final String TEST_SECONDS = "test_seconds";
    private static final String HYPERPARAMETERS = "hyperparameters";
    private static final String DEVICE = "device";
    private static final String FIXED = "fixed";
    private static final String WARM_START = "warm_start";

    private final Storage storage;
    private Integer version;

    public RunCodec(Storage storage) {
        this.storage = storage;
    }

    /** The name of the test study that belongs to tuning study {@code tuningStudy}. */
    public static String testStudyName(String tuningStudy) {
        return tuningStudy + TEST_SUFFIX;
    }

    /** This build, as the {@code written_by} of the runs it writes: {@code Metatune 0.1.0 (commit abc...)}. */
    static String build(String commit) {
        return version() + " (commit " + commit + ")";
    }

    /** This build's version, {@code Metatune 0.1.0}, or {@code Metatune development build} outside a packaged jar. */
    static String version() {
        String v = "development build";
        try (InputStream in = RunCodec.class.getResourceAsStream("/META-INF/maven/dev.metatune/metatune-harness/pom.properties")) {
            if (in != null) {
                Properties p = new Properties();
                p.load(in);
                v = p.getProperty("version", v);
            }
        } catch (IOException unreadable) {
            v = "unknown version";
        }
        return "Metatune " + v;
    }

    // ---- the run ----

    /**
     * The run's format version in this storage: {@link #FORMAT_VERSION} for a run this build wrote (or
     * none yet), 0 for one written before versions were stamped.
     *
     * @throws RunFormatException when a newer Metatune wrote it
     */
    public int storedFormatVersion() {
        if (version == null) {
            Optional<StudyInfo> run = storage.findStudy(RUN_STUDY);
            int v = FORMAT_VERSION;
            if (run.isPresent()) {
                Attributes a = new Attributes("run study '" + RUN_STUDY + "'", storage.studyUserAttrs(run.get().studyId()));
                if (a.has(VERSION)) {
                    v = a.number(VERSION).orElseThrow().intValue();
                    if (v > FORMAT_VERSION || v < 1) {
                        throw new RunFormatException(v, "this run was written in run format version " + v + " by "
                                + a.string(WRITTEN_BY, "an unknown Metatune") + "; this build (" + version()
                                + ") reads run format versions up to " + FORMAT_VERSION + ": use the Metatune that wrote it");
                    }
                } else if (a.has(PROVENANCE) || a.has(STUDIES)) {
                    v = 0;
                }
            }
            version = v;
        }
        return version;
    }

    /** The run's record, or empty when the storage holds no run (or one whose registration never finished). */
    public Optional<RunRecord> readRun() {
        storedFormatVersion();
        Optional<StudyInfo> run = storage.findStudy(RUN_STUDY);
        if (run.isEmpty()) {
            return Optional.empty();
        }
        Attributes a = new Attributes("run study '" + RUN_STUDY + "'", storage.studyUserAttrs(run.get().studyId()));
        if (!a.has(PROVENANCE)) {
            return Optional.empty();
        }
        List<String> studies = new ArrayList<>();
        a.list(STUDIES).forEach(s -> studies.add(String.valueOf(s)));
        String title = version == 0 ? a.string(TITLE, "Metatune run") : a.string(TITLE);
        return Optional.of(new RunRecord(title, Provenance.fromJson(a.string(PROVENANCE)), studies));
    }

    /** Writes the run's record in this build's format; the provenance goes last and marks it complete. */
    public void writeRun(RunRecord run) {
        if (storedFormatVersion() != FORMAT_VERSION && storage.findStudy(RUN_STUDY).isPresent()) {
            throw new RunFormatException(version, "this storage holds a run in run format version " + version
                    + "; this build writes version " + FORMAT_VERSION + " and does not mix the two");
        }
        long id = storage.createStudyIfAbsent(RUN_STUDY, StudyDirection.MAXIMIZE).studyId();
        storage.setStudyUserAttr(id, VERSION, FORMAT_VERSION);
        storage.setStudyUserAttr(id, WRITTEN_BY, build(run.provenance().gitCommit()));
        storage.setStudyUserAttr(id, TITLE, run.title());
        storage.setStudyUserAttr(id, STUDIES, run.studies());
        storage.setStudyUserAttr(id, PROVENANCE, run.provenance().toJson());
        version = FORMAT_VERSION;
    }

    // ---- tuning studies ----

    /**
     * Writes {@code record} on study {@code studyId} unless it holds one already; {@code firstTime}
     * (for example enqueueing the first configurations) runs after the record and before the mark
     * that completes it, so that it too happens once. Returns whether the record was written now.
     */
    public boolean describeTuningStudy(long studyId, TuningStudy record, Runnable firstTime) {
        if (storage.studyUserAttrs(studyId).containsKey(ROLE)) {
            return false;
        }
        storage.setStudyUserAttr(studyId, ALGORITHM, record.algorithm());
        storage.setStudyUserAttr(studyId, DATASET, record.dataset());
        storage.setStudyUserAttr(studyId, SETTING, record.setting());
        storage.setStudyUserAttr(studyId, METRIC, record.metric().label());
        storage.setStudyUserAttr(studyId, DIRECTION, record.direction().name().toLowerCase(Locale.ROOT));
        record.published().ifPresent(p -> {
            Map<String, Object> m = new LinkedHashMap<>();
            m.put(DATASET, p.dataset());
            m.put(SETTING, p.setting());
            m.put("value", p.value());
            m.put("interval", p.interval());
            m.put("citation", p.citation());
            storage.setStudyUserAttr(studyId, PUBLISHED, m);
        });
        storage.setStudyUserAttr(studyId, NOTES, record.notes());
        Map<String, Object> search = new LinkedHashMap<>();
        record.search().forEach((k, d) -> search.put(k, DistributionCodec.toJson(d)));
        storage.setStudyUserAttr(studyId, SEARCH, search);
        storage.setStudyUserAttr(studyId, HEATMAP, record.heatmap());
        firstTime.run();
        storage.setStudyUserAttr(studyId, ROLE, ROLE_TUNING);
        return true;
    }

    /** Whether study {@code studyId}'s tuning or test record is complete (written with its first trials). */
    public boolean isDescribed(long studyId) {
        return storage.studyUserAttrs(studyId).containsKey(ROLE);
    }

    /** The record of tuning study {@code name}, or empty when there is no such study or it was never described. */
    public Optional<TuningStudy> readTuningStudy(String name) {
        int v = storedFormatVersion();
        Optional<StudyInfo> study = storage.findStudy(name);
        if (study.isEmpty()) {
            return Optional.empty();
        }
        Attributes a = new Attributes("study '" + name + "'", storage.studyUserAttrs(study.get().studyId()));
        if (!a.has(ROLE) && !a.has(ALGORITHM)) {
            return Optional.empty();
        }
        String dataset = a.string(DATASET);
        String setting = a.string(SETTING);
        Metric metric = metric(a, v == 0 ? "accuracy" : null);
        if (v == 0) {
            Optional<PublishedResult> paper = a.number(PAPER)
                    .map(n -> new PublishedResult(dataset, setting, n.doubleValue(), null, ""));
            return Optional.of(new TuningStudy(a.string(ALGORITHM), dataset, setting, metric,
                    metric == Metric.MSE ? StudyDirection.MINIMIZE : StudyDirection.MAXIMIZE, paper,
                    a.string(NOTES, ""), searchOfTrials(study.get().studyId()), List.of()));
        }
        String direction = a.string(DIRECTION);
        StudyDirection d;
        try {
            d = StudyDirection.valueOf(direction.toUpperCase(Locale.ROOT));
        } catch (IllegalArgumentException e) {
            throw a.invalid(DIRECTION, direction, "maximize or minimize");
        }
        Optional<PublishedResult> published = Optional.empty();
        if (a.has(PUBLISHED)) {
            Attributes p = new Attributes("study '" + name + "' published result", a.map(PUBLISHED));
            published = Optional.of(new PublishedResult(p.string(DATASET), p.string(SETTING),
                    p.number("value").orElseThrow(() -> p.invalid("value", null, "a number")).doubleValue(),
                    p.number("interval").map(Number::doubleValue).orElse(null), p.string("citation")));
        }
        Map<String, Distribution> search = new LinkedHashMap<>();
        a.map(SEARCH).forEach((k, json) -> search.put(k, DistributionCodec.fromJson(String.valueOf(json))));
        List<String> heatmap = a.list(HEATMAP).stream().map(String::valueOf).toList();
        return Optional.of(new TuningStudy(a.string(ALGORITHM), dataset, setting, metric, d, published,
                a.string(NOTES), search, heatmap));
    }

    private static Metric metric(Attributes a, String absent) {
        String label = absent == null ? a.string(METRIC) : a.string(METRIC, absent);
        for (Metric m : Metric.values()) {
            if (m.label().equals(label)) {
                return m;
            }
        }
        throw a.invalid(METRIC, label, "one of accuracy, mse");
    }

    /** A version-0 study's search space: its trials' distributions, in the order they were first drawn. */
    private Map<String, Distribution> searchOfTrials(long studyId) {
        Map<String, Distribution> search = new LinkedHashMap<>();
        for (FrozenTrial t : byNumber(storage.trials(studyId))) {
            t.distributions().forEach(search::putIfAbsent);
        }
        return search;
    }

    /** Records how a tuning trial runs. */
    public static void writeTrialSetup(Trial trial, TrialSetup setup) {
        trial.setUserAttr(SEED_PARAM, setup.seed());
        trial.setUserAttr(DEVICE, setup.device());
        trial.setUserAttr(FIXED, new LinkedHashMap<>(setup.fixed()));
    }

    /** How a tuning trial ran: seed 0 and device "" where it was not recorded (a trial that failed first). */
    public static TrialSetup readTrialSetup(FrozenTrial trial) {
        Attributes a = new Attributes("trial " + trial.number(), trial.userAttrs());
        Object device = a.raw(DEVICE);
        return new TrialSetup(a.number(SEED_PARAM).map(Number::longValue).orElse(0L),
                device == null ? "" : String.valueOf(device), a.map(FIXED));
    }

    // ---- test studies ----

    /**
     * Writes the best configuration on test study {@code studyId} unless it holds one already, then
     * runs {@code firstTime} and marks it; returns whether it was written now.
     */
    public boolean describeTestStudy(long studyId, Map<String, Object> bestParameters, Runnable firstTime) {
        if (storage.studyUserAttrs(studyId).containsKey(ROLE)) {
            return false;
        }
        storage.setStudyUserAttr(studyId, BEST_PARAMS, new TreeMap<>(bestParameters));
        firstTime.run();
        storage.setStudyUserAttr(studyId, ROLE, ROLE_TEST);
        return true;
    }

    /** The best configuration stored on the test study of {@code tuningStudy}, by name; empty when there is none. */
    public Map<String, Object> readBestParameters(String tuningStudy) {
        storedFormatVersion();
        Optional<StudyInfo> test = storage.findStudy(testStudyName(tuningStudy));
        if (test.isEmpty()) {
            return Map.of();
        }
        return new TreeMap<>(new Attributes("study '" + test.get().name() + "'", storage.studyUserAttrs(test.get().studyId()))
                .map(BEST_PARAMS));
    }

    /** Records a final evaluation on its trial (the seed is the trial's {@value #SEED_PARAM} parameter). */
    public static void writeEvaluation(Trial trial, FinalEvaluation evaluation) {
        trial.setUserAttr(DEVICE, evaluation.device());
        trial.setUserAttr(SCORES, evaluation.scores());
        if (!evaluation.stepScores().isEmpty()) {
            trial.setUserAttr(STEP_SCORES, evaluation.stepScores());
        }
        trial.setUserAttr(TRAIN_SECONDS, evaluation.trainSeconds());
        trial.setUserAttr(TEST_SECONDS, evaluation.testSeconds());
        trial.setUserAttr(HYPERPARAMETERS, new LinkedHashMap<>(evaluation.parameters()));
    }

    /** The completed final evaluations of {@code tuningStudy} that hold scores, by trial number. */
    public List<FinalEvaluation> readEvaluations(String tuningStudy) {
        storedFormatVersion();
        Optional<StudyInfo> test = storage.findStudy(testStudyName(tuningStudy));
        if (test.isEmpty()) {
            return List.of();
        }
        List<FinalEvaluation> out = new ArrayList<>();
        for (FrozenTrial t : byNumber(storage.trials(test.get().studyId()))) {
            Attributes a = new Attributes("study '" + test.get().name() + "' trial " + t.number(), t.userAttrs());
            List<?> scores = a.list(SCORES);
            if (t.state() != TrialState.COMPLETE || scores.isEmpty()) {
                continue;
            }
            List<Double> values = numbers(a, SCORES, scores);
            List<List<Double>> steps = new ArrayList<>();
            for (Object step : a.has(STEP_SCORES) ? a.list(STEP_SCORES) : List.of()) {
                if (!(step instanceof List<?> l) || l.size() != values.size()) {
                    throw a.invalid(STEP_SCORES, step, "a list of " + values.size() + " numbers per adaptation step");
                }
                steps.add(numbers(a, STEP_SCORES, l));
            }
            Object seed = t.params().get(SEED_PARAM);
            Object device = a.raw(DEVICE);
            out.add(new FinalEvaluation(seed instanceof Number n ? n.longValue() : 0, values, a.map(HYPERPARAMETERS),
                    a.real(TRAIN_SECONDS, 0), a.real(TEST_SECONDS, 0), device == null ? "" : String.valueOf(device), steps));
        }
        return out;
    }

    private static List<Double> numbers(Attributes a, String key, List<?> list) {
        List<Double> values = new ArrayList<>(list.size());
        for (Object s : list) {
            if (!(s instanceof Number n)) {
                throw a.invalid(key, s, "a list of numbers");
            }
            values.add(n.doubleValue());
        }
        return values;
    }

    // ---- warm starts ----

    /** Records on tuning study {@code studyId} the earlier studies that warmed it (once; a resumed run writes the same). */
    public void writeWarmStart(long studyId, List<WarmStartSource> sources) {
        List<Object> out = new ArrayList<>();
        for (WarmStartSource w : sources) {
            Map<String, Object> m = new LinkedHashMap<>();
            m.put("study", w.study());
            m.put("where", w.where());
            m.put("trials", w.trials());
            m.put("parameters", w.parameters());
            m.put("sampler", w.sampler());
            m.put("used", w.used());
            out.add(m);
        }
        storage.setStudyUserAttr(studyId, WARM_START, out);
    }

    /** The earlier studies that warmed tuning study {@code name}; empty for a cold start or no such study. */
    public List<WarmStartSource> readWarmStart(String name) {
        Optional<StudyInfo> study = storage.findStudy(name);
        if (study.isEmpty()) {
            return List.of();
        }
        Attributes a = new Attributes("study '" + name + "'", storage.studyUserAttrs(study.get().studyId()));
        if (!a.has(WARM_START)) {
            return List.of();
        }
        List<WarmStartSource> out = new ArrayList<>();
        for (Object item : a.list(WARM_START)) {
            if (!(item instanceof Map<?, ?> raw)) {
                throw a.invalid(WARM_START, item, "a list of {study, where, trials, parameters, sampler, used}");
            }
            Map<String, Object> m = new LinkedHashMap<>();
            raw.forEach((k, v) -> m.put(String.valueOf(k), v));
            Attributes w = new Attributes("study '" + name + "' warm start", m);
            out.add(new WarmStartSource(w.string("study"), w.string("where"),
                    w.number("trials").orElseThrow(() -> w.invalid("trials", null, "a number")).intValue(),
                    w.list("parameters").stream().map(String::valueOf).toList(), w.string("sampler"),
                    Boolean.TRUE.equals(m.get("used"))));
        }
        return out;
    }

    /** The trials of study {@code name} by number; empty when there is no such study. */
    public List<FrozenTrial> trials(String name) {
        return storage.findStudy(name).map(s -> byNumber(storage.trials(s.studyId()))).orElse(List.of());
    }

    private static List<FrozenTrial> byNumber(List<FrozenTrial> trials) {
        List<FrozenTrial> copy = new ArrayList<>(trials);
        copy.sort(Comparator.comparingInt(FrozenTrial::number));
        return copy;
    }
}
