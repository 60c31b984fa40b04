package dev.metatune.hpo.importance;

import dev.metatune.hpo.sampler.ParzenEstimator;
import dev.metatune.space.Distribution;
import java.util.Arrays;
import java.util.Map;
import java.util.TreeSet;

/**
 * PED-ANOVA (Watanabe, Bansal and Hutter 2023, "PED-ANOVA: efficiently quantifying hyperparameter
 * importance in arbitrary subspaces"): the importance of a parameter is the Pearson divergence
 * {@code sum_x p_local(x) (p_top(x) / p_local(x) - 1)^2} between the density of the best
 * {@code gamma} quantile of the trials and the density of the local space's trials (here all of
 * them), each a one-dimensional Parzen estimator (the TPE's, with its prior kernel of weight one and
 * equal observation weights), evaluated on a grid of the parameter's range (every value of a
 * categorical or of a discrete range with at most {@code gridSize} values; otherwise
 * {@code gridSize} evenly spaced points, on the log scale for log-scaled parameters). A parameter
 * whose good values are spread like all values does not matter; one whose good values crowd into a
 * corner does. The divergences are normalised to sum to one.
 */
public final class PedAnova implements ImportanceEvaluator {

    private final double gamma;
    private final int gridSize;

    /**
     * @param gamma    the top quantile, in (0, 1); Optuna's default is 0.1
     * @param gridSize the points of a numerical parameter's grid, at least 2; Optuna's default is 50
     */
    public PedAnova(double gamma, int gridSize) {
        if (!(gamma > 0 && gamma < 1)) {
            throw new IllegalArgumentException("PED-ANOVA gamma must be in (0, 1), got " + gamma);
        }
        if (gridSize < 2) {
            throw new IllegalArgumentException("PED-ANOVA gridSize must be >= 2, got " + gridSize);
        }
        this.gamma = gamma;
        this.gridSize = gridSize;
    }

    /** Optuna's defaults: the top 10 %, a 50-point grid. */
    public PedAnova() {
        this(0.1, 50);
    }

    @Override
    public String name() {
        return "PED-ANOVA";
    }

    @Override
    public Map<String, Double> evaluate(ImportanceInput input) {
        int n = input.size();
        double[] raw = new double[input.names().size()];
        int top = Math.max(2, (int) Math.ceil(gamma * n));
        if (n < 2 || top >= n) {
            return input.normalised(raw);
        }
        double[] losses = input.losses();
        Integer[] order = new Integer[n];
        for (int i = 0; i < n; i++) {
            order[i] = i;
        }
        Arrays.sort(order, (a, b) -> Double.compare(losses[a], losses[b]));
        double[][] values = input.values();
        for (int j = 0; j < raw.length; j++) {
            Distribution d = input.space().get(j);
            double[][] all = new double[n][1];
            double[][] best = new double[top][1];
            for (int i = 0; i < n; i++) {
                all[i][0] = values[order[i]][j];
                if (i < top) {
                    best[i][0] = values[order[i]][j];
                }
            }
            raw[j] = divergence(d, best, all);
        }
        return input.normalised(raw);
    }

    private double divergence(Distribution d, double[][] best, double[][] all) {
        Distribution[] space = {d};
        ParzenEstimator pTop = estimator(space, best);
        ParzenEstimator pLocal = estimator(space, all);
        double[] grid = grid(d);
        double[] top = new double[grid.length];
        double[] local = new double[grid.length];
        double sumTop = 0;
        double sumLocal = 0;
        for (int g = 0; g < grid.length; g++) {
            top[g] = Math.exp(pTop.logPdf(new double[] {grid[g]}));
            local[g] = Math.exp(pLocal.logPdf(new double[] {grid[g]}));
            sumTop += top[g];
            sumLocal += local[g];
        }
        double div = 0;
        for (int g = 0; g < grid.length; g++) {
            double pl = local[g] / sumLocal;
            double pt = top[g] / sumTop;
            if (pl > 0) {
                div += pl * Math.pow(pt / pl - 1, 2);
            }
        }
        return div;
    }

    private static ParzenEstimator estimator(Distribution[] space, double[][] rows) {
        double[] w = new double[rows.length];
        Arrays.fill(w, 1.0);
        return new ParzenEstimator(space, rows, w, 1.0, false, false);
    }

    /** The internal values the densities are compared at. */
    double[] grid(Distribution d) {
        if (d instanceof Distribution.Categorical c) {
            double[] g = new double[c.choices().size()];
            for (int i = 0; i < g.length; i++) {
                g[i] = i;
            }
            return g;
        }
        double low;
        double high;
        boolean log;
        boolean discrete;
        if (d instanceof Distribution.FloatRange f) {
            low = f.low();
            high = f.high();
            log = f.log();
            discrete = f.step() > 0;
            if (discrete && (high - low) / f.step() + 1 <= gridSize) {
                return steps(low, high, f.step());
            }
        } else {
            Distribution.IntRange r = (Distribution.IntRange) d;
            low = r.low();
            high = r.high();
            log = r.log();
            discrete = true;
            if ((r.high() - r.low()) / r.step() + 1 <= gridSize) {
                return steps(low, high, r.step());
            }
        }
        TreeSet<Double> g = new TreeSet<>();
        for (int i = 0; i < gridSize; i++) {
            double t = i / (gridSize - 1.0);
            double x = log ? Math.exp(Math.log(low) + t * (Math.log(high) - Math.log(low))) : low + t * (high - low);
            x = Math.min(high, Math.max(low, x));
            g.add(discrete ? d.toInternal(d.toExternal(x)) : x);
        }
        return g.stream().mapToDouble(Double::doubleValue).toArray();
    }

    private static double[] steps(double low, double high, double step) {
        int count = (int) Math.round((high - low) / step) + 1;
        double[] g = new double[count];
        for (int i = 0; i < count; i++) {
            g[i] = low + i * step;
        }
        return g;
    }
}
