package dev.metatune.report;

import dev.metatune.eval.MeanInterval;
import dev.metatune.eval.PairedComparison;
import dev.metatune.hpo.FrozenTrial;
import dev.metatune.hpo.TrialState;
import dev.metatune.hpo.storage.Storage;
import dev.metatune.hpo.storage.StudyInfo;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import org.apache.commons.math3.stat.descriptive.moment.StandardDeviation;

/**
 * Writes every file of a run folder from its study storage alone: {@code trials.csv},
 * {@code curves.csv}, {@code comparison.csv}, {@code report.md}, {@code provenance.json} and the
 * PNG plots under {@code plots/}. The same storage always gives the same bytes, which is how
 * {@code metatune report} rebuilds a run. The run stores, beside its trials:
 * <ul>
 *   <li>a study named {@value #RUN_STUDY} whose attributes hold the run's title, its provenance JSON and
 *       the tuning studies in suite order;</li>
 *   <li>on each tuning study: the algorithm, data set, setting, metric and the paper's number;</li>
 *   <li>a test study per tuning study (its name plus {@value #TEST_SUFFIX}), one COMPLETE trial per
 *       training seed, with the per-episode test scores in the trial attribute {@value #SCORES}.</li>
 * </ul>
 */
public final class RunReport {

    public static final String RUN_STUDY = "_run";
    public static final String TEST_SUFFIX = "-test";
    public static final String TITLE = "title";
    public static final String PROVENANCE = "provenance";
    public static final String STUDIES = "studies";
    public static final String ROLE = "role";
    public static final String ROLE_TUNING = "tuning";
    public static final String ROLE_TEST = "test";
    public static final String ALGORITHM = "algorithm";
    public static final String DATASET = "dataset";
    public static final String SETTING = "setting";
    public static final String METRIC = "metric";
    public static final String PAPER = "paper";
    public static final String NOTES = "notes";
    public static final String BEST_PARAMS = "best_params";
    public static final String SCORES = "scores";
    public static final String SEED_PARAM = "seed";

    private RunReport() {
    }

    /** Writes all report files of the run kept in {@code storage} into {@code dir}. */
    public static void write(Storage storage, Path dir) throws IOException {
        StudyInfo run = storage.findStudy(RUN_STUDY).orElseThrow(() -> new IllegalArgumentException(
                "the storage holds no Metatune run (no study '" + RUN_STUDY + "')"));
        Map<String, Object> runAttrs = storage.studyUserAttrs(run.studyId());
        String title = String.valueOf(runAttrs.getOrDefault(TITLE, "Metatune run"));
        Provenance provenance = null;
        Files.createDirectories(dir);
        if (runAttrs.get(PROVENANCE) instanceof String json) {
            AtomicFiles.writeString(dir.resolve("provenance.json"), json);
            provenance = Provenance.fromJson(json);
        }
        List<String> studyNames = new ArrayList<>();
        if (runAttrs.get(STUDIES) instanceof List<?> list) {
            list.forEach(s -> studyNames.add(String.valueOf(s)));
        }
        List<TrialRow> trialRows = new ArrayList<>();
        List<CurvePoint> curves = new ArrayList<>();
        List<MarkdownReport.StudySummary> summaries = new ArrayList<>();
        Map<String, List<Candidate>> bySetting = new LinkedHashMap<>();
        Path plots = dir.resolve("plots");
        for (String name : studyNames) {
            Optional<StudyInfo> tuning = storage.findStudy(name);
            if (tuning.isEmpty()) {
                continue;
            }
            Map<String, Object> attrs = storage.studyUserAttrs(tuning.get().studyId());
            boolean maximize = !"mse".equals(attrs.get(METRIC));
            List<FrozenTrial> trials = sorted(storage.trials(tuning.get().studyId()));
            List<TrialRow> rows = new ArrayList<>();
            for (FrozenTrial t : trials) {
                rows.add(row(name, t));
                for (Map.Entry<Long, Double> e : t.intermediateValues().entrySet()) {
                    curves.add(new CurvePoint(name, t.number(), e.getKey().intValue(), e.getValue()));
                }
            }
            trialRows.addAll(rows);
            summaries.add(summary(name, trials, maximize));
            writePlots(plots, name, rows, curves.stream().filter(c -> c.study().equals(name)).toList(), maximize);
            storage.findStudy(name + TEST_SUFFIX).ifPresent(test -> {
                Candidate c = candidate(storage, test, attrs);
                if (c != null) {
                    bySetting.computeIfAbsent(attrs.get(DATASET) + " " + attrs.get(SETTING), k -> new ArrayList<>()).add(c);
                }
            });
        }
        List<ComparisonRow> comparison = new ArrayList<>();
        bySetting.values().forEach(group -> comparison.addAll(compare(group)));
        ReportCsv.writeTrials(dir.resolve("trials.csv"), trialRows);
        ReportCsv.writeCurves(dir.resolve("curves.csv"), curves);
        ReportCsv.writeComparison(dir.resolve("comparison.csv"), comparison);
        AtomicFiles.writeString(dir.resolve("report.md"), MarkdownReport.render(title, provenance, comparison, summaries));
    }

    /** One algorithm's test trials in one setting. */
    private record Candidate(Map<String, Object> attrs, Map<String, Object> bestParams, List<double[]> seedScores) {
        double[] meanPerEpisode() {
            int n = seedScores.stream().mapToInt(s -> s.length).min().orElse(0);
            double[] mean = new double[n];
            for (double[] s : seedScores) {
                for (int i = 0; i < n; i++) {
                    mean[i] += s[i] / seedScores.size();
                }
            }
            return mean;
        }
    }

