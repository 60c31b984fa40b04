package dev.metatune.data.environment;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.metatune.data.DataException;
import dev.metatune.data.DataOptions;
import dev.metatune.data.Dataset;
import dev.metatune.data.DatasetProvider;
import dev.metatune.data.nav2d.Nav2dFamily;
import dev.metatune.data.pendulum.PendulumFamily;
import dev.metatune.task.EnvironmentFamily;
import dev.metatune.task.EnvironmentTask;
import dev.metatune.task.Episode;
import dev.metatune.task.EpisodeSource;
import dev.metatune.task.TaskKind;
import dev.metatune.task.TaskSpec;
import java.nio.file.Path;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** The reinforcement-learning task families: registered, deterministic from (seed, index), in their documented ranges. */
class EnvironmentDatasetsTest {

    private static Dataset open(String name) {
        Path none = Path.of("no-data-needed");
        return DatasetProvider.registry().get(name).open(new DataOptions(none, none, 0, false));
    }

    @ParameterizedTest
    @ValueSource(strings = {"nav2d", "pendulum"})
    void episodesAreTasksDeterministicFromSeedAndIndexAndSplitsDiffer(String name) {
        Dataset dataset = open(name);
        assertEquals(TaskKind.REINFORCEMENT, dataset.kind());
        TaskSpec spec = new TaskSpec(1, 20, 20);
        EpisodeSource train = dataset.episodes("train", spec, 5);
        Episode e = train.episode(3);
        assertEquals(TaskKind.REINFORCEMENT, e.kind());
        assertNull(e.support());
        assertEquals(e, dataset.episodes("train", spec, 5).episode(3), "same seed and index, same task");
        assertEquals(e.environment(), train.episode(3).environment());
        assertNotEquals(e.environment(), train.episode(4).environment(), "another index, another task");
        assertNotEquals(e.environment(), dataset.episodes("train", spec, 6).episode(3).environment(), "another seed");
        assertNotEquals(e.environment(), dataset.episodes("test", spec, 5).episode(3).environment(), "another split");
        assertEquals(train.exampleShape()[0], e.environment().family().observationSize());
        assertThrows(DataException.class, () -> dataset.episodes("train", new TaskSpec(2, 20, 20), 5));
        assertThrows(DataException.class, () -> dataset.pool("train"));
    }

    @Test
    void nav2dGoalsCoverTheSquareAndRewardsAreMinusTheDistance() {
        EpisodeSource source = open("nav2d").episodes("train", new TaskSpec(1, 1, 1), 1);
        double minX = 1;
        double maxX = -1;
        for (int i = 0; i < 500; i++) {
            double[] goal = source.episode(i).environment().parameters();
            for (double g : goal) {
                assertTrue(g >= -0.5 && g <= 0.5, "goal coordinate " + g);
            }
            minX = Math.min(minX, goal[0]);
            maxX = Math.max(maxX, goal[0]);
        }
        assertTrue(minX < -0.45 && maxX > 0.45, "goals cover [-0.5, 0.5]: " + minX + " .. " + maxX);
        Nav2dFamily nav = new Nav2dFamily();
        assertEquals(100, nav.horizon());
        EnvironmentFamily.Transition t = nav.step(new double[] {0.3, 0.4}, new double[] {0, 0}, new double[] {5, -5});
        assertEquals(0.1, t.state()[0], 1e-12, "actions are clipped to 0.1");
        assertEquals(-0.1, t.state()[1], 1e-12);
        assertEquals(-Math.hypot(0.2, 0.5), t.reward(), 1e-12);
    }

    @Test
    void pendulumParametersLieInTheirRangesAndTheUprightRestIsTheBestState() {
        EpisodeSource source = open("pendulum").episodes("val", new TaskSpec(1, 1, 1), 1);
        for (int i = 0; i < 200; i++) {
            EnvironmentTask task = source.episode(i).environment();
            double[] p = task.parameters();
            assertTrue(p[0] >= PendulumFamily.MIN_MASS && p[0] <= PendulumFamily.MAX_MASS, "mass " + p[0]);
            assertTrue(p[1] >= PendulumFamily.MIN_LENGTH && p[1] <= PendulumFamily.MAX_LENGTH, "length " + p[1]);
        }
        PendulumFamily pendulum = new PendulumFamily();
        double[] params = {1.0, 1.0};
        EnvironmentFamily.Transition upright = pendulum.step(params, new double[] {0, 0}, new double[] {0});
        assertEquals(0.0, upright.reward(), 1e-12);
        EnvironmentFamily.Transition down = pendulum.step(params, new double[] {Math.PI - 1e-9, 0}, new double[] {0});
        assertEquals(-Math.PI * Math.PI, down.reward(), 1e-6, "hanging down costs pi^2");
        EnvironmentFamily.Transition wrapped = pendulum.step(params, new double[] {2 * Math.PI + 0.5, 0}, new double[] {0});
        assertEquals(-0.25, wrapped.reward(), 1e-9, "angles are normalised");
        double[] start = pendulum.initialState(params, new SplittableRandom(3));
        assertTrue(Math.abs(start[0]) <= Math.PI && Math.abs(start[1]) <= 1, "start state in range");
        double[] heavy = pendulum.step(new double[] {2.0, 1.0}, new double[] {0.5, 0}, new double[] {2}).state();
        double[] light = pendulum.step(new double[] {0.5, 1.0}, new double[] {0.5, 0}, new double[] {2}).state();
        assertTrue(light[1] > heavy[1], "the same torque accelerates a lighter pendulum more");
    }
}
