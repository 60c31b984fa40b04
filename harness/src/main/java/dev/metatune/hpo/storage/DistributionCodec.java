package dev.metatune.hpo.storage;

import dev.metatune.space.Distribution;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Distributions as JSON in Optuna's form, the form {@code trial_params.distribution_json} keeps:
 * {@code {"name": "FloatDistribution", "attributes": {"step": null, "low": 0.0, "high": 1.0, "log": false}}},
 * {@code IntDistribution} (low, high, step, log) and {@code CategoricalDistribution} (choices).
 * Reading also takes Optuna's older names (UniformDistribution, LogUniformDistribution,
 * DiscreteUniformDistribution, IntUniformDistribution, IntLogUniformDistribution) and the form of
 * Metatune's own earlier schema ({@code {"type": "float", ...}}).
 */
public final class DistributionCodec {

    private DistributionCodec() {
    }

    public static String toJson(Distribution d) {
        Map<String, Object> attributes = new LinkedHashMap<>();
        String name;
        if (d instanceof Distribution.FloatRange f) {
            name = "FloatDistribution";
            attributes.put("step", f.step() > 0 ? f.step() : null);
            attributes.put("low", f.low());
            attributes.put("high", f.high());
            attributes.put("log", f.log());
        } else if (d instanceof Distribution.IntRange i) {
            name = "IntDistribution";
            attributes.put("log", i.log());
            attributes.put("step", i.step());
            attributes.put("low", i.low());
            attributes.put("high", i.high());
        } else {
            name = "CategoricalDistribution";
            attributes.put("choices", ((Distribution.Categorical) d).choices());
        }
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("name", name);
        m.put("attributes", attributes);
        return JsonValues.write(m);
    }

    public static Distribution fromJson(String json) {
        if (!(JsonValues.read(json) instanceof Map<?, ?> m)) {
            throw new IllegalArgumentException("stored distribution is not a JSON object: " + json);
        }
        if (m.containsKey("type")) {
            return fromMetatuneV1(m, json);
        }
        if (!(m.get("attributes") instanceof Map<?, ?> a)) {
            throw new IllegalArgumentException("stored distribution has no attributes: " + json);
        }
        Object name = m.get("name");
        if ("FloatDistribution".equals(name)) {
            Object step = a.get("step");
            return new Distribution.FloatRange(num(a, "low"), num(a, "high"), Boolean.TRUE.equals(a.get("log")),
                    step == null ? 0 : ((Number) step).doubleValue());
        }
        if ("IntDistribution".equals(name)) {
            Object step = a.get("step");
            return new Distribution.IntRange((long) num(a, "low"), (long) num(a, "high"),
                    step == null ? 1 : ((Number) step).longValue(), Boolean.TRUE.equals(a.get("log")));
        }
        if ("CategoricalDistribution".equals(name)) {
            return new Distribution.Categorical(castList(a.get("choices")));
        }
        if ("UniformDistribution".equals(name)) {
            return Distribution.FloatRange.linear(num(a, "low"), num(a, "high"));
        }
        if ("LogUniformDistribution".equals(name)) {
            return Distribution.FloatRange.logScale(num(a, "low"), num(a, "high"));
        }
        if ("DiscreteUniformDistribution".equals(name)) {
            return new Distribution.FloatRange(num(a, "low"), num(a, "high"), false, num(a, "q"));
        }
        if ("IntUniformDistribution".equals(name) || "IntLogUniformDistribution".equals(name)) {
            return new Distribution.IntRange((long) num(a, "low"), (long) num(a, "high"),
                    a.get("step") == null ? 1 : ((Number) a.get("step")).longValue(), "IntLogUniformDistribution".equals(name));
        }
        throw new IllegalArgumentException("stored distribution has unknown name '" + name + "': " + json);
    }

    /** The JSON of Metatune's own earlier schema (before it used Optuna's). */
    private static Distribution fromMetatuneV1(Map<?, ?> m, String json) {
        Object type = m.get("type");
        if ("float".equals(type)) {
            return new Distribution.FloatRange(num(m, "low"), num(m, "high"), (Boolean) m.get("log"), num(m, "step"));
        }
        if ("int".equals(type)) {
            return new Distribution.IntRange((long) num(m, "low"), (long) num(m, "high"), (long) num(m, "step"),
                    (Boolean) m.get("log"));
        }
        if ("categorical".equals(type)) {
            return new Distribution.Categorical(castList(m.get("choices")));
        }
        throw new IllegalArgumentException("stored distribution has unknown type '" + type + "': " + json);
    }

    private static double num(Map<?, ?> m, String key) {
        if (!(m.get(key) instanceof Number n)) {
            throw new IllegalArgumentException("stored distribution has no number '" + key + "': " + m);
        }
        return n.doubleValue();
    }

    @SuppressWarnings("unchecked")
    private static List<Object> castList(Object o) {
        return (List<Object>) o;
    }
}
