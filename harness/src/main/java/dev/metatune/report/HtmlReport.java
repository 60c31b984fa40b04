package dev.metatune.report;

import dev.metatune.run.Provenance;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * {@code report.html}: one self-contained page (images inlined as {@code data:} URIs, no script, no
 * network) with the run's provenance, every table of {@code report.md} and every figure, grouped by
 * setting with the comparison chart first, then the figures across settings and the tuning studies.
 * Each setting is a {@code <section class="setting">} whose {@code data-setting} names it, so a
 * browser test can find its table and figures.
 */
final class HtmlReport {

    /** The figures of one tuning study, in the order they are shown. */
    record StudyFigures(String study, List<Figure> figures) {
        StudyFigures {
            figures = List.copyOf(figures);
        }
    }

    private static final String STYLE = """
            body{font-family:"DejaVu Sans",Verdana,Arial,sans-serif;margin:2em auto;max-width:1700px;padding:0 1em;\
            color:#222;line-height:1.4}
            h1{font-size:1.6em}h2{border-bottom:2px solid #ddd;padding-bottom:.2em;margin-top:2em}h3{margin-top:1.5em}
            table{border-collapse:collapse;margin:1em 0;font-size:.9em}
            th,td{border:1px solid #ccc;padding:.3em .6em;text-align:left;vertical-align:top}
            th{background:#f3f3f3}td.num{text-align:right;white-space:nowrap}
            tr.best td{background:#eaf6f0}
            .figures{display:flex;flex-wrap:wrap;gap:1em}
            figure{margin:0;border:1px solid #e3e3e3;padding:.4em;background:#fff}
            figure img{max-width:100%;height:auto;display:block}
            figcaption{font-size:.85em;color:#555;margin-top:.3em}
            nav ul{columns:3}p.note{color:#555;font-size:.9em}
            """;

    private HtmlReport() {
    }

    /** The comparison rows grouped by "data set setting", in order of first appearance. */
    static Map<String, List<ComparisonRow>> bySetting(List<ComparisonRow> rows) {
        Map<String, List<ComparisonRow>> out = new LinkedHashMap<>();
        for (ComparisonRow r : rows) {
            out.computeIfAbsent(r.dataset() + " " + r.setting(), k -> new ArrayList<>()).add(r);
        }
        return out;
    }

    static String render(Path dir, String title, Provenance provenance, List<ComparisonRow> rows,
                         List<MarkdownReport.StudySummary> studies, Map<String, List<Figure>> comparisonFigures,
                         Map<String, List<StudyFigures>> studyFigures, List<Figure> scaling) throws IOException {
        Map<String, List<ComparisonRow>> tables = bySetting(rows);
        Set<String> settings = new LinkedHashSet<>(tables.keySet());
        settings.addAll(studyFigures.keySet());
        StringBuilder h = new StringBuilder();
        h.append("<!DOCTYPE html>\n<html lang=\"en\">\n<head>\n<meta charset=\"utf-8\">\n<title>").append(esc(title))
                .append("</title>\n<style>\n").append(STYLE).append("</style>\n</head>\n<body>\n");
        h.append("<h1>").append(esc(title)).append("</h1>\n");
        h.append("<section id=\"provenance\">\n<h2>Provenance</h2>\n<table>\n");
        for (Map.Entry<String, Object> e : provenance.asMap().entrySet()) {
            h.append("<tr><th>").append(esc(e.getKey())).append("</th><td>").append(esc(String.valueOf(e.getValue())))
                    .append("</td></tr>\n");
        }
        h.append("</table>\n</section>\n");
        h.append("<nav>\n<h2>Contents</h2>\n<ul>\n");
        for (String s : settings) {
            h.append("<li><a href=\"#").append(anchor(s)).append("\">").append(esc(s)).append("</a></li>\n");
        }
        if (!scaling.isEmpty()) {
            h.append("<li><a href=\"#across-settings\">Across settings</a></li>\n");
        }
        if (!studies.isEmpty()) {
            h.append("<li><a href=\"#tuning-studies\">Tuning studies</a></li>\n");
        }
        h.append("</ul>\n</nav>\n");
        for (String s : settings) {
            h.append("<section class=\"setting\" id=\"").append(anchor(s)).append("\" data-setting=\"").append(esc(s))
                    .append("\">\n<h2>").append(esc(s)).append("</h2>\n");
            List<Figure> charts = comparisonFigures.getOrDefault(s, List.of());
            if (!charts.isEmpty()) {
                h.append("<div class=\"figures comparison\">\n");
                for (Figure chart : charts) {
                    figure(h, dir, chart);
                }
                h.append("</div>\n");
            }
            List<ComparisonRow> group = tables.get(s);
            if (group != null) {
                table(h, group);
            }
            for (StudyFigures f : studyFigures.getOrDefault(s, List.of())) {
                h.append("<h3>Tuning study ").append(esc(f.study())).append("</h3>\n<div class=\"figures\">\n");
                for (Figure figure : f.figures()) {
                    figure(h, dir, figure);
                }
                h.append("</div>\n");
            }
            h.append("</section>\n");
        }
        if (!scaling.isEmpty()) {
            h.append("<section id=\"across-settings\">\n<h2>Across settings</h2>\n<div class=\"figures\">\n");
            for (Figure f : scaling) {
                figure(h, dir, f);
            }
            h.append("</div>\n</section>\n");
        }
        if (!studies.isEmpty()) {
            h.append("<section id=\"tuning-studies\">\n<h2>Tuning studies</h2>\n<table class=\"studies\">\n<tr><th>study</th>"
                    + "<th>trials</th><th>complete</th><th>pruned</th><th>failed</th><th>best validation</th>"
                    + "<th>best parameters</th></tr>\n");
            for (MarkdownReport.StudySummary st : studies) {
                h.append("<tr><td>").append(esc(st.study())).append("</td>").append(num(st.trials())).append(num(st.complete()))
                        .append(num(st.pruned())).append(num(st.failed())).append(num(st.bestValue() == null ? "-"
                                : Numbers.fixed(st.bestValue(), 4))).append("<td>").append(st.bestParams() == null ? "-"
                                : esc(ReportCsv.formatParams(st.bestParams()))).append("</td></tr>\n");
            }
            h.append("</table>\n</section>\n");
        }
        h.append("</body>\n</html>\n");
        return h.toString();
    }

