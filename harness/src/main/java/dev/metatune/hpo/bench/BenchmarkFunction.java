package dev.metatune.hpo.bench;

import dev.metatune.space.Distribution;
import dev.metatune.hpo.Trial;
import java.util.Map;

/** A test function with a known minimum, that draws its own parameters from a trial. */
public interface BenchmarkFunction {

    String name();

    /** The global minimum. */
    double minimum();

    /** Whether every parameter is continuous (the functions on which TPE must beat random). */
    boolean continuous();

    /** The search space, by parameter name. */
    Map<String, Distribution> space();

    /** The function's value at the trial's parameters (suggested from {@link #space()}). */
    double evaluate(Trial trial);
}
