package dev.metatune.report;

import java.util.EnumSet;
import java.util.Locale;
import java.util.Set;

/** Which report files {@link RunReport} writes: {@code metatune report --format}. */
public enum ReportFormat {
    /** {@code trials.csv}, {@code curves.csv}, {@code comparison.csv}. */
    CSV,
    /** {@code report.md}. */
    MARKDOWN,
    /** {@code comparison.tex}. */
    LATEX,
    /** {@code report.html} and its figures. */
    HTML;

    /** Every format: what a run writes. */
    public static Set<ReportFormat> all() {
        return EnumSet.allOf(ReportFormat.class);
    }

    /** The format named {@code name} (any case), or an exception that lists the names. */
    public static ReportFormat parse(String name) {
        for (ReportFormat f : values()) {
            if (f.name().equalsIgnoreCase(name.trim()) || ("md".equalsIgnoreCase(name.trim()) && f == MARKDOWN)
                    || ("tex".equalsIgnoreCase(name.trim()) && f == LATEX)) {
                return f;
            }
        }
        throw new IllegalArgumentException("unknown report format '" + name + "'; expected one of latex, markdown, csv, html");
    }

    /** The name the command line uses. */
    public String cliName() {
        return name().toLowerCase(Locale.ROOT);
    }
}
