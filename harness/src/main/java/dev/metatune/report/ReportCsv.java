package dev.metatune.report;

import java.io.IOException;
import java.io.OutputStreamWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.TreeSet;
import java.util.stream.Collectors;
import org.apache.commons.csv.CSVFormat;
import org.apache.commons.csv.CSVPrinter;

/**
 * The run's CSV files, each with one header definition: {@code trials.csv}, {@code curves.csv},
 * {@code comparison.csv} and, for reinforcement learning, {@code adaptation.csv}. Rows are written in the order given; numbers in {@link Numbers}' canonical
 * form, so the same rows always give the same bytes.
 */
public final class ReportCsv {

    /** Columns of trials.csv before the parameter columns (named {@code param_<name>}, sorted). */
    public enum TrialColumn { study, trial, state, value, intermediate_values, seconds, device, seed, fail_reason }

    /** Columns of curves.csv. */
    public enum CurveColumn { study, trial, step, value }

    /** Columns of comparison.csv. */
    public enum ComparisonColumn {
        dataset, setting, algorithm, metric, mean, ci95, episodes, seeds, seed_std, paper, diff_vs_paper,
        p_vs_best, best_params, notes
    }

    /** Columns of adaptation.csv. */
    public enum AdaptationColumn { dataset, setting, algorithm, metric, adaptation_step, mean, ci95, episodes, seeds }

    /** The file of the adaptation curves, written only for runs with reinforcement-learning studies. */
    public static final String ADAPTATION_FILE = "adaptation.csv";

    private static final CSVFormat FORMAT = CSVFormat.RFC4180.builder().setRecordSeparator("\n").build();

    private ReportCsv() {
    }

    public static void writeTrials(Path file, Collection<TrialRow> rows) throws IOException {
        TreeSet<String> paramNames = new TreeSet<>();
        rows.forEach(r -> paramNames.addAll(r.params().keySet()));
        List<String> header = new ArrayList<>();
        for (TrialColumn c : TrialColumn.values()) {
            header.add(c.name());
        }
        paramNames.forEach(p -> header.add("param_" + p));
        AtomicFiles.write(file, out -> {
            try (CSVPrinter csv = new CSVPrinter(new OutputStreamWriter(out, StandardCharsets.UTF_8), FORMAT)) {
                csv.printRecord(header);
                for (TrialRow r : rows) {
                    List<String> record = new ArrayList<>(List.of(r.study(), Integer.toString(r.number()), r.state(),
                            Numbers.format(r.value()), Integer.toString(r.intermediateCount()),
                            Numbers.fixed(r.seconds(), 1), r.device(), Long.toString(r.seed()), r.failReason()));
                    for (String p : paramNames) {
                        record.add(Numbers.format(r.params().get(p)));
                    }
                    csv.printRecord(record);
                }
            }
        });
    }

    public static void writeCurves(Path file, Collection<CurvePoint> points) throws IOException {
        AtomicFiles.write(file, out -> {
            try (CSVPrinter csv = new CSVPrinter(new OutputStreamWriter(out, StandardCharsets.UTF_8), FORMAT)) {
                csv.printRecord((Object[]) CurveColumn.values());
                for (CurvePoint p : points) {
                    csv.printRecord(p.study(), p.trial(), p.step(), Numbers.format(p.value()));
                }
            }
        });
    }

    public static void writeComparison(Path file, Collection<ComparisonRow> rows) throws IOException {
        AtomicFiles.write(file, out -> {
            try (CSVPrinter csv = new CSVPrinter(new OutputStreamWriter(out, StandardCharsets.UTF_8), FORMAT)) {
                csv.printRecord((Object[]) ComparisonColumn.values());
                for (ComparisonRow r : rows) {
                    csv.printRecord(r.dataset(), r.setting(), r.algorithm(), r.metric(), Numbers.format(r.mean()),
                            Numbers.format(r.ci95()), r.episodes(), r.seeds(), r.seeds() > 1 ? Numbers.format(r.seedStd()) : "",
                            Numbers.format(r.paper()), Numbers.format(r.differenceFromPaper()),
                            Numbers.format(r.pValueVsBest()), formatParams(r.bestParams()), r.notes());
                }
            }
        });
    }

    public static void writeAdaptation(Path file, Collection<AdaptationPoint> points) throws IOException {
        AtomicFiles.write(file, out -> {
            try (CSVPrinter csv = new CSVPrinter(new OutputStreamWriter(out, StandardCharsets.UTF_8), FORMAT)) {
                csv.printRecord((Object[]) AdaptationColumn.values());
                for (AdaptationPoint p : points) {
                    csv.printRecord(p.dataset(), p.setting(), p.algorithm(), p.metric(), p.step(), Numbers.format(p.mean()),
                            Numbers.format(p.ci95()), p.episodes(), p.seeds());
                }
            }
        });
    }

    /** Parameters as {@code name=value} pairs in name order, separated by spaces. */
    public static String formatParams(Map<String, Object> params) {
        return params.entrySet().stream().map(e -> e.getKey() + "=" + Numbers.format(e.getValue()))
                .collect(Collectors.joining(" "));
    }
}
