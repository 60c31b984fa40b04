package dev.metatune.algorithms.testing;

import java.util.SplittableRandom;
import java.util.function.Consumer;
import java.util.function.DoubleSupplier;

/**
 * Central finite differences of a scalar function of parameter tensors, compared with a computed
 * gradient (and, as a negative control, with an approximation that must be far off), over a few
 * seeded coordinates of every tensor (all of a small one), in float64.
 */
public final class FiniteDifferences {

    /** Largest relative errors (|g - numeric| / max(1, |numeric|)) and where the computed one was worst. */
    public record Result(double worst, double worstControl, int checked, String worstAt) {
    }

    private FiniteDifferences() {
    }

    /**
     * Compares {@code gradient} (and {@code control}, may be null) with (f(x + h) - f(x - h)) / 2h at
     * {@code perTensor} coordinates of every tensor of {@code theta}; {@code set} writes parameter
     * values, {@code loss} evaluates f at the values last written. Restores {@code theta} at the end.
     */
    public static Result check(double[][] theta, double[][] gradient, double[][] control, Consumer<double[][]> set,
                               DoubleSupplier loss, double h, int perTensor, long seed) {
        double worst = 0;
        double worstControl = 0;
        int checked = 0;
        String worstAt = "";
        SplittableRandom pick = new SplittableRandom(seed);
        for (int i = 0; i < theta.length; i++) {
            for (int c = 0; c < Math.min(perTensor, theta[i].length); c++) {
                int j = theta[i].length <= perTensor ? c : pick.nextInt(theta[i].length);
                double saved = theta[i][j];
                theta[i][j] = saved + h;
                set.accept(theta);
                double plus = loss.getAsDouble();
                theta[i][j] = saved - h;
                set.accept(theta);
                double minus = loss.getAsDouble();
                theta[i][j] = saved;
                double numeric = (plus - minus) / (2 * h);
                double scale = Math.max(1.0, Math.abs(numeric));
                double err = Math.abs(gradient[i][j] - numeric) / scale;
                if (err > worst) {
                    worst = err;
                    worstAt = "tensor " + i + "[" + j + "]: computed " + gradient[i][j] + ", numeric " + numeric;
                }
                if (control != null) {
                    worstControl = Math.max(worstControl, Math.abs(control[i][j] - numeric) / scale);
                }
                checked++;
            }
        }
        set.accept(theta);
        return new Result(worst, worstControl, checked, worstAt);
    }
}
