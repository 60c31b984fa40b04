package dev.metatune.algorithms.rl;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.index.NDIndex;
import dev.metatune.algorithms.training.GradMode;
import dev.metatune.algorithms.training.GradientModule;

/**
 * One TRPO update (Schulman, Levine, Moritz, Jordan and Abbeel, "Trust Region Policy Optimization",
 * ICML 2015), the outer step of MAML for reinforcement learning (Finn, Abbeel and Levine 2017):
 * the natural-gradient direction F^-1 g is found by {@code cgIterations} conjugate-gradient
 * iterations on Fisher-vector products, each the Hessian-vector product of the mean KL divergence
 * (plus {@code damping} times the vector), differentiated through whatever the objective
 * differentiates through (the inner adaptation steps for MAML); the step is scaled to the edge of
 * the trust region, KL = {@code maxKl} under the quadratic model, and shrunk by 0.8 at most 15
 * times until the surrogate loss falls and the KL stays within {@code maxKl}; when no step is
 * accepted the parameters stay as they were (as rllab's implementation the paper used). Each
 * line-search evaluation's arrays are freed before the next, and each Fisher-vector product's graph
 * as soon as the product is read, so an update holds one second-order graph at a time.
 */
public final class TrustRegionUpdate {

    private static final double BACKTRACK_RATIO = 0.8;
    private static final int MAX_BACKTRACKS = 15;

    private final GradientModule gradients;
    private final double maxKl;
    private final int cgIterations;
    private final double damping;

    public TrustRegionUpdate(GradientModule gradients, double maxKl, int cgIterations, double damping) {
        if (!(maxKl > 0) || Double.isInfinite(maxKl)) {
            throw new IllegalArgumentException("maxKl must be positive and finite, got " + maxKl);
        }
        if (cgIterations < 1) {
            throw new IllegalArgumentException("cgIterations must be at least 1, got " + cgIterations);
        }
        this.gradients = gradients;
        this.maxKl = maxKl;
        this.cgIterations = cgIterations;
        this.damping = damping;
    }

    /**
     * The surrogate loss and KL at given parameters; with {@code graph} keeping every graph needed to
     * differentiate both twice. What it computes must land in {@code into}, so that a line-search
     * evaluation's arrays go when its manager closes instead of piling up until the update ends.
     */
    @FunctionalInterface
    public interface Objective {
        AdaptationObjective.Evaluation evaluate(NDList theta, boolean graph, NDManager into);
    }

    /** What the update did: the surrogate loss and KL before and after, and the step fraction taken (0: none). */
    public record Outcome(double lossBefore, double lossAfter, double kl, double stepFraction) {
    }

    /**
     * Updates {@code theta} (leaves that require gradients) in place. {@code objective} evaluates the
     * surrogate loss and the KL at given parameters; with {@code true} it must keep every graph needed
     * to differentiate both twice. The first evaluation lands in {@code scope}; each line-search
     * evaluation runs in its own sub-manager of {@code scope}, closed once its loss and KL are read.
     */
    public Outcome apply(NDManager scope, NDList theta, Objective objective) {
        AdaptationObjective.Evaluation at = objective.evaluate(theta, true, scope);
        double lossBefore = at.surrogateLoss().getFloat();
        NDList g;
        NDList klGradient;
        try (GradMode on = GradMode.enabled()) {
            // g keeps the graph for the KL's gradient below, not for itself
            g = detachedAndFreed(gradients.gradients(at.surrogateLoss(), theta, true));
            klGradient = gradients.gradients(at.kl(), theta, true);
        }
        NDList direction = conjugateGradient(theta, klGradient, g);
        NDList fisherDirection = fisherVector(theta, klGradient, direction);
        double quadratic = dot(direction, fisherDirection);
        if (!(quadratic > 0) || !Double.isFinite(quadratic)) {
            return new Outcome(lossBefore, lossBefore, 0, 0);
        }
        double stepSize = Math.sqrt(2 * maxKl / quadratic);
        double fraction = 1;
        for (int k = 0; k < MAX_BACKTRACKS; k++, fraction *= BACKTRACK_RATIO) {
            try (NDManager trial = scope.newSubManager()) {
                NDList candidate = new NDList(theta.size());
                try (GradMode off = GradMode.disabled()) {
                    for (int i = 0; i < theta.size(); i++) {
                        NDArray c = direction.get(i).mul(-stepSize * fraction).add(theta.get(i));
                        c.attach(trial);
                        c.setRequiresGradient(true);
                        candidate.add(c);
                    }
                }
                AdaptationObjective.Evaluation there = objective.evaluate(candidate, false, trial);
                double loss = there.surrogateLoss().getFloat();
                double kl = there.kl().getFloat();
                if (loss < lossBefore && kl <= maxKl && Double.isFinite(loss)) {
                    try (GradMode off = GradMode.disabled()) {
                        for (int i = 0; i < theta.size(); i++) {
                            // an indexed assignment on a detached handle copies into the parameter's storage
                            try (NDArray target = theta.get(i).stopGradient();
                                    NDArray value = candidate.get(i).stopGradient()) {
                                target.set(new NDIndex("..."), value);
                            }
                        }
                    }
                    return new Outcome(lossBefore, loss, kl, fraction);
                }
            }
        }
        return new Outcome(lossBefore, lossBefore, 0, 0);
    }

