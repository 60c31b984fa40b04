package dev.metatune.suite;

import java.util.Map;
import java.util.Objects;
import java.util.TreeMap;

/**
 * The sampler of every study: a registered sampler name ({@code random}, {@code grid},
 * {@code sobol}, {@code tpe}, {@code cmaes}, ...), its seed and its options: scalars, or lists and
 * mappings of them (the grid sampler's {@code search_space}), as the HPO engine's
 * {@code SamplerProvider} takes them.
 */
public record SamplerSpec(String name, long seed, Map<String, Object> options) {

    public SamplerSpec {
        Objects.requireNonNull(name, "name");
        options = java.util.Collections.unmodifiableMap(new TreeMap<>(options));
    }
}
