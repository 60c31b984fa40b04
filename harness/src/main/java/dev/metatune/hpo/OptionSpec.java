package dev.metatune.hpo;

/**
 * One option a sampler or pruner takes, as {@code metatune list} and the suite checks show it.
 *
 * @param name        the option's name in a suite file, e.g. {@code n_startup_trials}
 * @param type        what it takes, e.g. {@code integer >= 0}, {@code number}, {@code true/false}
 * @param description what it does, with its default
 */
public record OptionSpec(String name, String type, String description) {

    public OptionSpec {
        if (name == null || name.isBlank()) {
            throw new IllegalArgumentException("option name must not be blank, got '" + name + "'");
        }
        if (type == null || type.isBlank()) {
            throw new IllegalArgumentException("option '" + name + "' needs a type, got '" + type + "'");
        }
        if (description == null) {
            throw new IllegalArgumentException("option '" + name + "' needs a description, got null");
        }
    }
}
