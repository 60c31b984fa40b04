package dev.metatune.suite;

import dev.metatune.learner.AlgorithmProvider;
import dev.metatune.learner.HyperparameterSpec;
import dev.metatune.task.TaskKind;
import java.util.EnumSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;

/**
 * What a suite needs to know about one algorithm to check its entry: the task kinds it learns and
 * its hyperparameters (names, defaults and declared domains).
 */
public record AlgorithmSchema(String name, Set<TaskKind> kinds, List<HyperparameterSpec> hyperparameters) {

    public AlgorithmSchema {
        Objects.requireNonNull(name, "name");
        kinds = kinds.isEmpty() ? Set.of() : Set.copyOf(EnumSet.copyOf(kinds));
        hyperparameters = List.copyOf(hyperparameters);
    }

    /** The schema of a registered algorithm. */
    public static AlgorithmSchema of(AlgorithmProvider provider) {
        return new AlgorithmSchema(provider.name(), provider.supportedKinds(), provider.hyperparameters());
    }

    /** The hyperparameters by name, in declaration order. */
    public Map<String, HyperparameterSpec> byName() {
        Map<String, HyperparameterSpec> out = new LinkedHashMap<>();
        for (HyperparameterSpec spec : hyperparameters) {
            out.put(spec.name(), spec);
        }
        return out;
    }
}
