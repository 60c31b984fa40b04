package dev.metatune.cli;

import dev.metatune.learner.AlgorithmProvider;
import dev.metatune.learner.HyperparameterSpec;
import dev.metatune.learner.Hyperparameters;
import dev.metatune.task.TaskKind;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import picocli.CommandLine.Option;

/**
 * {@code --set name=value} (repeatable): algorithm hyperparameters on top of the paper's defaults.
 * An unknown name lists the algorithm's hyperparameters.
 */
final class HyperparameterOptions {

    @Option(names = {"-P", "--set"}, paramLabel = "NAME=VALUE",
            description = "An algorithm hyperparameter, e.g. --set inner_lr=0.4 (repeatable); "
                    + "'metatune list --hyperparameters' shows them with their defaults.")
    List<String> assignments = List.of();

    /** The algorithm's defaults for {@code kind} with the assignments on top. */
    Hyperparameters resolve(AlgorithmProvider provider, TaskKind kind) {
        Map<String, HyperparameterSpec> known = provider.hyperparameters().stream()
                .collect(Collectors.toMap(HyperparameterSpec::name, s -> s));
        Map<String, Object> overrides = new LinkedHashMap<>();
        for (String assignment : assignments) {
            int eq = assignment.indexOf('=');
            if (eq <= 0 || eq == assignment.length() - 1) {
                throw new IllegalArgumentException("--set takes NAME=VALUE, got '" + assignment + "'");
            }
            String name = assignment.substring(0, eq).trim();
            String text = assignment.substring(eq + 1).trim();
            HyperparameterSpec spec = known.get(name);
            if (spec == null) {
                throw new IllegalArgumentException("--set " + name + ": " + provider.name() + " has no hyperparameter '"
                        + name + "'; it has: " + String.join(", ", known.keySet()));
            }
            overrides.put(name, parse(name, text, spec.defaultValue()));
        }
        return provider.defaults(kind).with(overrides);
    }

    private static Object parse(String name, String text, Object like) {
        try {
            if (like instanceof Boolean) {
                if (!text.equals("true") && !text.equals("false")) {
                    throw new NumberFormatException();
                }
                return Boolean.parseBoolean(text);
            }
            if (like instanceof Integer || like instanceof Long) {
                return Integer.parseInt(text);
            }
            if (like instanceof Number) {
                return Double.parseDouble(text);
            }
            return text;
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException("--set " + name + "=" + text + ": expected "
                    + (like instanceof Boolean ? "true or false" : like instanceof Integer || like instanceof Long
                    ? "a whole number" : "a number") + " like the default " + like);
        }
    }
}
