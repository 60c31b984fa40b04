package dev.metatune.algorithms.maml;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;

/**
 * Adam (Kingma and Ba 2015) over explicit parameter arrays, updated in place with autograd off;
 * PyTorch's formulation (bias-corrected moments, eps added to the corrected root), betas 0.9 and
 * 0.999, eps 1e-8. Its moment arrays live in the manager it is given.
 */
final class Adam {

    private static final double BETA1 = 0.9;
    private static final double BETA2 = 0.999;
    private static final double EPS = 1e-8;

    private final double lr;
    private final NDList m;
    private final NDList v;
    private long t;

    Adam(NDManager manager, NDList params, double lr) {
        this.lr = lr;
        this.m = new NDList(params.size());
        this.v = new NDList(params.size());
        for (NDArray p : params) {
            m.add(manager.zeros(p.getShape(), p.getDataType()));
            v.add(manager.zeros(p.getShape(), p.getDataType()));
        }
    }

    /** One update of {@code params} with gradients {@code grads * gradScale}. */
    void step(NDList params, NDList grads, double gradScale) {
        t++;
        double bc1 = 1 - Math.pow(BETA1, t);
        double bc2 = 1 - Math.pow(BETA2, t);
        try (GradMode off = GradMode.disabled()) {
            for (int i = 0; i < params.size(); i++) {
                NDArray g = grads.get(i);
                NDArray mi = m.get(i);
                NDArray vi = v.get(i);
                try (NDArray gm = g.mul(gradScale * (1 - BETA1)); NDArray g2 = g.square()) {
                    mi.muli(BETA1).addi(gm);
                    g2.muli(gradScale * gradScale * (1 - BETA2));
                    vi.muli(BETA2).addi(g2);
                }
                try (NDArray denom = vi.sqrt()) {
                    denom.divi(Math.sqrt(bc2)).addi(EPS);
                    try (NDArray update = mi.div(denom)) {
                        params.get(i).subi(update.muli(lr / bc1));
                    }
                }
            }
        }
    }
}
