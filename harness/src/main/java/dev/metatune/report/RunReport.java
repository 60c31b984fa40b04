package dev.metatune.report;

import dev.metatune.eval.MeanInterval;
import dev.metatune.eval.PairedComparison;
import dev.metatune.hpo.FrozenTrial;
import dev.metatune.hpo.Storage;
import dev.metatune.learner.PublishedResult;
import dev.metatune.run.FinalEvaluation;
import dev.metatune.run.RunCodec;
import dev.metatune.run.RunRecord;
import dev.metatune.run.TrialSetup;
import dev.metatune.hpo.importance.StudyImportance;
import dev.metatune.run.TuningStudy;
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
import java.util.Set;
import java.util.TreeSet;
import org.apache.commons.math3.stat.descriptive.moment.StandardDeviation;

/**
 * Writes every file of a run folder from its study storage alone: {@code trials.csv},
 * {@code curves.csv}, {@code comparison.csv}, {@code adaptation.csv} (reinforcement learning only), {@code comparison.tex}, {@code report.md}, {@code report.html},
 * {@code provenance.json} and the figures under {@code plots/} (each as PNG and SVG). It reads the run through its records ({@link RunCodec}) and
 * nothing else, so the same storage always gives the same bytes, which is how
 * {@code metatune report} rebuilds a run.
 */
public final class RunReport {

    private RunReport() {
    }

    /** Writes all report files of the run kept in {@code storage} into {@code dir}. */
    public static void write(Storage storage, Path dir) throws IOException {
        write(storage, dir, ReportFormat.all());
    }

