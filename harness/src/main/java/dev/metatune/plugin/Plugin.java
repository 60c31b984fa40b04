package dev.metatune.plugin;

/**
 * Something found through {@link java.util.ServiceLoader} and chosen by name on the command line or
 * in a suite: an algorithm, a data set, a sampler, a pruner.
 */
public interface Plugin {

    /** The name used on the command line and in suites, e.g. {@code maml} or {@code tpe}. */
    String name();

    /** One line for {@code metatune list}, citing the paper where there is one. */
    String description();
}
