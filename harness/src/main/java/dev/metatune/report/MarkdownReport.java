package dev.metatune.report;

import dev.metatune.hpo.importance.StudyImportance;
import dev.metatune.run.CpuProfile;
import dev.metatune.run.Provenance;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * {@code report.md}: per (data set, setting) a table of every algorithm's test score with its
 * interval over episodes, its spread over seeds, the paper's number and the difference, and the
 * paired p-value against the best; then a summary of the tuning studies and the importance of
 * their hyperparameters.
 */
public final class MarkdownReport {

    private MarkdownReport() {
    }

    /** A tuning study's summary line. */
    public record StudySummary(String study, int trials, int complete, int pruned, int failed, Double bestValue,
                               Map<String, Object> bestParams) {
    }

    public static String render(String title, Provenance provenance, List<ComparisonRow> rows, List<StudySummary> studies) {
        return render(title, provenance, rows, studies, List.of());
    }

    /** The page, with a section of hyperparameter importances when {@code importances} is not empty. */
    public static String render(String title, Provenance provenance, List<ComparisonRow> rows, List<StudySummary> studies,
                                List<StudyImportance> importances) {
        StringBuilder md = new StringBuilder();
        md.append("# ").append(title).append("\n\n");
        if (provenance != null) {
            md.append("Commit `").append(provenance.gitCommit()).append("`, ").append(provenance.djlVersion() == null ? ""
                    : "DJL " + provenance.djlVersion() + ", ").append(provenance.pytorchVersion()).append(", Java ")
                    .append(provenance.javaVersion()).append(", device ").append(provenance.device())
                    .append(processor(provenance.cpu()))
                    .append(", suite sha256 `").append(shortHash(provenance.suiteSha256())).append("`, seeds ")
                    .append(provenance.seeds()).append(".\n\n");
        }
        Map<String, List<ComparisonRow>> bySetting = new LinkedHashMap<>();
        for (ComparisonRow r : rows) {
            bySetting.computeIfAbsent(r.dataset() + " " + r.setting(), k -> new ArrayList<>()).add(r);
        }
        for (Map.Entry<String, List<ComparisonRow>> e : bySetting.entrySet()) {
            List<ComparisonRow> group = e.getValue();
            ComparisonRow first = group.get(0);
            md.append("## ").append(e.getKey()).append("\n\n");
            md.append("Test ").append(first.metric()).append(" over ").append(first.episodes())
                    .append(" fixed episodes (the same for every algorithm), mean over ").append(first.seeds())
                    .append(" training seed(s); the interval is 1.96 x std / sqrt(episodes) over episodes, the seed spread"
                            + " is the standard deviation of the per-seed means.\n\n");
            md.append("| algorithm | ").append(first.metric()).append(" | 95% CI (episodes) | seed std | paper | diff |"
                    + " p vs best (Wilcoxon) | best parameters | notes |\n");
            md.append("|---|---|---|---|---|---|---|---|---|\n");
            for (ComparisonRow r : group) {
                boolean percent = "accuracy".equals(r.metric());
                md.append("| ").append(r.algorithm()).append(" | ").append(show(r.mean(), percent)).append(" | +- ")
                        .append(show(r.ci95(), percent)).append(" | ").append(r.seeds() > 1 ? show(r.seedStd(), percent) : "-")
                        .append(" | ")
                        .append(r.paper() == null ? "-" : show(r.paper(), percent)).append(" | ")
                        .append(r.differenceFromPaper() == null ? "-" : signed(r.differenceFromPaper(), percent))
                        .append(" | ").append(r.pValueVsBest() == null ? "best" : pValue(r.pValueVsBest())).append(" | ")
                        .append(ReportCsv.formatParams(r.bestParams())).append(" | ").append(r.notes()).append(" |\n");
            }
            md.append("\n");
        }
        if (!studies.isEmpty()) {
            md.append("## Tuning studies\n\n");
            md.append("| study | trials | complete | pruned | failed | best validation | best parameters |\n");
            md.append("|---|---|---|---|---|---|---|\n");
            for (StudySummary s : studies) {
                md.append("| ").append(s.study()).append(" | ").append(s.trials()).append(" | ").append(s.complete())
                        .append(" | ").append(s.pruned()).append(" | ").append(s.failed()).append(" | ")
                        .append(s.bestValue() == null ? "-" : Numbers.fixed(s.bestValue(), 4)).append(" | ")
                        .append(s.bestParams() == null ? "-" : ReportCsv.formatParams(s.bestParams())).append(" |\n");
            }
            md.append("\n");
        }
        if (!importances.isEmpty()) {
            md.append("## Hyperparameter importance\n\n");
            md.append("Share of each searched parameter in the variation of the validation objective over the study's"
                    + " complete trials (and its pruned ones, where it has fewer than 4 complete trials): fANOVA (variance of a random forest's marginal, Hutter et al. 2014) and PED-ANOVA"
                    + " (Pearson divergence of the best 10 % of trials from all trials, Watanabe et al. 2023); each"
                    + " column sums to one, or is n/a where the trials cannot tell the parameters apart (PED-ANOVA needs"
                    + " more trials than its best 2, fANOVA objective values that differ).\n\n");
            for (StudyImportance imp : importances) {
                md.append("### ").append(imp.study()).append(" (").append(imp.trials()).append(" trials)\n\n");
                md.append("From ").append(imp.basis()).append(".").append(imp.caution().isEmpty() ? ""
                        : " " + Character.toUpperCase(imp.caution().charAt(0)) + imp.caution().substring(1) + ".")
                        .append("\n\n");
                md.append("| parameter | fANOVA | PED-ANOVA |\n|---|---|---|\n");
                for (StudyImportance.Row r : imp.rows()) {
                    md.append("| ").append(r.parameter()).append(" | ").append(Numbers.fixedOrNa(r.fanova(), 3)).append(" | ")
                            .append(Numbers.fixedOrNa(r.pedAnova(), 3)).append(" |\n");
                }
                md.append("\n");
            }
        }
        return md.toString();
    }

