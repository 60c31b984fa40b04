package dev.metatune.task;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import java.util.List;
import java.util.SplittableRandom;

/**
 * A distribution over environments that share their dynamics and differ in a few parameters (a
 * goal, a mass, a length): the task distribution of meta-reinforcement learning (Finn, Abbeel and
 * Levine, ICML 2017, section 5.3). The dynamics are written twice, in plain Java for one agent (the
 * reference) and on tensors for a whole batch of agents of different tasks stepped together on a
 * learner's device; a test checks that both agree. Implementations are immutable and hold no
 * tensors; the batched methods put their results in the inputs' manager.
 *
 * <p>States, observations and parameters are rows of doubles (float32 tensors on the device);
 * every episode has exactly {@link #horizon()} steps, and actions are clipped to
 * [-{@link #actionBound()}, {@link #actionBound()}] per coordinate before they act.
 */
public interface EnvironmentFamily {

    /** The registered name of the family, e.g. {@code nav2d}. */
    String name();

    /** Values in one state. */
    int stateSize();

    /** Values in one observation (what the policy sees). */
    int observationSize();

    /** Values in one action. */
    int actionSize();

    /** Steps in every episode. */
    int horizon();

    /** Actions are clipped to [-bound, bound] in every coordinate. */
    double actionBound();

    /** The names of the task parameters, in the order of {@link #sampleParameters}. */
    List<String> parameterNames();

    /** One task's parameters, drawn from the family's distribution. */
    double[] sampleParameters(SplittableRandom random);

    /** The state an episode starts in (may be random, from {@code random} only). */
    double[] initialState(double[] parameters, SplittableRandom random);

    /** What the policy observes in {@code state}. */
    double[] observation(double[] state);

    /** One step of one agent: the action is clipped first. */
    Transition step(double[] parameters, double[] state, double[] action);

    /** The next state and the reward of one step. */
    record Transition(double[] state, double reward) {
    }

    /** Observations of a batch of states: [rows, stateSize] to [rows, observationSize]. */
    NDArray observations(NDArray states);

    /**
     * One step of a batch of agents, row i in the task of parameters row i: {@code parameters}
     * [rows, parameterCount], {@code states} [rows, stateSize], {@code actions} [rows, actionSize]
     * (clipped here). Returns the next states [rows, stateSize] and the rewards [rows].
     */
    NDList step(NDArray parameters, NDArray states, NDArray actions);
}
