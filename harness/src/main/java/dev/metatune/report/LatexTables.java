package dev.metatune.report;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * {@code comparison.tex}: one booktabs table per (data set, setting), ready to {@code \input} into a
 * paper (it needs the booktabs package): every algorithm's test score with its 95 % interval
 * over episodes as $\pm$, the best in bold, a dagger on those the paired Wilcoxon test finds worse
 * than the best (p below 0.05), the p-value, the paper's number in its own column, and a caption
 * that states the protocol: the fixed test episodes, the training seeds and each algorithm's notes
 * (training budget, test-time inner steps, transductive batch norm, substituted data).
 */
public final class LatexTables {

    private LatexTables() {
    }

    /** The whole file: a comment line, then one {@code table} environment per setting, in the order of {@code rows}. */
    public static String render(String title, List<ComparisonRow> rows) {
        StringBuilder tex = new StringBuilder();
        tex.append("% ").append(escape(title).replace('\n', ' ')).append(": test results, one table per setting;"
                + " needs \\usepackage{booktabs}\n");
        Map<String, List<ComparisonRow>> bySetting = new LinkedHashMap<>();
        for (ComparisonRow r : rows) {
            bySetting.computeIfAbsent(r.dataset() + " " + r.setting(), k -> new ArrayList<>()).add(r);
        }
        for (List<ComparisonRow> group : bySetting.values()) {
            table(tex, group);
        }
        return tex.toString();
    }

    private static void table(StringBuilder tex, List<ComparisonRow> group) {
        ComparisonRow first = group.get(0);
        boolean percent = "accuracy".equals(first.metric());
        boolean anyPaper = group.stream().anyMatch(r -> r.paper() != null);
        tex.append("\n\\begin{table}[htbp]\n\\centering\n");
        tex.append("\\caption{").append(caption(group, percent)).append("}\n");
        tex.append("\\label{tab:").append(label(first.dataset() + "-" + first.setting())).append("}\n");
        tex.append("\\begin{tabular}{l").append("r").append(anyPaper ? "r" : "").append("r}\n\\toprule\n");
        tex.append("Algorithm & Test ").append(escape(first.metric())).append(percent ? " (\\%)" : "")
                .append(anyPaper ? " & Paper" : "").append(" & $p$ vs best \\\\\n\\midrule\n");
        for (ComparisonRow r : group) {
            boolean best = r.pValueVsBest() == null;
            boolean worse = !SettingPlots.inBestGroup(r);
            String score = number(r.mean(), percent) + " \\pm " + number(r.ci95(), percent);
            tex.append(best ? "\\textbf{" + escape(r.algorithm()) + "}" : escape(r.algorithm())).append(" & $")
                    .append(best ? "\\mathbf{" + score + "}" : score).append(worse ? "^{\\dagger}" : "").append("$");
            if (anyPaper) {
                tex.append(" & ").append(r.paper() == null ? "--" : number(r.paper(), percent));
            }
            tex.append(" & ").append(r.pValueVsBest() == null ? "--" : r.pValueVsBest() < 1e-4 ? "$<10^{-4}$"
                    : Numbers.fixed(r.pValueVsBest(), 3)).append(" \\\\\n");
        }
        tex.append("\\bottomrule\n\\end{tabular}\n\\end{table}\n");
    }

    private static String caption(List<ComparisonRow> group, boolean percent) {
        ComparisonRow first = group.get(0);
        StringBuilder c = new StringBuilder();
        c.append(escape(first.dataset())).append(", ").append(escape(setting(first.setting()))).append(": test ")
                .append(escape(first.metric())).append(percent ? " in \\%" : "").append(", mean over ")
                .append(first.episodes()).append(" fixed test episodes (the same for every algorithm) and ")
                .append(first.seeds()).append(" training seed").append(first.seeds() == 1 ? "" : "s")
                .append(", $\\pm$ the 95\\,\\% interval over episodes. Best in bold; $^{\\dagger}$: worse than the best"
                        + " by a paired Wilcoxon signed-rank test on the episodes ($p < ")
                .append(SettingPlots.ALPHA).append("$).");
        List<List<String>> parts = group.stream()
                .map(r -> r.notes().isBlank() ? List.<String>of() : List.of(r.notes().split("; "))).toList();
        List<String> common = new ArrayList<>(group.size() > 1 ? parts.get(0) : List.of());
        parts.forEach(common::retainAll);
        if (!common.isEmpty()) {
            c.append(" Every algorithm: ").append(escape(String.join(", ", common))).append(".");
        }
        Set<String> notes = new LinkedHashSet<>();
        for (int i = 0; i < group.size(); i++) {
            List<String> own = new ArrayList<>(parts.get(i));
            own.removeAll(common);
            if (!own.isEmpty()) {
                notes.add(escape(group.get(i).algorithm()) + ": " + escape(String.join(", ", own)));
            }
        }
        if (!notes.isEmpty()) {
            c.append(" Protocol: ").append(String.join("; ", notes)).append(".");
        }
        return c.toString();
    }

    /** {@code 5w1s} as {@code 5-way 1-shot}; anything else as it is. */
    static String setting(String label) {
        java.util.regex.Matcher m = java.util.regex.Pattern.compile("(\\d+)w(\\d+)s").matcher(label);
        return m.matches() ? m.group(1) + "-way " + m.group(2) + "-shot" : label;
    }

    private static String number(double v, boolean percent) {
        return percent ? Numbers.fixed(100 * v, 2) : Numbers.fixed(v, 4);
    }

    private static String label(String s) {
        return s.toLowerCase(java.util.Locale.ROOT).replaceAll("[^a-z0-9]+", "-");
    }

    /** {@code s} with LaTeX's special characters escaped for text mode. */
    static String escape(String s) {
        StringBuilder out = new StringBuilder();
        for (char ch : s.toCharArray()) {
            switch (ch) {
                case '\\' -> out.append("\\textbackslash{}");
                case '&', '%', '$', '#', '_', '{', '}' -> out.append('\\').append(ch);
                case '~' -> out.append("\\textasciitilde{}");
                case '^' -> out.append("\\textasciicircum{}");
                default -> out.append(ch);
            }
        }
        return out.toString();
    }
}
