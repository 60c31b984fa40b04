package dev.metatune.algorithms.mann;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.index.NDIndex;
import ai.djl.ndarray.types.DataType;
import ai.djl.nn.Activation;
import dev.metatune.algorithms.training.NamedParameter;
import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;

/**
 * The external memory of a MANN with content-based reads and least-recently-used access (LRUA),
 * Santoro et al. 2016, section 3.2, one time step at a time, written as tensor operations so that
 * autograd differentiates through every read and write of a sequence (backpropagation through time
 * through the memory). From the controller's hidden state {@code h_t}, each head {@code i} emits a
 * key {@code k_t = tanh(W_k h_t + b_k)} and a gate {@code alpha_t = W_a h_t + b_a}; then
 * <ol>
 *   <li>least used slots of the previous usage {@code w^u_{t-1}}: head {@code i} takes the slot of
 *       the {@code i}-th smallest usage ({@code w^lu_{t-1}}, one-hot; the paper's {@code m(w^u, n)}
 *       threshold marks the {@code n = heads} smallest; giving each head its own one of them is the
 *       decision taken here, as in the public reimplementations; with more heads than slots they
 *       share slots cyclically). The selection is a comparison, so no gradient flows through it;</li>
 *   <li>write weights {@code w^w_t = sigmoid(alpha_t) w^r_{t-1} + (1 - sigmoid(alpha_t)) w^lu_{t-1}}:
 *       the sigmoid interpolation between the last read slots and a least used one;</li>
 *   <li>the least used slot is erased (set to zero), then every head adds its write:
 *       {@code M_t(i) = M_{t-1}(i) + sum_heads w^w_t(i) k_t} (the paper writes the key; with
 *       {@code separate_add} a separate add vector {@code a_t = tanh(W_add h_t + b)} is written
 *       instead, as some reimplementations do);</li>
 *   <li>read weights {@code w^r_t = softmax_i(cos(k_t, M_t(i)))} and read vectors
 *       {@code r_t = sum_i w^r_t(i) M_t(i)}, from the memory after the write; with a key strength
 *       (an option, not the paper's) {@code w^r_t = softmax_i(beta_t cos(k_t, M_t(i)))},
 *       {@code beta_t = 1 + softplus(W_beta h_t + b_beta)} per head, as the Neural Turing Machine's
 *       content addressing;</li>
 *   <li>usage {@code w^u_t = gamma w^u_{t-1} + sum_heads (w^r_t + w^w_t)}.</li>
 * </ol>
 */
final class LruaMemory {

    private static final float EPS = 1e-8f;

    private final int heads;
    private final int slots;
    private final int width;
    private final float gamma;
    private final Dense key;
    private final Dense add;
    private final Dense gate;
    private final Dense strength;
    private final List<NamedParameter> parameters;

    LruaMemory(NDManager manager, int controller, int heads, int slots, int width, double gamma, boolean separateAdd,
               boolean keyStrength, SplittableRandom random, DataType dataType) {
        this.heads = heads;
        this.slots = slots;
        this.width = width;
        this.gamma = (float) gamma;
        this.key = new Dense(manager, "memory.key.", controller, heads * width, random, dataType);
        this.add = separateAdd ? new Dense(manager, "memory.add.", controller, heads * width, random, dataType) : null;
        this.gate = new Dense(manager, "memory.gate.", controller, heads, random, dataType);
        this.strength = keyStrength ? new Dense(manager, "memory.strength.", controller, heads, random, dataType) : null;
        List<NamedParameter> all = new ArrayList<>(key.parameters());
        if (add != null) {
            all.addAll(add.parameters());
        }
        all.addAll(gate.parameters());
        if (strength != null) {
            all.addAll(strength.parameters());
        }
        this.parameters = List.copyOf(all);
    }

    /** What one step leaves: the new memory, read weights, usage and read vectors {@code [b, heads * width]}. */
    record Access(NDArray memory, NDArray readWeights, NDArray usage, NDArray reads) {
    }

    /** One write then read, from {@code hidden [b, controller]} and the previous state. */
    Access step(NDArray hidden, MannState previous) {
        int b = (int) hidden.getShape().get(0);
        NDArray keys = key.forward(hidden).tanh().reshape(b, heads, width);
        NDArray written = add == null ? keys : add.forward(hidden).tanh().reshape(b, heads, width);
        NDArray sigma = Activation.sigmoid(gate.forward(hidden)).reshape(b, heads, 1);

        NDArray leastUsed = leastUsed(previous.usage()); // [b, heads, slots], constant
        NDArray writeWeights = sigma.mul(previous.readWeights()).add(sigma.neg().add(1f).mul(leastUsed));
        NDArray erase = leastUsed.get(new NDIndex(":, 0, :")).neg().add(1f).expandDims(2); // [b, slots, 1]
        NDArray memory = previous.memory().mul(erase).add(writeWeights.transpose(0, 2, 1).matMul(written));

        NDArray similarity = unit(keys).matMul(unit(memory).transpose(0, 2, 1)); // [b, heads, slots]
        if (strength != null) {
            similarity = similarity.mul(Activation.softPlus(strength.forward(hidden)).add(1f).reshape(b, heads, 1));
        }
        NDArray readWeights = similarity.softmax(2);
        NDArray reads = readWeights.matMul(memory).reshape(b, (long) heads * width);
        NDArray usage = previous.usage().mul(gamma).add(readWeights.sum(new int[] {1}))
                .add(writeWeights.sum(new int[] {1}));
        return new Access(memory, readWeights, usage, reads);
    }

    /** One-hot {@code [b, heads, slots]}: head i on the slot with the i-th smallest usage (cyclically). */
    private NDArray leastUsed(NDArray usage) {
        NDArray order = usage.stopGradient().argSort(1, true); // [b, slots], ascending usage
        NDArray chosen;
        if (heads <= slots) {
            chosen = order.get(new NDIndex(":, 0:{}", heads));
        } else {
            int copies = (heads + slots - 1) / slots;
            chosen = order.tile(1, copies).get(new NDIndex(":, 0:{}", heads));
        }
        return chosen.oneHot(slots, usage.getDataType());
    }

    /** Rows of the last axis scaled to unit length (an epsilon under the root keeps zero rows finite). */
    private static NDArray unit(NDArray x) {
        return x.div(x.square().sum(new int[] {-1}, true).add(EPS).sqrt());
    }

    int heads() {
        return heads;
    }

    int slots() {
        return slots;
    }

    int width() {
        return width;
    }

    List<NamedParameter> parameters() {
        return parameters;
    }
}