    /** Writes the report files of {@code formats} (and {@code provenance.json}) of the run kept in {@code storage} into {@code dir}. */
    public static void write(Storage storage, Path dir, Set<ReportFormat> formats) throws IOException {
        boolean html = formats.contains(ReportFormat.HTML);
        RunCodec codec = new RunCodec(storage);
        RunRecord run = codec.readRun().orElseThrow(() -> new IllegalArgumentException(
                "the storage holds no Metatune run (no study '" + RunCodec.RUN_STUDY + "' with a run record)"));
        Files.createDirectories(dir);
        AtomicFiles.writeString(dir.resolve("provenance.json"), run.provenance().toJson());
        List<TrialRow> trialRows = new ArrayList<>();
        List<CurvePoint> curves = new ArrayList<>();
        List<MarkdownReport.StudySummary> summaries = new ArrayList<>();
        Map<String, List<Candidate>> bySetting = new LinkedHashMap<>();
        Map<String, List<HtmlReport.StudyFigures>> figuresBySetting = new LinkedHashMap<>();
        List<StudyImportance> importances = new ArrayList<>();
        Map<String, List<dev.metatune.run.WarmStartSource>> warmStarts = new LinkedHashMap<>();
        for (String name : run.studies()) {
            warmStarts.put(name, codec.readWarmStart(name));
            Optional<TuningStudy> tuning = codec.readTuningStudy(name);
            if (tuning.isEmpty()) {
                continue;
            }
            TuningStudy study = tuning.get();
            List<FrozenTrial> trials = codec.trials(name);
            List<TrialRow> rows = new ArrayList<>();
            List<CurvePoint> studyCurves = new ArrayList<>();
            for (FrozenTrial t : trials) {
                rows.add(row(name, t));
                for (Map.Entry<Long, Double> e : t.intermediateValues().entrySet()) {
                    studyCurves.add(new CurvePoint(name, t.number(), e.getKey().intValue(), e.getValue()));
                }
            }
            trialRows.addAll(rows);
            curves.addAll(studyCurves);
            summaries.add(summary(name, trials, study.maximize()));
            StudyImportance importance = html || formats.contains(ReportFormat.MARKDOWN)
                    ? StudyImportance.of(name, trials, study.direction()) : null;
            if (importance != null) {
                importances.add(importance);
            }
            if (html) {
                figuresBySetting.computeIfAbsent(study.dataset() + " " + study.setting(), k -> new ArrayList<>())
                        .add(new HtmlReport.StudyFigures(name, writePlots(dir, name, study, rows, studyCurves, importance)));
            }
            List<FinalEvaluation> evaluations = codec.readEvaluations(name);
            if (!evaluations.isEmpty()) {
                bySetting.computeIfAbsent(study.dataset() + " " + study.setting(), k -> new ArrayList<>())
                        .add(new Candidate(study, codec.readBestParameters(name), evaluations));
            }
        }
        List<ComparisonRow> comparison = new ArrayList<>();
        bySetting.values().forEach(group -> comparison.addAll(compare(group)));
        List<AdaptationPoint> adaptation = new ArrayList<>();
        bySetting.values().forEach(group -> group.forEach(c -> adaptation.addAll(c.adaptationCurve())));
        if (formats.contains(ReportFormat.CSV)) {
            ReportCsv.writeTrials(dir.resolve("trials.csv"), trialRows);
            ReportCsv.writeCurves(dir.resolve("curves.csv"), curves);
            ReportCsv.writeComparison(dir.resolve("comparison.csv"), comparison);
            if (!adaptation.isEmpty()) {
                ReportCsv.writeAdaptation(dir.resolve(ReportCsv.ADAPTATION_FILE), adaptation);
            }
        }
        if (formats.contains(ReportFormat.LATEX)) {
            AtomicFiles.writeString(dir.resolve("comparison.tex"), LatexTables.render(run.title(), comparison));
        }
        if (formats.contains(ReportFormat.MARKDOWN)) {
            AtomicFiles.writeString(dir.resolve("report.md"), MarkdownReport.render(run.title(), run.provenance(),
                    comparison, summaries, importances) + MarkdownReport.adaptation(adaptation)
                    + MarkdownReport.warmStarts(warmStarts)
                    + MarkdownReport.savedModels(SavedModelList.read(dir)));
        }
        if (!html) {
            return;
        }
        Map<String, List<Figure>> comparisonFigures = new LinkedHashMap<>();
        for (List<ComparisonRow> rows : HtmlReport.bySetting(comparison).values()) {
            ComparisonRow first = rows.get(0);
            comparisonFigures.computeIfAbsent(first.dataset() + " " + first.setting(), k -> new ArrayList<>()).add(
                    Figure.write(dir, Figure.safe(first.dataset() + "-" + first.setting() + "-comparison"), "Test "
                            + first.metric() + " of each algorithm on " + first.dataset() + " " + first.setting()
                            + " with its 95% interval", SettingPlots.comparison(rows)));
        }
        for (List<AdaptationPoint> points : SettingPlots.bySetting(adaptation).values()) {
            AdaptationPoint first = points.get(0);
            comparisonFigures.computeIfAbsent(first.dataset() + " " + first.setting(), k -> new ArrayList<>()).add(
                    Figure.write(dir, Figure.safe(first.dataset() + "-" + first.setting() + "-adaptation"), "Test "
                            + first.metric() + " against adaptation steps on " + first.dataset() + " " + first.setting()
                            + ", one line per algorithm, with 95% intervals", SettingPlots.adaptation(points)));
        }
        List<Figure> scaling = new ArrayList<>();
        for (SettingPlots.Scaling s : SettingPlots.scaling(comparison)) {
            scaling.add(Figure.write(dir, s.stem(), s.caption(), s.plot()));
        }
        AtomicFiles.writeString(dir.resolve("report.html"), HtmlReport.render(dir, run.title(), run.provenance(),
                comparison, summaries, comparisonFigures, figuresBySetting, scaling));
    }

    /** One algorithm's final evaluations in one setting. */
    private record Candidate(TuningStudy study, Map<String, Object> bestParams, List<FinalEvaluation> evaluations) {
        List<double[]> seedScores() {
            return evaluations.stream().map(FinalEvaluation::scoreArray).toList();
        }

