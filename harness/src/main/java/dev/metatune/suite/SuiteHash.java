package dev.metatune.suite;

import dev.metatune.space.Distribution;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;

/**
 * The canonical form of a suite and its SHA-256, for provenance: defaults filled in, every map in
 * a fixed key order, numbers in one spelling. Comments, formatting, key order in the file and
 * spelling out a default do not change the hash; any value that changes what runs does.
 */
final class SuiteHash {

    private SuiteHash() {
    }

    static String sha256(Suite suite) {
        try {
            byte[] digest = MessageDigest.getInstance("SHA-256").digest(canonical(suite).getBytes(StandardCharsets.UTF_8));
            return HexFormat.of().formatHex(digest);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("this Java runtime has no SHA-256", e);
        }
    }

    /** One line of JSON-like text per suite, keys in a fixed order. */
    static String canonical(Suite s) {
        StringBuilder sb = new StringBuilder("{");
        field(sb, "name", quote(s.name()));
        field(sb, "description", quote(s.description()));
        field(sb, "seed", Long.toString(s.seed()));
        sb.append("\"datasets\":[");
        for (int i = 0; i < s.datasets().size(); i++) {
            DatasetEntry d = s.datasets().get(i);
            sb.append(i > 0 ? "," : "").append('{');
            field(sb, "name", quote(d.name()));
            field(sb, "split", quote(d.split()));
            field(sb, "image_size", Integer.toString(d.imageSize()));
            field(sb, "download", Boolean.toString(d.download()));
            field(sb, "fallback", d.fallback().map(SuiteHash::quote).orElse("null"));
            sb.append("\"settings\":[");
            for (int j = 0; j < d.settings().size(); j++) {
                Setting t = d.settings().get(j);
                sb.append(j > 0 ? "," : "").append('[').append(t.ways()).append(',').append(t.shots()).append(',')
                        .append(t.queries()).append(']');
            }
            sb.append("]}");
        }
        sb.append("],\"algorithms\":[");
        for (int i = 0; i < s.algorithms().size(); i++) {
            AlgorithmEntry a = s.algorithms().get(i);
            sb.append(i > 0 ? "," : "").append('{');
            field(sb, "label", quote(a.label()));
            field(sb, "name", quote(a.name()));
            field(sb, "datasets", value(a.datasets()));
            field(sb, "fixed", value(a.fixed()));
            sb.append("\"search\":{");
            int k = 0;
            for (Map.Entry<String, Distribution> e : new java.util.TreeMap<>(a.search()).entrySet()) {
                sb.append(k++ > 0 ? "," : "").append(quote(e.getKey())).append(':').append(distribution(e.getValue()));
            }
            sb.append("},");
            field(sb, "enqueue", value(a.enqueue()));
            field(sb, "trials", Integer.toString(a.trials()));
            if (!a.warmStart().isEmpty()) {
                field(sb, "warm_start", value(a.warmStart().stream().map(r -> r.where() + ":" + r.study()).toList()));
            }
            sb.append("\"budget\":").append(budget(a.budget())).append('}');
        }
        sb.append("],");
        field(sb, "sampler", "{\"name\":" + quote(s.sampler().name()) + ",\"seed\":" + s.sampler().seed()
                + ",\"options\":" + value(s.sampler().options()) + "}");
        field(sb, "pruner", "{\"name\":" + quote(s.pruner().name()) + ",\"options\":" + value(s.pruner().options()) + "}");
        field(sb, "trials", Integer.toString(s.trials()));
        field(sb, "budget", budget(s.budget()));
        field(sb, "test_episodes", Integer.toString(s.testEpisodes()));
        field(sb, "test_queries", Integer.toString(s.testQueries()));
        field(sb, "seeds", value(s.seeds()));
        field(sb, "storage", quote(s.storage().text()));
        sb.append("\"device\":").append(quote(s.device())).append('}');
        return sb.toString();
    }

    private static void field(StringBuilder sb, String key, String value) {
        sb.append(quote(key)).append(':').append(value).append(',');
    }

    private static String budget(Budget b) {
        return "{\"train_steps\":" + b.trainSteps() + ",\"validate_every\":" + b.validateEvery()
                + ",\"validation_episodes\":" + b.validationEpisodes() + ",\"final_train_steps\":" + b.finalTrainSteps()
                + ",\"study_timeout_s\":" + b.studyTimeout().toSeconds() + "}";
    }

    private static String distribution(Distribution d) {
        if (d instanceof Distribution.FloatRange f) {
            return "{\"float\":[" + f.low() + "," + f.high() + "],\"log\":" + f.log() + ",\"step\":" + f.step() + "}";
        }
        if (d instanceof Distribution.IntRange r) {
            return "{\"int\":[" + r.low() + "," + r.high() + "],\"step\":" + r.step() + ",\"log\":" + r.log() + "}";
        }
        return "{\"choice\":" + value(((Distribution.Categorical) d).choices()) + "}";
    }

    private static String value(Object v) {
        if (v instanceof String str) {
            return quote(str);
        }
        if (v instanceof Map<?, ?> m) {
            StringBuilder sb = new StringBuilder("{");
            int k = 0;
            for (Map.Entry<?, ?> e : new java.util.TreeMap<>(m).entrySet()) {
                sb.append(k++ > 0 ? "," : "").append(quote(e.getKey().toString())).append(':').append(value(e.getValue()));
            }
            return sb.append('}').toString();
        }
        if (v instanceof List<?> list) {
            StringBuilder sb = new StringBuilder("[");
            for (int i = 0; i < list.size(); i++) {
                sb.append(i > 0 ? "," : "").append(value(list.get(i)));
            }
            return sb.append(']').toString();
        }
        return String.valueOf(v);
    }

    private static String quote(String s) {
        StringBuilder sb = new StringBuilder("\"");
        for (char c : s.toCharArray()) {
            if (c == '"' || c == '\\') {
                sb.append('\\').append(c);
            } else if (c < 0x20) {
                sb.append(String.format("\\u%04x", (int) c));
            } else {
                sb.append(c);
            }
        }
        return sb.append('"').toString();
    }
}
