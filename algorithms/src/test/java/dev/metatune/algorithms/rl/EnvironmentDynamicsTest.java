package dev.metatune.algorithms.rl;

import static org.junit.jupiter.api.Assertions.assertEquals;

import ai.djl.Device;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;
import dev.metatune.data.nav2d.Nav2dFamily;
import dev.metatune.data.pendulum.PendulumFamily;
import dev.metatune.task.EnvironmentFamily;
import java.util.SplittableRandom;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * The batched tensor dynamics of every environment family agree with its plain-Java reference: many
 * agents of different tasks, with random (often out-of-bound) actions, stepped together for a whole
 * episode give the states, observations and rewards of stepping each agent alone.
 */
class EnvironmentDynamicsTest {

    static Stream<EnvironmentFamily> families() {
        return Stream.of(new Nav2dFamily(), new PendulumFamily());
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("families")
    void batchedStepsEqualTheJavaReference(EnvironmentFamily family) {
        int rows = 16;
        int s = family.stateSize();
        int a = family.actionSize();
        int p = family.parameterNames().size();
        int o = family.observationSize();
        SplittableRandom random = new SplittableRandom(9);
        double[][] params = new double[rows][];
        double[][] states = new double[rows][];
        float[] paramsFlat = new float[rows * p];
        float[] statesFlat = new float[rows * s];
        for (int r = 0; r < rows; r++) {
            params[r] = family.sampleParameters(random);
            states[r] = family.initialState(params[r], random);
            for (int k = 0; k < p; k++) {
                params[r][k] = (float) params[r][k];
                paramsFlat[r * p + k] = (float) params[r][k];
            }
            for (int k = 0; k < s; k++) {
                states[r][k] = (float) states[r][k];
                statesFlat[r * s + k] = (float) states[r][k];
            }
        }
        try (NDManager manager = NDManager.newBaseManager(Device.cpu(), "PyTorch")) {
            NDArray envParams = manager.create(paramsFlat, new Shape(rows, p));
            NDArray batch = manager.create(statesFlat, new Shape(rows, s));
            for (int t = 0; t < family.horizon(); t++) {
                float[] actionsFlat = new float[rows * a];
                double[][] actions = new double[rows][a];
                for (int r = 0; r < rows; r++) {
                    for (int k = 0; k < a; k++) {
                        actions[r][k] = (float) (random.nextGaussian() * 2 * family.actionBound());
                        actionsFlat[r * a + k] = (float) actions[r][k];
                    }
                }
                float[] observed = family.observations(batch).toFloatArray();
                NDList next = family.step(envParams, batch, manager.create(actionsFlat, new Shape(rows, a)));
                float[] nextStates = next.get(0).toFloatArray();
                float[] rewards = next.get(1).toFloatArray();
                for (int r = 0; r < rows; r++) {
                    double[] obs = family.observation(states[r]);
                    for (int k = 0; k < o; k++) {
                        assertEquals(obs[k], observed[r * o + k], 1e-4, family.name() + " observation, step " + t);
                    }
                    EnvironmentFamily.Transition reference = family.step(params[r], states[r], actions[r]);
                    assertEquals(reference.reward(), rewards[r], 1e-3 * Math.max(1, Math.abs(reference.reward())),
                            family.name() + " reward, step " + t + ", row " + r);
                    for (int k = 0; k < s; k++) {
                        assertEquals(reference.state()[k], nextStates[r * s + k], 1e-3 * Math.max(1, Math.abs(reference.state()[k])),
                                family.name() + " state, step " + t + ", row " + r);
                    }
                    // continue from the batched (float32) state so rounding does not accumulate
                    for (int k = 0; k < s; k++) {
                        states[r][k] = nextStates[r * s + k];
                    }
                }
                batch = next.get(0);
            }
        }
    }
}
