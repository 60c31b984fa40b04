package dev.metatune.suite;

import java.util.Map;

/**
 * Checks a sampler's or pruner's options by building it, as the HPO engine's
 * {@code SamplerProvider::byName} and {@code PrunerProvider::byName} do; an
 * {@link IllegalArgumentException} says what is wrong, and the loader reports it at the suite's
 * {@code sampler} or {@code pruner} line.
 */
@FunctionalInterface
public interface PluginCheck {

    /** No check beyond the names and option names of the catalog. */
    PluginCheck NONE = (name, seed, options) -> { };

    /** Builds (or otherwise checks) plugin {@code name} with {@code seed} and {@code options}. */
    void check(String name, long seed, Map<String, Object> options);
}
