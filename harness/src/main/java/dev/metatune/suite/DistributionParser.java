package dev.metatune.suite;

import dev.metatune.space.Distribution;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;

/**
 * Reads one search distribution: {@code {float: [lo, hi], log: true, step: s}},
 * {@code {int: [lo, hi], step: s, log: false}} or {@code {choice: [a, b, c]}}.
 */
final class DistributionParser {

    static final Set<String> KEYS = Set.of("float", "int", "choice", "log", "step");
    static final String FORMS = "{float: [low, high], log: bool, step: s}, {int: [low, high], step: s, log: bool}"
            + " or {choice: [a, b, ...]}";

    private DistributionParser() {
    }

    static Distribution parse(YamlValue v) {
        if (!(v.node() instanceof org.yaml.snakeyaml.nodes.MappingNode)) {
            throw v.error((v.isNull() ? "has no value" : "value '" + v.show() + "' is " + v.kind())
                    + "; allowed: " + FORMS + " (to hold a value constant, put it under 'fixed')");
        }
        YamlMapping m = v.mapping(KEYS);
        List<String> forms = new ArrayList<>();
        for (String form : List.of("float", "int", "choice")) {
            if (m.get(form).isPresent()) {
                forms.add(form);
            }
        }
        if (forms.size() != 1) {
            throw v.error((forms.isEmpty() ? "gives none of float, int, choice" : "gives both " + String.join(" and ", forms))
                    + "; allowed: exactly one of " + FORMS);
        }
        String form = forms.get(0);
        if (form.equals("choice")) {
            for (String k : List.of("log", "step")) {
                if (m.get(k).isPresent()) {
                    YamlValue bad = m.get(k).get();
                    throw bad.error("'" + k + "' does not apply to a choice; allowed: {choice: [a, b, ...]} alone");
                }
            }
            return choice(m.require("choice"));
        }
        boolean log = m.get("log").map(YamlValue::bool).orElse(false);
        List<YamlValue> bounds = m.require(form).sequence("two bounds [low, high]");
        if (bounds.size() != 2) {
            throw m.require(form).error("has " + bounds.size() + " bounds; allowed: exactly two, [low, high]");
        }
        YamlValue range = m.require(form);
        if (form.equals("float")) {
            double low = bounds.get(0).number();
            double high = bounds.get(1).number();
            double step = m.get("step").map(YamlValue::number).orElse(0.0);
            checkRange(range, low, high, log, log ? "low > 0 for a log range" : null);
            if (step < 0 || (step > 0 && log)) {
                YamlValue s = m.require("step");
                throw s.invalid(step < 0 ? "is negative" : "is combined with log: true",
                        "a step > 0 without log, or no step (continuous)");
            }
            return new Distribution.FloatRange(low, high, log, step);
        }
        long low = bounds.get(0).integer();
        long high = bounds.get(1).integer();
        long step = m.get("step").map(YamlValue::integer).orElse(1L);
        checkRange(range, low, high, log, log ? "low >= 1 for a log range" : null);
        if (log && low < 1) {
            throw range.invalid("has low " + low + " with log: true", "low >= 1 for a log int range");
        }
        if (step < 1 || (step > 1 && log)) {
            YamlValue s = m.require("step");
            throw s.invalid(step < 1 ? "is below 1" : "is combined with log: true", "an integer step >= 1; step 1 with log");
        }
        return new Distribution.IntRange(low, high, step, log);
    }

    private static void checkRange(YamlValue range, double low, double high, boolean log, String logRule) {
        if (low > high) {
            throw range.invalid("has low > high", "[low, high] with low <= high");
        }
        if (log && low <= 0) {
            throw range.invalid("has low " + low + " with log: true", logRule);
        }
    }

    private static Distribution choice(YamlValue v) {
        List<Object> choices = new ArrayList<>();
        for (YamlValue c : v.nonEmptySequence("choices")) {
            Object value = c.scalar("a number, string or boolean");
            if (choices.contains(value)) {
                throw c.invalid("is listed twice", "distinct choices");
            }
            choices.add(value);
        }
        return new Distribution.Categorical(choices);
    }
}
