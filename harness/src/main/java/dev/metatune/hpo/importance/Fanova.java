package dev.metatune.hpo.importance;

import dev.metatune.space.Distribution;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.TreeSet;
import java.util.logging.Level;
import java.util.logging.Logger;
import org.tribuo.Model;
import org.tribuo.MutableDataset;
import org.tribuo.VariableIDInfo;
import org.tribuo.VariableInfo;
import org.tribuo.common.tree.LeafNode;
import org.tribuo.common.tree.Node;
import org.tribuo.common.tree.SplitNode;
import org.tribuo.ensemble.BaggingTrainer;
import org.tribuo.ensemble.EnsembleModel;
import org.tribuo.impl.ArrayExample;
import org.tribuo.provenance.SimpleDataSourceProvenance;
import org.tribuo.regression.RegressionFactory;
import org.tribuo.regression.Regressor;
import org.tribuo.regression.ensemble.AveragingCombiner;
import org.tribuo.regression.rtree.CARTRegressionTrainer;
import org.tribuo.regression.rtree.IndependentRegressionTreeModel;
import org.tribuo.regression.rtree.impurity.MeanSquaredError;

/**
 * fANOVA (Hutter, Hoos and Leyton-Brown 2014, "An efficient approach for assessing hyperparameter
 * importance"): a random forest (Tribuo's CART regression trees, bagged on bootstrap samples with
 * every feature considered at each split, as Optuna's scikit-learn forest: 64 trees, depth up to 64,
 * one trial a leaf at least) is fitted to the trials' losses; each tree partitions the unit cube of
 * the search space (log-scaled parameters on the log scale, a categorical's choices as equal
 * slices) into boxes with constant predictions, and the importance of a parameter is the variance
 * of the tree's marginal over that parameter (averaged over all others, uniformly) divided by the
 * tree's total variance, averaged over the trees whose variance is not zero; normalised to sum to one.
 */
public final class Fanova implements ImportanceEvaluator {

    private static final double OFFSET = 1.0;

    private final int trees;
    private final long seed;

    /**
     * @param trees the forest's size, at least 1
     * @param seed  the bootstrap's seed
     */
    public Fanova(int trees, long seed) {
        if (trees < 1) {
            throw new IllegalArgumentException("fANOVA trees must be >= 1, got " + trees);
        }
        this.trees = trees;
        this.seed = seed;
    }

    @Override
    public String name() {
        return "fANOVA";
    }

    @Override
    public Map<String, Double> evaluate(ImportanceInput input) {
        int d = input.names().size();
        double[] raw = new double[d];
        if (input.size() < 2 || d == 0) {
            return input.normalised(raw);
        }
        String[] features = new String[d];
        for (int j = 0; j < d; j++) {
            features[j] = "p" + j;
        }
        RegressionFactory factory = new RegressionFactory();
        MutableDataset<Regressor> data = new MutableDataset<>(new SimpleDataSourceProvenance("trials", factory), factory);
        double[][] values = input.values();
        double[] losses = input.losses();
        for (int i = 0; i < input.size(); i++) {
            double[] x = new double[d];
            for (int j = 0; j < d; j++) {
                // in [1, 2]: Tribuo's examples are sparse and would drop a zero
                x[j] = OFFSET + unit(input.space().get(j), values[i][j]);
            }
            data.add(new ArrayExample<>(new Regressor("loss", losses[i]), features, x));
        }
        CARTRegressionTrainer tree = new CARTRegressionTrainer(64, 1.0f, 0.0f, 1.0f, false, new MeanSquaredError(), seed);
        BaggingTrainer<Regressor> forest = new BaggingTrainer<>(tree, new AveragingCombiner(), trees, seed);
        Logger tribuo = Logger.getLogger("org.tribuo");
        Level was = tribuo.getLevel();
        tribuo.setLevel(Level.WARNING);
        EnsembleModel<Regressor> model;
        try {
            model = forest.train(data);
        } finally {
            tribuo.setLevel(was);
        }
        int counted = 0;
        for (Model<Regressor> member : model.getModels()) {
            IndependentRegressionTreeModel t = (IndependentRegressionTreeModel) member;
            int[] paramOfFeature = new int[t.getFeatureIDMap().size()];
            Arrays.fill(paramOfFeature, -1);
            for (VariableInfo info : t.getFeatureIDMap()) {
                paramOfFeature[((VariableIDInfo) info).getID()] = Integer.parseInt(info.getName().substring(1));
            }
            List<Leaf> leaves = new ArrayList<>();
            double[] lo = new double[d];
            double[] hi = new double[d];
            Arrays.fill(lo, OFFSET);
            Arrays.fill(hi, OFFSET + 1);
            collect(t.getRoots().values().iterator().next(), paramOfFeature, lo, hi, leaves);
            double[] share = shares(leaves, d);
            if (share != null) {
                for (int j = 0; j < d; j++) {
                    raw[j] += share[j];
                }
                counted++;
            }
        }
        if (counted > 0) {
            for (int j = 0; j < d; j++) {
                raw[j] /= counted;
            }
        }
        return input.normalised(raw);
    }

