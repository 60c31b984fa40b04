package dev.metatune.suite;

import java.util.Map;
import java.util.Objects;
import java.util.TreeMap;

/**
 * The pruner of every study: a registered pruner name ({@code nop}, {@code median},
 * {@code percentile}, {@code asha}, {@code hyperband}, {@code wilcoxon}, ...) and its options,
 * scalars the HPO engine checks when it builds the pruner, before any trial runs.
 */
public record PrunerSpec(String name, Map<String, Object> options) {

    public PrunerSpec {
        Objects.requireNonNull(name, "name");
        options = java.util.Collections.unmodifiableMap(new TreeMap<>(options));
    }
}
