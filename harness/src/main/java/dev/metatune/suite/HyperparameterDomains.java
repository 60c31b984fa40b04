package dev.metatune.suite;

import dev.metatune.learner.HyperparameterSpec;
import dev.metatune.space.Distribution;

/**
 * Checks a suite's values against the domain an algorithm declares for each hyperparameter
 * ({@link HyperparameterSpec#domain()}): fixed and enqueued values must lie in it, and a search
 * range must produce nothing outside it. The domain is declared by the algorithm, never inferred
 * from the Java class of its default. YAML integers arrive as {@code Long} and floats as
 * {@code Double}; the domains compare numbers by value where their type allows.
 */
final class HyperparameterDomains {

    private HyperparameterDomains() {
    }

    /** Fails at {@code v} when {@code value} is outside the domain of {@code spec}. */
    static void checkValue(YamlValue v, HyperparameterSpec spec, Object value) {
        if (!spec.domain().contains(value)) {
            throw v.error("value '" + v.show() + "' (" + v.kind() + ") is outside the domain of '" + spec.name()
                    + "'; allowed: " + spec.domain().describe());
        }
    }

    /** Fails at {@code v} when {@code range} can produce a value outside the domain of {@code spec}. */
    static void checkRange(YamlValue v, HyperparameterSpec spec, Distribution range) {
        spec.domain().checkRange(range).ifPresent(why -> {
            throw v.error("value '" + v.show() + "' does not fit the domain of '" + spec.name() + "': " + why);
        });
    }
}