    /** A leaf's box and prediction. */
    private record Leaf(double[] lo, double[] hi, double value) {

        double volume() {
            double v = 1;
            for (int j = 0; j < lo.length; j++) {
                v *= hi[j] - lo[j];
            }
            return v;
        }
    }

    private static void collect(Node<Regressor> node, int[] paramOfFeature, double[] lo, double[] hi, List<Leaf> out) {
        if (node instanceof LeafNode<Regressor> leaf) {
            out.add(new Leaf(lo.clone(), hi.clone(), leaf.getOutput().getValues()[0]));
            return;
        }
        SplitNode<Regressor> split = (SplitNode<Regressor>) node;
        int j = paramOfFeature[split.getFeatureID()];
        double s = split.splitValue();
        double[] hiLeft = hi.clone();
        hiLeft[j] = Math.max(lo[j], Math.min(hi[j], s));
        collect(split.getLessThanOrEqual(), paramOfFeature, lo, hiLeft, out);
        double[] loRight = lo.clone();
        loRight[j] = Math.min(hi[j], Math.max(lo[j], s));
        collect(split.getGreaterThan(), paramOfFeature, loRight, hi, out);
    }

    /** Each parameter's marginal variance over the tree's total variance, or null when the tree is constant. */
    private static double[] shares(List<Leaf> leaves, int d) {
        double mean = 0;
        for (Leaf l : leaves) {
            mean += l.volume() * l.value();
        }
        double total = 0;
        for (Leaf l : leaves) {
            total += l.volume() * Math.pow(l.value() - mean, 2);
        }
        if (!(total > 1e-300)) {
            return null;
        }
        double[] out = new double[d];
        for (int j = 0; j < d; j++) {
            TreeSet<Double> cuts = new TreeSet<>();
            for (Leaf l : leaves) {
                cuts.add(l.lo()[j]);
                cuts.add(l.hi()[j]);
            }
            Double[] b = cuts.toArray(new Double[0]);
            double var = 0;
            for (int k = 0; k + 1 < b.length; k++) {
                double a = b[k];
                double z = b[k + 1];
                double marginal = 0;
                for (Leaf l : leaves) {
                    double width = l.hi()[j] - l.lo()[j];
                    if (width > 0 && l.lo()[j] <= a && l.hi()[j] >= z) {
                        marginal += l.value() * l.volume() / width;
                    }
                }
                var += (z - a) * Math.pow(marginal - mean, 2);
            }
            out[j] = var / total;
        }
        return out;
    }

    /** Where an internal value lies in its parameter's range, in [0, 1]. */
    static double unit(Distribution d, double internal) {
        if (d instanceof Distribution.Categorical c) {
            return (internal + 0.5) / c.choices().size();
        }
        double low;
        double high;
        boolean log;
        if (d instanceof Distribution.FloatRange f) {
            low = f.low();
            high = f.high();
            log = f.log();
        } else {
            Distribution.IntRange r = (Distribution.IntRange) d;
            low = r.low();
            high = r.high();
            log = r.log();
        }
        double u = log ? (Math.log(internal) - Math.log(low)) / (Math.log(high) - Math.log(low)) : (internal - low) / (high - low);
        return Math.min(1, Math.max(0, u));
    }
}