    private static Candidate candidate(Storage storage, StudyInfo test, Map<String, Object> tuningAttrs) {
        List<double[]> scores = new ArrayList<>();
        for (FrozenTrial t : sorted(storage.trials(test.studyId()))) {
            if (t.state() == TrialState.COMPLETE && t.userAttrs().get(SCORES) instanceof List<?> list && !list.isEmpty()) {
                scores.add(list.stream().mapToDouble(v -> ((Number) v).doubleValue()).toArray());
            }
        }
        if (scores.isEmpty()) {
            return null;
        }
        Map<String, Object> testAttrs = storage.studyUserAttrs(test.studyId());
        Map<String, Object> best = new TreeMap<>();
        if (testAttrs.get(BEST_PARAMS) instanceof Map<?, ?> m) {
            m.forEach((k, v) -> best.put(String.valueOf(k), v));
        }
        return new Candidate(tuningAttrs, best, scores);
    }

    private static List<ComparisonRow> compare(List<Candidate> group) {
        boolean maximize = !"mse".equals(group.get(0).attrs().get(METRIC));
        Candidate best = group.stream().max(Comparator.comparingDouble(c -> (maximize ? 1 : -1)
                * MeanInterval.of(c.meanPerEpisode()).mean())).orElseThrow();
        List<ComparisonRow> rows = new ArrayList<>();
        for (Candidate c : group) {
            double[] perEpisode = c.meanPerEpisode();
            MeanInterval interval = MeanInterval.of(perEpisode);
            double[] seedMeans = c.seedScores().stream().mapToDouble(s -> MeanInterval.of(s).mean()).toArray();
            double seedStd = seedMeans.length > 1 ? new StandardDeviation(true).evaluate(seedMeans) : 0;
            Double p = null;
            if (c != best) {
                double[] other = best.meanPerEpisode();
                int n = Math.min(other.length, perEpisode.length);
                p = n >= 2 ? PairedComparison.of(java.util.Arrays.copyOf(perEpisode, n), java.util.Arrays.copyOf(other, n))
                        .wilcoxonP() : null;
            }
            Map<String, Object> a = c.attrs();
            Double paper = a.get(PAPER) instanceof Number n ? n.doubleValue() : null;
            rows.add(new ComparisonRow(String.valueOf(a.get(DATASET)), String.valueOf(a.get(SETTING)),
                    String.valueOf(a.get(ALGORITHM)), c.bestParams(), String.valueOf(a.getOrDefault(METRIC, "accuracy")),
                    interval.mean(), interval.ci95(), interval.n(), seedMeans.length, seedStd, paper, p,
                    String.valueOf(a.getOrDefault(NOTES, ""))));
        }
        return rows;
    }

    private static TrialRow row(String study, FrozenTrial t) {
        double seconds = t.start() != null && t.complete() != null
                ? Duration.between(t.start(), t.complete()).toMillis() / 1000.0 : 0;
        Object seed = t.userAttrs().get("seed");
        return new TrialRow(study, t.number(), t.state().name(), t.params(), t.value(), t.intermediateValues().size(),
                seconds, String.valueOf(t.userAttrs().getOrDefault("device", "")),
                seed instanceof Number n ? n.longValue() : 0, t.failReason());
    }

    private static MarkdownReport.StudySummary summary(String name, List<FrozenTrial> trials, boolean maximize) {
        int complete = 0;
        int pruned = 0;
        int failed = 0;
        FrozenTrial best = null;
        for (FrozenTrial t : trials) {
            switch (t.state()) {
                case COMPLETE -> {
                    complete++;
                    if (t.value() != null && (best == null || (maximize ? t.value() > best.value() : t.value() < best.value()))) {
                        best = t;
                    }
                }
                case PRUNED -> pruned++;
                case FAIL -> failed++;
                default -> { }
            }
        }
        return new MarkdownReport.StudySummary(name, trials.size(), complete, pruned, failed,
                best == null ? null : best.value(), best == null ? null : best.params());
    }

    private static void writePlots(Path plots, String study, List<TrialRow> rows, List<CurvePoint> curves, boolean maximize)
            throws IOException {
        Plots.optimizationHistory(plots.resolve(study + "-history.png"), study, rows, maximize);
        Plots.learningCurves(plots.resolve(study + "-curves.png"), study, curves);
        java.util.TreeSet<String> numeric = new java.util.TreeSet<>();
        rows.forEach(r -> r.params().forEach((k, v) -> {
            if (v instanceof Number) {
                numeric.add(k);
            }
        }));
        for (String p : numeric) {
            Plots.parameterSlice(plots.resolve(study + "-slice-" + p + ".png"), study, p, rows);
        }
        if (numeric.contains("inner_lr") && numeric.contains("inner_steps")) {
            Plots.heatMap(plots.resolve(study + "-heatmap-inner_lr-inner_steps.png"), study, "inner_lr", "inner_steps", rows);
        }
    }

    private static List<FrozenTrial> sorted(List<FrozenTrial> trials) {
        List<FrozenTrial> copy = new ArrayList<>(trials);
        copy.sort(Comparator.comparingInt(FrozenTrial::number));
        return copy;
    }
}
