package dev.metatune.learner;

import dev.metatune.task.Episode;
import java.util.List;

/**
 * A meta-learner of reinforcement-learning tasks ({@link dev.metatune.task.TaskKind#REINFORCEMENT}):
 * instead of predicting query examples it collects trajectories in each task's environment, adapts
 * its policy with them, and reports the average return of the query trajectories after each
 * adaptation step, the measure of Finn, Abbeel and Levine (ICML 2017, section 5.3, figure 4).
 * {@link MetaLearner#adapt} does not apply and throws {@link UnsupportedOperationException}.
 */
public interface ReinforcementLearner extends MetaLearner {

    /** The adaptation steps at test time whose return is the learner's headline score. */
    int testAdaptationSteps();

    /**
     * For every task, the average (undiscounted) return of its query trajectories with the policy
     * after 0, 1, ..., {@code steps} adaptation steps from the meta-learned state, which is left
     * unchanged: element [k][i] is task i after k steps. The tasks' rollouts are stepped together;
     * the numbers depend only on the learner's state and the tasks (their rollout seeds).
     */
    double[][] adaptationReturns(List<Episode> tasks, int steps);
}