    /** Solves F x = b for x with conjugate gradients, F the damped Fisher matrix. */
    NDList conjugateGradient(NDList theta, NDList klGradient, NDList b) {
        NDList x = zerosLike(b);
        NDList r = copy(b);
        NDList p = copy(b);
        double rr = dot(r, r);
        for (int i = 0; i < cgIterations && rr > 1e-10; i++) {
            NDList z = fisherVector(theta, klGradient, p);
            double alpha = rr / dot(p, z);
            try (GradMode off = GradMode.disabled()) {
                for (int k = 0; k < x.size(); k++) {
                    x.set(k, x.get(k).add(p.get(k).mul(alpha)));
                    r.set(k, r.get(k).sub(z.get(k).mul(alpha)));
                }
                double next = dot(r, r);
                double beta = next / rr;
                for (int k = 0; k < p.size(); k++) {
                    p.set(k, r.get(k).add(p.get(k).mul(beta)));
                }
                rr = next;
            }
        }
        return x;
    }

    /**
     * F v: the Hessian of the KL times v, by differentiating (d KL / d theta) . v again, plus damping * v.
     * The product's own graph (and the dot product's) is freed at once: only the KL gradient's graph
     * must outlive the call, for the next product, and ten of these per update would otherwise hold
     * ten second-order graphs until the update ends.
     */
    NDList fisherVector(NDList theta, NDList klGradient, NDList v) {
        NDList product;
        try (GradMode on = GradMode.enabled()) {
            NDList pieces = new NDList();
            NDArray sum = null;
            for (int k = 0; k < v.size(); k++) {
                NDArray term = klGradient.get(k).mul(v.get(k)).sum();
                pieces.add(term);
                if (sum == null) {
                    sum = term;
                } else {
                    sum = sum.add(term);
                    pieces.add(sum);
                }
            }
            product = detachedAndFreed(gradients.gradients(sum, theta, true));
            pieces.close();
        }
        try (GradMode off = GradMode.disabled()) {
            for (int k = 0; k < product.size(); k++) {
                product.set(k, product.get(k).add(v.get(k).mul(damping)));
            }
        }
        return product;
    }

    static double dot(NDList a, NDList b) {
        try (GradMode off = GradMode.disabled()) {
            NDArray sum = null;
            for (int k = 0; k < a.size(); k++) {
                NDArray term = a.get(k).mul(b.get(k)).sum();
                sum = sum == null ? term : sum.add(term);
            }
            return sum.toType(ai.djl.ndarray.types.DataType.FLOAT64, false).getDouble();
        }
    }

    /** Detached handles on the same values; the originals, and the graphs only they held, are closed. */
    private static NDList detachedAndFreed(NDList list) {
        NDList out = new NDList(list.size());
        for (NDArray a : list) {
            out.add(a.stopGradient());
        }
        list.close();
        return out;
    }

    private static NDList copy(NDList list) {
        try (GradMode off = GradMode.disabled()) {
            NDList out = new NDList(list.size());
            for (NDArray a : list) {
                out.add(a.add(0));
            }
            return out;
        }
    }

    private static NDList zerosLike(NDList list) {
        NDList out = new NDList(list.size());
        for (NDArray a : list) {
            out.add(a.zerosLike());
        }
        return out;
    }
}
