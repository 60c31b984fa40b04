package dev.metatune.hpo.bench;

import dev.metatune.space.Distribution;
import dev.metatune.hpo.Trial;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The functions of the HPO benchmark: Branin and Hartmann-6 (Dixon and Szego 1978, the standard
 * Bayesian-optimisation test functions; constants from Surjanovic and Bingham's library of
 * simulation experiments), a 5-dimensional quadratic in log10 space over [1e-5, 1] (how learning
 * rates and weight decays behave), and a mixed function of one categorical and two floats.
 */
public final class BenchmarkFunctions {

    private BenchmarkFunctions() {
    }

    public static List<BenchmarkFunction> all() {
        return List.of(branin(), hartmann6(), logQuadratic5(), mixed());
    }

    /** Looks a function up by name; an {@link IllegalArgumentException} lists the known names. */
    public static BenchmarkFunction byName(String name) {
        return all().stream().filter(f -> f.name().equals(name)).findFirst().orElseThrow(() ->
                new IllegalArgumentException("unknown benchmark function '" + name + "'; known: "
                        + String.join(", ", all().stream().map(BenchmarkFunction::name).toList())));
    }

    private record Fn(String name, double minimum, boolean continuous, Map<String, Distribution> space,
            java.util.function.Function<Map<String, Object>, Double> f) implements BenchmarkFunction {
        @Override
        public double evaluate(Trial trial) {
            Map<String, Object> x = new LinkedHashMap<>();
            space.forEach((k, d) -> x.put(k, trial.suggest(k, d)));
            return f.apply(x);
        }
    }

    private static double num(Map<String, Object> x, String k) {
        return ((Number) x.get(k)).doubleValue();
    }

    /** Branin on [-5, 10] x [0, 15]; minimum 0.397887 at three points. */
    public static BenchmarkFunction branin() {
        Map<String, Distribution> space = new LinkedHashMap<>();
        space.put("x1", Distribution.FloatRange.linear(-5, 10));
        space.put("x2", Distribution.FloatRange.linear(0, 15));
        return new Fn("branin", 0.397887, true, space, x -> branin(num(x, "x1"), num(x, "x2")));
    }

    static double branin(double x1, double x2) {
        double b = 5.1 / (4 * Math.PI * Math.PI);
        double c = 5 / Math.PI;
        double t = 1 / (8 * Math.PI);
        double u = x2 - b * x1 * x1 + c * x1 - 6;
        return u * u + 10 * (1 - t) * Math.cos(x1) + 10;
    }

    private static final double[] ALPHA = {1.0, 1.2, 3.0, 3.2};
    private static final double[][] A = {
        {10, 3, 17, 3.5, 1.7, 8}, {0.05, 10, 17, 0.1, 8, 14}, {3, 3.5, 1.7, 10, 17, 8}, {17, 8, 0.05, 10, 0.1, 14}};
    private static final double[][] P = {
        {0.1312, 0.1696, 0.5569, 0.0124, 0.8283, 0.5886}, {0.2329, 0.4135, 0.8307, 0.3736, 0.1004, 0.9991},
        {0.2348, 0.1451, 0.3522, 0.2883, 0.3047, 0.6650}, {0.4047, 0.8828, 0.8732, 0.5743, 0.1091, 0.0381}};

    /** Hartmann-6 on [0, 1]^6; minimum -3.32237. */
    public static BenchmarkFunction hartmann6() {
        Map<String, Distribution> space = new LinkedHashMap<>();
        for (int i = 1; i <= 6; i++) {
            space.put("x" + i, Distribution.FloatRange.linear(0, 1));
        }
        return new Fn("hartmann6", -3.32237, true, space, x -> {
            double[] v = new double[6];
            for (int i = 0; i < 6; i++) {
                v[i] = num(x, "x" + (i + 1));
            }
            return hartmann6(v);
        });
    }

    static double hartmann6(double[] x) {
        double sum = 0;
        for (int i = 0; i < 4; i++) {
            double inner = 0;
            for (int j = 0; j < 6; j++) {
                inner += A[i][j] * (x[j] - P[i][j]) * (x[j] - P[i][j]);
            }
            sum += ALPHA[i] * Math.exp(-inner);
        }
        return -sum;
    }

    private static final double[] LOG_OPTIMUM = {1e-4, 1e-3, 3e-3, 3e-2, 0.2};

    /** sum_i (log10 x_i - log10 c_i)^2 over x_i in [1e-5, 1] on a log scale; minimum 0. */
    public static BenchmarkFunction logQuadratic5() {
        Map<String, Distribution> space = new LinkedHashMap<>();
        for (int i = 1; i <= 5; i++) {
            space.put("x" + i, Distribution.FloatRange.logScale(1e-5, 1));
        }
        return new Fn("log-quadratic-5d", 0.0, true, space, x -> {
            double s = 0;
            for (int i = 0; i < 5; i++) {
                double d = Math.log10(num(x, "x" + (i + 1))) - Math.log10(LOG_OPTIMUM[i]);
                s += d * d;
            }
            return s;
        });
    }

    private static final Map<String, Double> OFFSETS = Map.of("relu", 0.0, "tanh", 0.3, "sigmoid", 0.6, "linear", 1.0);

    /** An activation (categorical, offsets 0 to 1) plus a quadratic in two floats; minimum 0 at relu, x = 1, y = 7. */
    public static BenchmarkFunction mixed() {
        Map<String, Distribution> space = new LinkedHashMap<>();
        space.put("activation", new Distribution.Categorical(List.of("linear", "sigmoid", "tanh", "relu")));
        space.put("x", Distribution.FloatRange.linear(-5, 5));
        space.put("y", Distribution.FloatRange.linear(0, 10));
        return new Fn("mixed-categorical", 0.0, false, space, x -> {
            double dx = (num(x, "x") - 1) / 5;
            double dy = (num(x, "y") - 7) / 5;
            return OFFSETS.get((String) x.get("activation")) + dx * dx + dy * dy;
        });
    }
}