        double[] meanPerEpisode() {
            return meanOverSeeds(seedScores());
        }

        /** The score after each adaptation step that every seed's evaluation has (none outside reinforcement learning). */
        List<AdaptationPoint> adaptationCurve() {
            int steps = evaluations.stream().mapToInt(e -> e.stepScores().size()).min().orElse(0);
            List<AdaptationPoint> out = new ArrayList<>();
            for (int k = 0; k < steps; k++) {
                int step = k;
                MeanInterval m = MeanInterval.of(meanOverSeeds(evaluations.stream().map(e -> e.stepScoreArray(step)).toList()));
                out.add(new AdaptationPoint(study.dataset(), study.setting(), study.algorithm(), study.metric().label(), k,
                        m.mean(), m.ci95(), m.n(), evaluations.size()));
            }
            return out;
        }

        private static double[] meanOverSeeds(List<double[]> seedScores) {
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

    private static List<ComparisonRow> compare(List<Candidate> group) {
        boolean maximize = group.get(0).study().maximize();
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
            TuningStudy a = c.study();
            Double paper = a.published().map(PublishedResult::value).orElse(null);
            rows.add(new ComparisonRow(a.dataset(), a.setting(), a.algorithm(), c.bestParams(), a.metric().label(),
                    interval.mean(), interval.ci95(), interval.n(), seedMeans.length, seedStd, paper, p, a.notes()));
        }
        return rows;
    }

    private static TrialRow row(String study, FrozenTrial t) {
        double seconds = t.start() != null && t.complete() != null
                ? Duration.between(t.start(), t.complete()).toMillis() / 1000.0 : 0;
        TrialSetup setup = RunCodec.readTrialSetup(t);
        return new TrialRow(study, t.number(), t.state().name(), t.params(), t.value(), t.intermediateValues().size(),
                seconds, setup.device(), setup.seed(), t.failReason());
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

    /**
     * Draws the figures of one tuning study. A figure that needs more than the trials (parameter
     * importance, say) is one more entry in the list this returns; the HTML page shows them all.
     */
    private static List<Figure> writePlots(Path dir, String name, TuningStudy study, List<TrialRow> rows,
                                           List<CurvePoint> curves, StudyImportance importance) throws IOException {
        List<Figure> figures = new ArrayList<>();
        String subject = Plots.subject(study);
        figures.add(Figure.write(dir, Figure.safe(name + "-history"), "Optimization history of " + subject,
                Plots.history(study, rows, curves)));
        figures.add(Figure.write(dir, Figure.safe(name + "-curves"), "Learning curves of " + subject,
                Plots.learningCurves(study, rows, curves)));
        TreeSet<String> numeric = new TreeSet<>();
        rows.forEach(r -> r.params().forEach((k, v) -> {
            if (v instanceof Number) {
                numeric.add(k);
            }
        }));
        for (String p : numeric) {
            figures.add(Figure.write(dir, Figure.safe(name + "-slice-" + p), "Slice of " + p + " for " + subject,
                    Plots.slice(study, p, rows, curves)));
        }
        Optional<List<String>> axes = HeatmapAxes.choose(study.search(), study.heatmap(), rows);
        if (axes.isPresent()) {
            String x = axes.get().get(0);
            String y = axes.get().get(1);
            figures.add(Figure.write(dir, Figure.safe(name + "-heatmap-" + x + "-" + y), "Heat map of " + x + " x " + y
                    + " for " + subject, Plots.heatMap(study, x, y, rows, curves)));
        }
        if (importance != null) {
            figures.add(Figure.write(dir, Figure.safe(name + "-importance"), "Hyperparameter importance (fANOVA and"
                    + " PED-ANOVA) for " + subject, ImportancePlot.of(subject, importance)));
        }
        return figures;
    }
}
