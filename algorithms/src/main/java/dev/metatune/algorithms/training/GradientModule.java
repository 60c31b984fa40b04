package dev.metatune.algorithms.training;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.pytorch.engine.PtNDManager;
import ai.djl.pytorch.engine.PtSymbolBlock;
import ai.djl.pytorch.jni.IValueUtils;
import ai.djl.pytorch.jni.JniUtils;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;

/**
 * Exact gradients, differentiable again if asked, through a tiny TorchScript module whose methods
 * call {@code torch.autograd.grad} (built by {@code src/main/python/second_order_grad.py}, shipped as
 * the resource {@code second_order_grad.pt} beside this class). DJL's public API has no
 * second-order gradients, and calling the engine's backward with create_graph leaks (the
 * parameter's {@code .grad} keeps a graph that refers back to the parameter);
 * {@code torch.autograd.grad} returns the gradients instead of storing them, so they live and die
 * with the arrays the caller holds. This is what makes MAML's meta-gradient exact (Finn, Abbeel and
 * Levine, ICML 2017) and its first-order approximation cheap (Nichol, Achiam and Schulman 2018).
 *
 * <p>Shared by every gradient-based learner (MAML and first-order MAML, ANIL, Meta-SGD, MAML++,
 * Reptile, the LSTM meta-learner); the module is the resource
 * {@code dev/metatune/algorithms/training/second_order_grad.pt}.
 *
 * <p>Every method must be called with autograd enabled ({@link GradMode#enabled()}) on a loss whose
 * graph reaches the parameters. Results land in the loss's {@link NDManager}. A parameter the loss
 * does not depend on gets a zero gradient. Task workers call the module at the same time, each on
 * its own task's graph: the module holds no state between calls, and the arrays it marks for the
 * engine (the parameter list's name) are marked the same way by every caller.
 */
public final class GradientModule implements AutoCloseable {

    static final String RESOURCE = "second_order_grad.pt";
    private static final String LIST_NAME = "params[]";
    private static final String SUMS_NAME = "sums[]";

    private final PtSymbolBlock block;
    private final NDManager manager;
    private final NDArray firstOrderMethod;
    private final NDArray firstOrderStepMethod;
    private final NDArray accumulateMethod;

    /** Loads the module into a sub-manager of {@code parent} (on its device). */
    public GradientModule(NDManager parent) {
        this.manager = parent.newSubManager();
        try (InputStream in = GradientModule.class.getResourceAsStream(RESOURCE)) {
            if (in == null) {
                throw new IllegalStateException("resource " + RESOURCE + " is missing beside " + GradientModule.class.getName());
            }
            this.block = JniUtils.loadModule((PtNDManager) manager, in, true, false);
        } catch (IOException e) {
            manager.close();
            throw new UncheckedIOException("cannot load " + RESOURCE, e);
        }
        firstOrderMethod = marker("first_order");
        firstOrderStepMethod = marker("first_order_step");
        accumulateMethod = marker("accumulate");
    }

    private NDArray marker(String method) {
        NDArray a = manager.zeros(new ai.djl.ndarray.types.Shape(1));
        a.setName("module_method:" + method);
        return a;
    }

    /** d loss / d params; with {@code createGraph} the result can be differentiated again. */
    public NDList gradients(NDArray loss, NDList params, boolean createGraph) {
        return run(inputs(loss, params, createGraph ? null : firstOrderMethod));
    }

    /**
     * One SGD step: {@code p - lr * d loss / d p} for every parameter. With {@code secondOrder} the
     * gradient keeps its graph and the result is differentiable through it, back to {@code params}
     * (as exact MAML needs). Otherwise the step is taken inside the module, in one engine call, and
     * the results are new leaves that require gradients but have no history: the gradient of a later
     * loss at them is first-order MAML's meta-gradient (Nichol et al. 2018), taken with
     * {@link #accumulate} on the fast weights rather than on {@code params}. The results land in the
     * loss's manager.
     */
    public NDList sgdStep(NDArray loss, NDList params, NDArray lr, boolean secondOrder) {
        if (!secondOrder) {
            NDList in = inputs(loss, params, null);
            in.add(lr);
            in.add(firstOrderStepMethod);
            return run(in);
        }
        NDList grads = gradients(loss, params, true);
        NDList fast = new NDList(params.size());
        for (int i = 0; i < params.size(); i++) {
            // the parameter as the first operand, so that the result keeps its memory layout (the
            // engine lays a result out as its first operand; see ChannelsLast); moved into the
            // gradient's (the loss's) manager, never left in the parameters'
            NDArray step = grads.get(i).mul(lr);
            NDArray next = params.get(i).sub(step);
            next.attach(step.getManager());
            fast.add(next);
        }
        return fast;
    }

    /**
     * One gradient step with a learning rate per parameter: {@code p - lr_i * d loss / d p} with
     * {@code lrs.get(i)} broadcast against the gradient (a scalar per layer, or an array of the
     * parameter's shape and layout, as Meta-SGD's). With {@code createGraph} the gradient keeps its
     * graph (exact second order); otherwise it is a constant, and the result is still differentiable
     * in {@code params} (as the identity) and in the learning rates. The results land in the loss's
     * manager.
     */
    public NDList step(NDArray loss, NDList params, NDList lrs, boolean createGraph) {
        if (lrs.size() != params.size()) {
            throw new IllegalArgumentException("expected " + params.size() + " learning rates, got " + lrs.size());
        }
        NDList grads = gradients(loss, params, createGraph);
        NDList fast = new NDList(params.size());
        for (int i = 0; i < params.size(); i++) {
            NDArray step = grads.get(i).mul(lrs.get(i));
            NDArray next = params.get(i).sub(step);
            next.attach(step.getManager());
            fast.add(next);
        }
        return fast;
    }

    /**
     * Adds {@code d loss / d params} (no graph kept) into {@code sums}, one array per parameter of
     * the same shape, in place, in one engine call.
     */
    public void accumulate(NDArray loss, NDList params, NDList sums) {
        if (sums.size() != params.size()) {
            throw new IllegalArgumentException("expected " + params.size() + " sums, got " + sums.size());
        }
        NDList in = inputs(loss, params, null);
        for (NDArray sum : sums) {
            sum.setName(SUMS_NAME);
            in.add(sum);
        }
        in.add(accumulateMethod);
        try {
            run(in);
        } finally {
            for (NDArray sum : sums) {
                sum.setName(null);
            }
        }
    }

    private NDList run(NDList in) {
        NDList out = IValueUtils.forward(block, in, true);
        for (int i = 0; i < out.size(); i++) {
            out.get(i).setName(null);
        }
        return out;
    }

    private static NDList inputs(NDArray loss, NDList params, NDArray method) {
        NDList in = new NDList(params.size() + 2);
        loss.setName(null);
        in.add(loss);
        for (NDArray p : params) {
            p.setName(LIST_NAME);
            in.add(p);
        }
        if (method != null) {
            in.add(method);
        }
        return in;
    }

    @Override
    public void close() {
        block.close();
        manager.close();
    }
}
