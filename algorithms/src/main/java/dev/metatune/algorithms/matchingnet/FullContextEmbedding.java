package dev.metatune.algorithms.matchingnet;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDArrays;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import dev.metatune.algorithms.training.LstmCell;
import dev.metatune.algorithms.training.NamedParameter;
import dev.metatune.algorithms.training.StateArrays;
import dev.metatune.learner.LearnerState;
import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;

/**
 * Full context embeddings of Matching Networks (Vinyals et al. 2016, appendix A).
 *
 * <p>Support: {@code g(x_i, S) = h_fwd_i + h_bwd_i + g'(x_i)}, a bidirectional LSTM (hidden size
 * {@code d}, the embedding width) run over the support set in the order given.
 *
 * <p>Queries: the attention LSTM with {@code K} processing steps, each query on its own (a batch of
 * independent rows, so a query's embedding does not depend on the other queries):
 * {@code h^_k, c_k = LSTM(f'(x), [h_{k-1}, r_{k-1}], c_{k-1})}, {@code h_k = h^_k + f'(x)},
 * {@code r_k = sum_i softmax_i(h_k . g_i) g_i}, from {@code h_0 = r_0 = c_0 = 0}; the embedding is
 * {@code h_K}. (The paper's appendix writes the readout from {@code h_{k-1}}; like the common
 * reference implementations this reads with the new state {@code h_k}, so that the last readout
 * is used.)
 */
final class FullContextEmbedding implements AutoCloseable {

    private final LstmCell forward;
    private final LstmCell backward;
    private final LstmCell attention;
    private final int steps;
    private final List<NamedParameter> parameters;

    FullContextEmbedding(NDManager parent, int width, int steps, SplittableRandom random) {
        if (steps < 1) {
            throw new IllegalArgumentException("fce_steps must be at least 1, got " + steps);
        }
        this.steps = steps;
        this.forward = new LstmCell(parent, "fce.support_fwd.", width, width, width, random);
        this.backward = new LstmCell(parent, "fce.support_bwd.", width, width, width, random);
        this.attention = new LstmCell(parent, "fce.query_att.", width, 2 * width, width, random);
        List<NamedParameter> all = new ArrayList<>(forward.parameters());
        all.addAll(backward.parameters());
        all.addAll(attention.parameters());
        this.parameters = List.copyOf(all);
    }

    /** {@code g'(S) [n, d]} -> {@code g(S) [n, d]}. */
    NDArray support(NDArray embedded) {
        int n = (int) embedded.getShape().get(0);
        NDArray[] fwd = run(forward, embedded, n, false);
        NDArray[] bwd = run(backward, embedded, n, true);
        NDList rows = new NDList(n);
        for (int i = 0; i < n; i++) {
            rows.add(fwd[i].add(bwd[i]));
        }
        return NDArrays.concat(rows, 0).add(embedded);
    }

    private static NDArray[] run(LstmCell cell, NDArray xs, int n, boolean reverse) {
        NDManager m = xs.getManager();
        NDArray h = m.zeros(new ai.djl.ndarray.types.Shape(1, cell.hidden()));
        NDArray c = h;
        NDArray[] out = new NDArray[n];
        for (int t = 0; t < n; t++) {
            int i = reverse ? n - 1 - t : t;
            NDList next = cell.step(xs.get("{}:{}", i, i + 1), h, c);
            h = next.get(0);
            c = next.get(1);
            out[i] = h;
        }
        return out;
    }

    /** {@code f'(queries) [m, d]} and {@code g(S) [n, d]} -> {@code f(queries, S) [m, d]}. */
    NDArray queries(NDArray embedded, NDArray support) {
        NDManager m = embedded.getManager();
        NDArray zeros = m.zeros(embedded.getShape());
        NDArray h = zeros;
        NDArray r = zeros;
        NDArray c = zeros;
        for (int k = 0; k < steps; k++) {
            NDList next = attention.step(embedded, h.concat(r, 1), c);
            h = next.get(0).add(embedded);
            c = next.get(1);
            NDArray weights = h.matMul(support.transpose()).softmax(1); // [m, n]
            r = weights.matMul(support);
        }
        return h;
    }

    List<NamedParameter> parameters() {
        return parameters;
    }

    void save(LearnerState.Builder state) {
        forward.save(state);
        backward.save(state);
        attention.save(state);
    }

    int expect(StateArrays restore) {
        return forward.expect(restore) + backward.expect(restore) + attention.expect(restore);
    }

    @Override
    public void close() {
        forward.close();
        backward.close();
        attention.close();
    }
}
