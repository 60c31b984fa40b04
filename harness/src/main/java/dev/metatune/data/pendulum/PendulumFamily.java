package dev.metatune.data.pendulum;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import dev.metatune.task.EnvironmentFamily;
import java.util.List;
import java.util.SplittableRandom;

/**
 * Swing-up of a pendulum whose physics vary between tasks: the dynamics and reward of the classic
 * control task (Gym's {@code Pendulum}: a rod of mass m and length l under gravity g = 10, torque
 * clipped to [-2, 2], angular velocity clipped to [-8, 8], time step 0.05 s, reward
 * -(angle^2 + 0.1 velocity^2 + 0.001 torque^2) with the angle normalised to [-pi, pi), 0 upright),
 * with each task drawing its mass uniformly from [0.5, 2.0] and its length from [0.5, 1.5]; episodes
 * last 100 steps (5 s; Gym uses 200) and start at an angle uniform in [-pi, pi) and a velocity
 * uniform in [-1, 1]. The policy observes (cos angle, sin angle, velocity), not the mass or length.
 */
public final class PendulumFamily implements EnvironmentFamily {

    /** The registered name. */
    public static final String NAME = "pendulum";
    public static final double MIN_MASS = 0.5;
    public static final double MAX_MASS = 2.0;
    public static final double MIN_LENGTH = 0.5;
    public static final double MAX_LENGTH = 1.5;
    public static final double GRAVITY = 10.0;
    public static final double DT = 0.05;
    public static final double MAX_TORQUE = 2.0;
    public static final double MAX_SPEED = 8.0;
    public static final int HORIZON = 100;

    @Override
    public String name() {
        return NAME;
    }

    @Override
    public int stateSize() {
        return 2;
    }

    @Override
    public int observationSize() {
        return 3;
    }

    @Override
    public int actionSize() {
        return 1;
    }

    @Override
    public int horizon() {
        return HORIZON;
    }

    @Override
    public double actionBound() {
        return MAX_TORQUE;
    }

    @Override
    public List<String> parameterNames() {
        return List.of("mass", "length");
    }

    @Override
    public double[] sampleParameters(SplittableRandom random) {
        return new double[] {random.nextDouble(MIN_MASS, MAX_MASS), random.nextDouble(MIN_LENGTH, MAX_LENGTH)};
    }

    @Override
    public double[] initialState(double[] parameters, SplittableRandom random) {
        return new double[] {random.nextDouble(-Math.PI, Math.PI), random.nextDouble(-1, 1)};
    }

    @Override
    public double[] observation(double[] state) {
        return new double[] {Math.cos(state[0]), Math.sin(state[0]), state[1]};
    }

    @Override
    public Transition step(double[] parameters, double[] state, double[] action) {
        double m = parameters[0];
        double l = parameters[1];
        double th = state[0];
        double thdot = state[1];
        double u = Math.max(-MAX_TORQUE, Math.min(MAX_TORQUE, action[0]));
        double angle = th - 2 * Math.PI * Math.floor((th + Math.PI) / (2 * Math.PI));
        double cost = angle * angle + 0.1 * thdot * thdot + 0.001 * u * u;
        double next = thdot + (3 * GRAVITY / (2 * l) * Math.sin(th) + 3.0 / (m * l * l) * u) * DT;
        next = Math.max(-MAX_SPEED, Math.min(MAX_SPEED, next));
        return new Transition(new double[] {th + next * DT, next}, -cost);
    }

    @Override
    public NDArray observations(NDArray states) {
        NDArray th = states.get(":, 0:1");
        return th.cos().concat(th.sin(), 1).concat(states.get(":, 1:2"), 1);
    }

    @Override
    public NDList step(NDArray parameters, NDArray states, NDArray actions) {
        NDArray m = parameters.get(":, 0");
        NDArray l = parameters.get(":, 1");
        NDArray th = states.get(":, 0");
        NDArray thdot = states.get(":, 1");
        NDArray u = actions.get(":, 0").clip(-MAX_TORQUE, MAX_TORQUE);
        NDArray angle = th.sub(th.add(Math.PI).div(2 * Math.PI).floor().mul(2 * Math.PI));
        NDArray cost = angle.square().add(thdot.square().mul(0.1)).add(u.square().mul(0.001));
        NDArray accel = th.sin().mul(3 * GRAVITY / 2).div(l).add(u.mul(3.0).div(m.mul(l.square())));
        NDArray next = thdot.add(accel.mul(DT)).clip(-MAX_SPEED, MAX_SPEED);
        NDArray nextStates = th.add(next.mul(DT)).stack(next, 1);
        return new NDList(nextStates, cost.neg());
    }
}
