package dev.metatune.algorithms.baseline;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;
import dev.metatune.algorithms.training.GraphScalars;
import dev.metatune.algorithms.training.NamedParameter;
import java.util.List;
import java.util.SplittableRandom;

/**
 * The cosine-similarity classifier of {@code baseline++} (Chen et al. 2019, section 3.2; their
 * {@code distLinear}): scores_c = scale x g_c x cos(x, v_c), computed as in their code:
 * x / (||x|| + 1e-5) dotted with w_c = g_c v_c / ||v_c|| (weight normalisation). The class-wise
 * norms g_c are learned, a per-class temperature; {@code scale} is fixed (their code uses 2 for at
 * most 200 classes, 10 above). v starts as PyTorch's {@code nn.Linear} weight (uniform in
 * +-1/sqrt(features)) and g_c as ||v_c||, as weight normalisation initialises it.
 */
public final class CosineHead implements ClassifierHead {

    private static final float EPS = 1e-5f;

    private final NDManager manager;
    private final NDArray direction;
    private final NDArray norm;
    private final float scale;
    private final List<NamedParameter> parameters;

    public CosineHead(NDManager parent, int features, int classes, double scale, SplittableRandom random) {
        if (features < 1 || classes < 1) {
            throw new IllegalArgumentException("features and classes must be at least 1, got " + features + " and "
                    + classes);
        }
        if (!(scale > 0) || Double.isInfinite(scale)) {
            throw new IllegalArgumentException("scale must be finite and > 0, got " + scale);
        }
        this.manager = parent.newSubManager();
        this.scale = (float) scale;
        float bound = (float) (1 / Math.sqrt(features));
        float[] v = HeadInit.uniform(random, classes * features, bound);
        float[] g = new float[classes];
        for (int c = 0; c < classes; c++) {
            double s = 0;
            for (int j = 0; j < features; j++) {
                s += (double) v[c * features + j] * v[c * features + j];
            }
            g[c] = (float) Math.sqrt(s);
        }
        this.direction = manager.create(v, new Shape(classes, features));
        this.norm = manager.create(g, new Shape(classes, 1));
        direction.setRequiresGradient(true);
        norm.setRequiresGradient(true);
        this.parameters = List.of(new NamedParameter("head.v", direction), new NamedParameter("head.g", norm));
    }

    /** Chen et al.'s default scale for a head over {@code classes} classes: 2 up to 200 classes, 10 above. */
    public static double defaultScale(int classes) {
        return classes <= 200 ? 2 : 10;
    }

    @Override
    public NDArray logits(NDArray features) {
        NDArray x = features.div(features.norm(new int[] {1}, true).add(EPS));
        NDArray w = direction.mul(norm.div(direction.norm(new int[] {1}, true)));
        // the scale as an array that owns its memory: autograd saves it (see GraphScalars)
        return x.matMul(w.transpose()).mul(GraphScalars.of(x.getManager(), scale, x.getDataType()));
    }

    @Override
    public List<NamedParameter> parameters() {
        return parameters;
    }

    @Override
    public int classes() {
        return (int) direction.getShape().get(0);
    }

    /** The fixed scale. */
    public double scale() {
        return scale;
    }

    @Override
    public void close() {
        manager.close();
    }
}
