package dev.metatune.learner;

import dev.metatune.space.Distribution;
import dev.metatune.space.Domain;
import java.util.Objects;

/**
 * One hyperparameter an algorithm accepts: its name, the values it may take at all (its type and
 * bounds, declared, never inferred from the default's Java class), the paper's default, the range a
 * sweep searches by default, and one line of documentation. The default and the search range must
 * lie in the domain; a suite's values are checked against the domain before anything runs.
 */
public record HyperparameterSpec(String name, Domain domain, Object defaultValue, Distribution searchRange,
                                 String description) {

    public HyperparameterSpec {
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(domain, "domain of " + name);
        Objects.requireNonNull(defaultValue, "defaultValue of " + name);
        Objects.requireNonNull(description, "description of " + name);
        if (!domain.contains(defaultValue)) {
            throw new IllegalArgumentException("hyperparameter '" + name + "': default " + defaultValue
                    + " is outside its domain, " + domain.describe());
        }
        if (searchRange != null) {
            domain.checkRange(searchRange).ifPresent(why -> {
                throw new IllegalArgumentException("hyperparameter '" + name + "': default search range " + searchRange
                        + " does not fit: " + why);
            });
        }
    }
}
