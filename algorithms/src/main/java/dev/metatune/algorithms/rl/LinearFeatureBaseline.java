package dev.metatune.algorithms.rl;

/**
 * The linear feature baseline of rllab (Duan et al., "Benchmarking Deep Reinforcement Learning for
 * Continuous Control", ICML 2016), which Finn, Abbeel and Levine (ICML 2017, section 5.3) use for
 * the inner policy gradient: the discounted return-to-go of a step is regressed (ridge, 1e-5,
 * raised tenfold until the system is solvable) on the features [o, o^2, t/100, (t/100)^2,
 * (t/100)^3, 1] of its observation o (clipped to [-10, 10]) and time t, fitted on one task's
 * trajectories; the advantage is the return minus the fit, then centred and scaled to unit
 * standard deviation over the task's steps (rllab's {@code center_adv}). Plain Java on the host:
 * the few numbers it needs are read once per rollout.
 */
public final class LinearFeatureBaseline {

    private static final double CLIP = 10;

    private LinearFeatureBaseline() {
    }

    /**
     * The normalised advantages of {@code trajectories} trajectories of {@code horizon} steps, laid
     * out time-major like the rollout: value [t][j] at index t * trajectories + j, for observations
     * (obsSize values each, same layout) and rewards.
     */
    public static float[] advantages(float[] observations, float[] rewards, int horizon, int trajectories, int obsSize,
                                     double discount) {
        int rows = horizon * trajectories;
        double[] returns = new double[rows];
        for (int j = 0; j < trajectories; j++) {
            double g = 0;
            for (int t = horizon - 1; t >= 0; t--) {
                g = rewards[t * trajectories + j] + discount * g;
                returns[t * trajectories + j] = g;
            }
        }
        int f = 2 * obsSize + 4;
        double[][] features = new double[rows][f];
        for (int t = 0; t < horizon; t++) {
            double time = t / 100.0;
            for (int j = 0; j < trajectories; j++) {
                int row = t * trajectories + j;
                double[] x = features[row];
                for (int k = 0; k < obsSize; k++) {
                    double o = Math.max(-CLIP, Math.min(CLIP, observations[row * obsSize + k]));
                    x[k] = o;
                    x[obsSize + k] = o * o;
                }
                x[2 * obsSize] = time;
                x[2 * obsSize + 1] = time * time;
                x[2 * obsSize + 2] = time * time * time;
                x[2 * obsSize + 3] = 1;
            }
        }
        double[] weights = fit(features, returns);
        double[] advantages = new double[rows];
        double mean = 0;
        for (int r = 0; r < rows; r++) {
            double prediction = 0;
            for (int k = 0; k < f; k++) {
                prediction += features[r][k] * weights[k];
            }
            advantages[r] = returns[r] - prediction;
            mean += advantages[r];
        }
        mean /= rows;
        double variance = 0;
        for (double a : advantages) {
            variance += (a - mean) * (a - mean);
        }
        double std = Math.sqrt(variance / rows);
        float[] out = new float[rows];
        for (int r = 0; r < rows; r++) {
            out[r] = (float) ((advantages[r] - mean) / (std + 1e-8));
        }
        return out;
    }

    /** Ridge regression weights, the regulariser raised tenfold until the solution is finite. */
    static double[] fit(double[][] features, double[] targets) {
        int f = features[0].length;
        double[][] gram = new double[f][f];
        double[] rhs = new double[f];
        for (int r = 0; r < features.length; r++) {
            double[] x = features[r];
            for (int a = 0; a < f; a++) {
                rhs[a] += x[a] * targets[r];
                for (int b = 0; b < f; b++) {
                    gram[a][b] += x[a] * x[b];
                }
            }
        }
        double reg = 1e-5;
        for (int attempt = 0; attempt < 5; attempt++, reg *= 10) {
            double[] w = solve(gram, rhs, reg);
            if (w != null) {
                return w;
            }
        }
        return new double[f];
    }

    /** (gram + reg I) w = rhs by Gaussian elimination with partial pivoting; null when singular or not finite. */
    private static double[] solve(double[][] gram, double[] rhs, double reg) {
        int n = rhs.length;
        double[][] a = new double[n][n + 1];
        for (int i = 0; i < n; i++) {
            System.arraycopy(gram[i], 0, a[i], 0, n);
            a[i][i] += reg;
            a[i][n] = rhs[i];
        }
        for (int c = 0; c < n; c++) {
            int pivot = c;
            for (int r = c + 1; r < n; r++) {
                if (Math.abs(a[r][c]) > Math.abs(a[pivot][c])) {
                    pivot = r;
                }
            }
            if (Math.abs(a[pivot][c]) < 1e-300) {
                return null;
            }
            double[] tmp = a[c];
            a[c] = a[pivot];
            a[pivot] = tmp;
            for (int r = c + 1; r < n; r++) {
                double factor = a[r][c] / a[c][c];
                for (int k = c; k <= n; k++) {
                    a[r][k] -= factor * a[c][k];
                }
            }
        }
        double[] w = new double[n];
        for (int i = n - 1; i >= 0; i--) {
            double s = a[i][n];
            for (int k = i + 1; k < n; k++) {
                s -= a[i][k] * w[k];
            }
            w[i] = s / a[i][i];
            if (!Double.isFinite(w[i])) {
                return null;
            }
        }
        return w;
    }
}
