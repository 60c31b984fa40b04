package dev.metatune.hpo;

/**
 * What a study optimises: draws its parameters from the trial, may report intermediate values and
 * throw {@link TrialPrunedException}, and returns the value. Any other exception marks the trial
 * {@link TrialState#FAIL} with its message, and the study goes on.
 */
@FunctionalInterface
public interface Objective {

    double evaluate(Trial trial) throws Exception;
}