    private static void table(StringBuilder h, List<ComparisonRow> group) {
        ComparisonRow first = group.get(0);
        h.append("<p class=\"note\">Test ").append(esc(first.metric())).append(" over ").append(first.episodes())
                .append(" fixed episodes (the same for every algorithm), mean over ").append(first.seeds())
                .append(" training seed(s); the interval is 1.96 x std / sqrt(episodes) over episodes, the seed spread"
                        + " is the standard deviation of the per-seed means.</p>\n");
        h.append("<table class=\"comparison\">\n<tr><th>algorithm</th><th>").append(esc(first.metric()))
                .append("</th><th>95% CI (episodes)</th><th>seed std</th><th>paper</th><th>diff</th>"
                        + "<th>p vs best (Wilcoxon)</th><th>best parameters</th><th>notes</th></tr>\n");
        for (ComparisonRow r : group) {
            boolean percent = "accuracy".equals(r.metric());
            h.append(SettingPlots.inBestGroup(r) ? "<tr class=\"best\">" : "<tr>").append("<td>").append(esc(r.algorithm()))
                    .append("</td>").append(num(MarkdownReport.show(r.mean(), percent)))
                    .append(num("+- " + MarkdownReport.show(r.ci95(), percent)))
                    .append(num(r.seeds() > 1 ? MarkdownReport.show(r.seedStd(), percent) : "-"))
                    .append(num(r.paper() == null ? "-" : MarkdownReport.show(r.paper(), percent)))
                    .append(num(r.differenceFromPaper() == null ? "-" : MarkdownReport.signed(r.differenceFromPaper(), percent)))
                    .append(num(r.pValueVsBest() == null ? "best" : MarkdownReport.pValue(r.pValueVsBest())))
                    .append("<td>").append(esc(ReportCsv.formatParams(r.bestParams()))).append("</td><td>")
                    .append(esc(r.notes())).append("</td></tr>\n");
        }
        h.append("</table>\n");
    }

    private static void figure(StringBuilder h, Path dir, Figure f) throws IOException {
        String png = Base64.getEncoder().encodeToString(Files.readAllBytes(dir.resolve(f.png())));
        h.append("<figure data-figure=\"").append(esc(f.stem())).append("\">\n<img src=\"data:image/png;base64,")
                .append(png).append("\" width=\"800\" height=\"500\" alt=\"").append(esc(f.caption())).append("\">\n")
                .append("<figcaption>").append(esc(f.caption())).append(" (<a href=\"").append(esc(f.svg()))
                .append("\">SVG</a>)</figcaption>\n</figure>\n");
    }

    private static String num(Object v) {
        return "<td class=\"num\">" + esc(String.valueOf(v)) + "</td>";
    }

    private static String anchor(String setting) {
        return "setting-" + Figure.safe(setting);
    }

    static String esc(String s) {
        return s.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;").replace("\"", "&quot;");
    }
}