    /**
     * The section listing the models the run's final evaluations saved (see {@link SavedModelList}),
     * or nothing when it saved none.
     */
    /**
     * The section that says which earlier studies warmed which study (their trials were its sampler's
     * prior, never its trials): one line per warmed study; empty when no study was warmed.
     */
    public static String warmStarts(Map<String, List<dev.metatune.run.WarmStartSource>> byStudy) {
        if (byStudy.values().stream().allMatch(List::isEmpty)) {
            return "";
        }
        StringBuilder md = new StringBuilder("## Warm starts\n\n");
        md.append("The trials of the earlier studies were the sampler's prior, not trials of the warmed study (they are"
                + " not in its trials, counts or best value).\n\n");
        byStudy.forEach((study, sources) -> {
            if (sources.isEmpty()) {
                return;
            }
            List<String> parts = new ArrayList<>();
            for (dev.metatune.run.WarmStartSource w : sources) {
                parts.add("`" + w.study() + "` (" + w.where() + ", " + w.trials() + " trials, parameters "
                        + String.join(", ", w.parameters()) + ")");
            }
            dev.metatune.run.WarmStartSource first = sources.get(0);
            md.append("- `").append(study).append("` warmed from ").append(String.join(" and ", parts))
                    .append(first.used() ? "" : "; its sampler " + first.sampler() + " ignores a prior, so it started cold")
                    .append("\n");
        });
        return md.append("\n").toString();
    }

    /**
     * The section of adaptation curves (reinforcement learning): per setting, each algorithm's test score
     * after 0, 1, 2, ... adaptation steps with its 95% interval; empty without such points.
     */
    public static String adaptation(List<AdaptationPoint> points) {
        if (points.isEmpty()) {
            return "";
        }
        StringBuilder md = new StringBuilder("## Adaptation curves\n\n");
        for (List<AdaptationPoint> group : SettingPlots.bySetting(points).values()) {
            AdaptationPoint first = group.get(0);
            int steps = group.stream().mapToInt(AdaptationPoint::step).max().orElse(0);
            md.append("### ").append(first.dataset()).append(' ').append(first.setting()).append("\n\n")
                    .append("Test ").append(first.metric()).append(" after each number of adaptation steps, mean +- 95%"
                            + " interval over ").append(first.episodes()).append(" fixed test tasks (").append(ReportCsv.ADAPTATION_FILE)
                    .append(").\n\n| algorithm |");
            for (int k = 0; k <= steps; k++) {
                md.append(' ').append(k).append(k == 1 ? " step |" : " steps |");
            }
            md.append("\n|---|").append("---|".repeat(steps + 1)).append('\n');
            Map<String, Map<Integer, AdaptationPoint>> byAlgorithm = new LinkedHashMap<>();
            group.forEach(p -> byAlgorithm.computeIfAbsent(p.algorithm(), a -> new java.util.TreeMap<>()).put(p.step(), p));
            for (Map.Entry<String, Map<Integer, AdaptationPoint>> e : byAlgorithm.entrySet()) {
                md.append("| ").append(e.getKey()).append(" |");
                for (int k = 0; k <= steps; k++) {
                    AdaptationPoint p = e.getValue().get(k);
                    md.append(' ').append(p == null ? "-" : Numbers.fixed(p.mean(), 2) + " +- " + Numbers.fixed(p.ci95(), 2))
                            .append(" |");
                }
                md.append('\n');
            }
            md.append('\n');
        }
        return md.toString();
    }

    public static String savedModels(List<SavedModelList.Entry> models) {
        if (models.isEmpty()) {
            return "";
        }
        StringBuilder md = new StringBuilder("## Saved models\n\n");
        md.append("Each final evaluation's meta-trained model, a folder for `metatune test --model` (listed in `")
                .append(SavedModelList.FILE).append("`).\n\n| study | seed | folder |\n|---|---|---|\n");
        for (SavedModelList.Entry m : models) {
            md.append("| ").append(m.study()).append(" | ").append(m.seed()).append(" | `").append(m.path()).append("` |\n");
        }
        return md.append("\n").toString();
    }

    static String show(double v, boolean percent) {
        return percent ? Numbers.fixed(100 * v, 2) + "%" : Numbers.fixed(v, 4);
    }

    static String signed(double v, boolean percent) {
        String s = show(v, percent);
        return v >= 0 ? "+" + s : s;
    }

    static String pValue(double p) {
        return p < 1e-4 ? "<1e-4" : Numbers.fixed(p, 4);
    }

    static String shortHash(String hash) {
        return hash == null || hash.length() < 12 ? String.valueOf(hash) : hash.substring(0, 12);
    }

    /** " on MODEL (AVX-512) with {settings}", or nothing for a run stored before processors were recorded. */
    private static String processor(CpuProfile cpu) {
        if (!cpu.recorded()) {
            return "";
        }
        return " on " + cpu.model() + (cpu.vectorExtensions().contains("avx512f") ? " (AVX-512)" : "")
                + (cpu.kernelSettings().isEmpty() ? "" : " with " + cpu.kernelSettings());
    }
}
