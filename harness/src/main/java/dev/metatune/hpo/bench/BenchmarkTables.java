package dev.metatune.hpo.bench;

import java.io.IOException;
import java.io.Writer;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.apache.commons.csv.CSVFormat;
import org.apache.commons.csv.CSVPrinter;

/** The benchmark's outputs: markdown tables, CSV files and JSON lines. */
public final class BenchmarkTables {

    private BenchmarkTables() {
    }

    /**
     * Regret by function (rows) and sampler (columns), with TPE's factor over random and, when the
     * Optuna peer ran, Metatune's TPE regret over Optuna's ({@code <= 1} means at least as good).
     */
    public static String regretMarkdown(List<HpoBenchmark.RegretRow> rows) {
        Map<String, Map<String, Double>> byFunction = new LinkedHashMap<>();
        List<String> samplers = new ArrayList<>();
        for (HpoBenchmark.RegretRow r : rows) {
            byFunction.computeIfAbsent(r.function(), k -> new LinkedHashMap<>()).put(r.sampler(), r.medianRegret());
            if (!samplers.contains(r.sampler())) {
                samplers.add(r.sampler());
            }
        }
        StringBuilder sb = new StringBuilder("| function |");
        samplers.forEach(s -> sb.append(' ').append(s).append(" |"));
        boolean ratio = samplers.contains("tpe") && samplers.contains("random");
        boolean peer = samplers.contains("tpe") && samplers.contains("optuna-tpe");
        if (ratio) {
            sb.append(" random / tpe |");
        }
        if (peer) {
            sb.append(" tpe / optuna-tpe |");
        }
        sb.append("\n|---|");
        samplers.forEach(s -> sb.append("---:|"));
        if (ratio) {
            sb.append("---:|");
        }
        if (peer) {
            sb.append("---:|");
        }
        sb.append('\n');
        byFunction.forEach((f, m) -> {
            sb.append("| ").append(f).append(" |");
            samplers.forEach(s -> sb.append(' ').append(fmt(m.get(s))).append(" |"));
            if (ratio) {
                sb.append(' ').append(String.format(Locale.ROOT, "%.1fx", m.get("random") / m.get("tpe"))).append(" |");
            }
            if (peer) {
                sb.append(' ').append(String.format(Locale.ROOT, "%.2f", m.get("tpe") / m.get("optuna-tpe"))).append(" |");
            }
            sb.append('\n');
        });
        return sb.toString();
    }

    public static String askTimeMarkdown(List<HpoBenchmark.AskTimeRow> rows) {
        StringBuilder sb = new StringBuilder("| sampler | function | finished trials | median ms per ask | mean ms per ask |\n"
                + "|---|---|---:|---:|---:|\n");
        for (HpoBenchmark.AskTimeRow r : rows) {
            sb.append(String.format(Locale.ROOT, "| %s | %s | %d | %.3f | %.3f |%n", r.sampler(), r.function(),
                    r.finishedTrials(), r.medianMillis(), r.meanMillis()));
        }
        return sb.toString();
    }

    private static String fmt(Double v) {
        if (v == null) {
            return "-";
        }
        return String.format(Locale.ROOT, Math.abs(v) < 1e-3 && v != 0 ? "%.2e" : "%.4f", v);
    }

    public static void writeRegretCsv(List<HpoBenchmark.RegretRow> rows, Writer out) throws IOException {
        try (CSVPrinter csv = new CSVPrinter(out, CSVFormat.DEFAULT.builder().setHeader("function", "sampler", "seeds",
                "trials", "median_regret", "q25_regret", "q75_regret").build())) {
            for (HpoBenchmark.RegretRow r : rows) {
                csv.printRecord(r.function(), r.sampler(), r.seeds(), r.trials(), num(r.medianRegret()),
                        num(r.q25Regret()), num(r.q75Regret()));
            }
        }
    }

    public static void writeAskTimeCsv(List<HpoBenchmark.AskTimeRow> rows, Writer out) throws IOException {
        try (CSVPrinter csv = new CSVPrinter(out, CSVFormat.DEFAULT.builder().setHeader("sampler", "function",
                "finished_trials", "asks", "median_ms_per_ask", "mean_ms_per_ask").build())) {
            for (HpoBenchmark.AskTimeRow r : rows) {
                csv.printRecord(r.sampler(), r.function(), r.finishedTrials(), r.asks(), num(r.medianMillis()),
                        num(r.meanMillis()));
            }
        }
    }

    /** One JSON object on one line, as {@code hpo-bench --json} prints per (function, sampler). */
    public static String json(HpoBenchmark.RegretRow r) {
        return String.format(Locale.ROOT,
                "{\"function\":\"%s\",\"sampler\":\"%s\",\"seeds\":%d,\"trials\":%d,\"median_regret\":%s}",
                r.function(), r.sampler(), r.seeds(), r.trials(), num(r.medianRegret()));
    }

    private static String num(double v) {
        return Double.toString(v);
    }
}
