package dev.metatune.algorithms.mann;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;

/**
 * The recurrent state of a memory-augmented network between two time steps, for a batch of
 * {@code b} independent sequences (Santoro et al. 2016, section 3.1):
 *
 * @param hidden      the controller's hidden state {@code h_t} {@code [b, controller]}
 * @param cell        the controller's cell state {@code c_t} {@code [b, controller]}
 * @param reads       the read vectors {@code r_t}, heads side by side {@code [b, heads * width]}
 * @param memory      the external memory {@code M_t} {@code [b, slots, width]}
 * @param readWeights the read weights {@code w^r_t} of each head {@code [b, heads, slots]}
 * @param usage       the usage weights {@code w^u_t} {@code [b, slots]}
 */
record MannState(NDArray hidden, NDArray cell, NDArray reads, NDArray memory, NDArray readWeights, NDArray usage) {

    /** Initial memory value of every cell: small and equal, so that cosine similarities are defined. */
    static final float MEMORY_INIT = 1e-6f;

    /**
     * The state every episode starts from (memory initialised per episode): zero controller state
     * and reads, every memory cell {@link #MEMORY_INIT}, every head's read weights and the usage on
     * slot 0.
     */
    static MannState initial(NDManager manager, int batch, int controller, int heads, int slots, int width,
                             DataType dataType) {
        NDArray h = manager.zeros(new Shape(batch, controller), dataType);
        NDArray c = manager.zeros(new Shape(batch, controller), dataType);
        NDArray r = manager.zeros(new Shape(batch, (long) heads * width), dataType);
        NDArray m = manager.full(new Shape(batch, slots, width), MEMORY_INIT, dataType);
        NDArray first = manager.zeros(new Shape(slots), dataType);
        first.set(new ai.djl.ndarray.index.NDIndex("0"), 1f);
        NDArray wr = first.broadcast(new Shape(batch, heads, slots)).duplicate();
        NDArray wu = first.broadcast(new Shape(batch, slots)).duplicate();
        return new MannState(h, c, r, m, wr, wu);
    }

    /** Batch size. */
    int batch() {
        return (int) hidden.getShape().get(0);
    }

    /**
     * Each sequence's state repeated {@code times} times, sequence by sequence ({@code [b * times, ...]}),
     * so that {@code times} queries can each continue their own episode's sequence independently.
     */
    MannState repeat(int times) {
        return new MannState(rows(hidden, times), rows(cell, times), rows(reads, times), rows(memory, times),
                rows(readWeights, times), rows(usage, times));
    }

    private static NDArray rows(NDArray x, int times) {
        long[] shape = x.getShape().getShape();
        long[] expanded = new long[shape.length + 1];
        long[] merged = new long[shape.length];
        expanded[0] = shape[0];
        expanded[1] = times;
        merged[0] = shape[0] * times;
        for (int d = 1; d < shape.length; d++) {
            expanded[d + 1] = shape[d];
            merged[d] = shape[d];
        }
        return x.expandDims(1).broadcast(new Shape(expanded)).reshape(new Shape(merged));
    }

    /** A copy without autograd history, in {@code manager}. */
    MannState detachedInto(NDManager manager) {
        NDList all = new NDList(hidden, cell, reads, memory, readWeights, usage);
        NDArray[] out = new NDArray[all.size()];
        for (int i = 0; i < out.length; i++) {
            out[i] = all.get(i).stopGradient();
            out[i].attach(manager);
        }
        return new MannState(out[0], out[1], out[2], out[3], out[4], out[5]);
    }

    /** Moves every array to {@code scratch} until it closes (so results of operations on them land there). */
    void tempAttach(NDManager scratch) {
        for (NDArray a : new NDArray[] {hidden, cell, reads, memory, readWeights, usage}) {
            a.tempAttach(scratch);
        }
    }
}
