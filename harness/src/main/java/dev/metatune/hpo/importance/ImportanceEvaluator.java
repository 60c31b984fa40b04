package dev.metatune.hpo.importance;

import java.util.Map;

/** A way to tell how much each searched parameter of a study matters, like Optuna's importance evaluators. */
public interface ImportanceEvaluator {

    /** A short name for tables and legends, e.g. {@code "fANOVA"}. */
    String name();

    /**
     * The importance of each parameter of {@code trials}, normalised to sum to one (all NaN when
     * the trials cannot tell the parameters apart), in the order of {@link ImportanceInput#names()}.
     */
    Map<String, Double> evaluate(ImportanceInput trials);
}
