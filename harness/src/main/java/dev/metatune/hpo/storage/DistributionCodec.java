package dev.metatune.hpo.storage;

import dev.metatune.space.Distribution;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** Distributions as JSON, the form the database schema keeps beside each parameter's internal value. */
public final class DistributionCodec {

    private DistributionCodec() {
    }

    public static String toJson(Distribution d) {
        Map<String, Object> m = new LinkedHashMap<>();
        if (d instanceof Distribution.FloatRange f) {
            m.put("type", "float");
            m.put("low", f.low());
            m.put("high", f.high());
            m.put("log", f.log());
            m.put("step", f.step());
        } else if (d instanceof Distribution.IntRange i) {
            m.put("type", "int");
            m.put("low", i.low());
            m.put("high", i.high());
            m.put("step", i.step());
            m.put("log", i.log());
        } else if (d instanceof Distribution.Categorical c) {
            m.put("type", "categorical");
            m.put("choices", c.choices());
        }
        return JsonValues.write(m);
    }

    public static Distribution fromJson(String json) {
        if (!(JsonValues.read(json) instanceof Map<?, ?> m)) {
            throw new IllegalArgumentException("stored distribution is not a JSON object: " + json);
        }
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
        return ((Number) m.get(key)).doubleValue();
    }

    @SuppressWarnings("unchecked")
    private static List<Object> castList(Object o) {
        return (List<Object>) o;
    }
}
