package dev.metatune.learner;

import dev.metatune.hpo.Distribution;
import java.util.Objects;

/**
 * One hyperparameter an algorithm accepts: its name, the paper's default, the range a sweep may
 * search by default, and one line of documentation.
 */
public record HyperparameterSpec(String name, Object defaultValue, Distribution searchRange, String description) {

    public HyperparameterSpec {
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(defaultValue, "defaultValue");
        Objects.requireNonNull(description, "description");
    }
}
