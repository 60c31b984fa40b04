package dev.metatune.algorithms.mamlpp;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import dev.metatune.algorithms.backbone.Conv4;
import dev.metatune.algorithms.backbone.FastWeights;
import dev.metatune.algorithms.backbone.ParameterSpec;
import dev.metatune.algorithms.training.NamedParameter;
import java.util.ArrayList;
import java.util.List;

/**
 * The meta-learned state of MAML++ (Antoniou, Edwards and Storkey, ICLR 2019) over a Conv-4 with
 * head, and how a forward pass at inner step s is assembled from it:
 * <ul>
 *   <li>{@link #network}: the Conv-4 weights, in the network's order (its BatchNorm gamma and beta are
 *   step 0's when BatchNorm weights are per step);</li>
 *   <li>{@link #stepBatchNorm}: with BNWB, gamma and beta of every block for steps 1..N-1
 *   ({@code bnI.gamma@s}, {@code bnI.beta@s}); not adapted in the inner loop;</li>
 *   <li>{@link #learningRates}: with LSLR, one scalar per adapted tensor and step ({@code lr.NAME@s}),
 *   starting at inner_lr; without, one fixed constant (not a meta-parameter);</li>
 *   <li>{@link #runningStatistics}: with BNRS, the running mean and variance of every block per step
 *   (not meta-parameters: updated from batch statistics, used at test).</li>
 * </ul>
 * The adapted tensors are every Conv-4 weight except the BatchNorm ones when those are per step.
 */
final class MamlppParameters {

    private static final int BLOCKS = 4;

    private final Conv4 conv;
    private final int steps;
    private final boolean perStepBn;
    /** Conv-4 weights (step 0's BatchNorm weights with BNWB). */
    final NDList network;
    /** BNWB: per step 1..N-1, gamma and beta of blocks 1..4, in that order. */
    final List<NDList> stepBatchNorm;
    /** Per step 0..N-1, the learning rate of every adapted tensor (the same constant without LSLR). */
    final List<NDList> learningRates;
    /** BNRS: per step 0..N-1, the running (mean, variance) of blocks 1..4; empty without BNRS. */
    final List<NDList> runningStatistics;
    private final int[] adapted;
    private final NDList metaParameters;
    private final List<String> names;

    MamlppParameters(NDManager manager, Conv4 conv, MamlppConfig config, long seed, DataType dataType) {
        this.conv = conv;
        this.steps = config.innerSteps();
        this.perStepBn = config.perStepBnWeights();
        List<ParameterSpec> specs = conv.parameters();
        this.network = FastWeights.initial(manager, conv, seed, dataType);
        List<String> metaNames = new ArrayList<>();
        NDList meta = new NDList();
        for (int i = 0; i < specs.size(); i++) {
            meta.add(network.get(i));
            metaNames.add(specs.get(i).name());
        }
        List<Integer> adaptedList = new ArrayList<>();
        for (int i = 0; i < specs.size(); i++) {
            if (!(perStepBn && isBatchNorm(i))) {
                adaptedList.add(i);
            }
        }
        this.adapted = adaptedList.stream().mapToInt(Integer::intValue).toArray();
        this.stepBatchNorm = new ArrayList<>();
        if (perStepBn) {
            for (int s = 1; s < steps; s++) {
                NDList set = new NDList(2 * BLOCKS);
                for (int b = 0; b < BLOCKS; b++) {
                    set.add(manager.ones(new Shape(specs.get(4 * b + 2).shape()), dataType));
                    set.add(manager.zeros(new Shape(specs.get(4 * b + 3).shape()), dataType));
                    metaNames.add(specs.get(4 * b + 2).name() + "@" + s);
                    metaNames.add(specs.get(4 * b + 3).name() + "@" + s);
                }
                stepBatchNorm.add(set);
                meta.addAll(set);
            }
        }
        this.learningRates = new ArrayList<>();
        NDArray fixed = config.lslr() ? null : scalar(manager, config.innerLr(), dataType);
        for (int s = 0; s < steps; s++) {
            NDList rates = new NDList(adapted.length);
            for (int i : adapted) {
                if (fixed != null) {
                    rates.add(fixed);
                } else {
                    NDArray lr = scalar(manager, config.innerLr(), dataType);
                    rates.add(lr);
                    meta.add(lr);
                    metaNames.add("lr." + specs.get(i).name() + "@" + s);
                }
            }
            learningRates.add(rates);
        }
        this.runningStatistics = new ArrayList<>();
        if (config.perStepBnStats()) {
            for (int s = 0; s < steps; s++) {
                NDList stats = new NDList(2 * BLOCKS);
                for (int b = 0; b < BLOCKS; b++) {
                    long filters = specs.get(4 * b + 2).shape()[0];
                    stats.add(manager.zeros(new Shape(filters), dataType));
                    stats.add(manager.ones(new Shape(filters), dataType));
                }
                runningStatistics.add(stats);
            }
        }
        for (NDArray p : meta) {
            p.setRequiresGradient(true);
        }
        this.metaParameters = meta;
        this.names = List.copyOf(metaNames);
    }

    private static NDArray scalar(NDManager manager, double value, DataType dataType) {
        return FastWeights.create(manager, List.of(new ParameterSpec("lr", new long[] {1}, ParameterSpec.Init.ZEROS)),
                new double[][] {{value}}, dataType).get(0);
    }

    private static boolean isBatchNorm(int i) {
        return i < 4 * BLOCKS && (i % 4 == 2 || i % 4 == 3);
    }

    Conv4 conv() {
        return conv;
    }

    /** Every meta-parameter Adam updates and the meta-gradient is taken for: weights, per-step BatchNorm, rates. */
    NDList metaParameters() {
        return metaParameters;
    }

    /** Names of {@link #metaParameters()}, in order. */
    List<String> names() {
        return names;
    }

    /** The tensors the inner loop adapts, from the meta-parameters. */
    NDList initialFast() {
        NDList fast = new NDList(adapted.length);
        for (int i : adapted) {
            fast.add(network.get(i));
        }
        return fast;
    }

    /** The full Conv-4 parameter list of inner step {@code s} (a per-step index) at adapted tensors {@code fast}. */
    NDList full(int s, NDList fast) {
        NDList out = new NDList(network);
        for (int k = 0; k < adapted.length; k++) {
            out.set(adapted[k], fast.get(k));
        }
        if (perStepBn && s > 0) {
            NDList set = stepBatchNorm.get(s - 1);
            for (int b = 0; b < BLOCKS; b++) {
                out.set(4 * b + 2, set.get(2 * b));
                out.set(4 * b + 3, set.get(2 * b + 1));
            }
        }
        return out;
    }

    /** The learning rates of step {@code s} (a per-step index), one per adapted tensor. */
    NDList rates(int s) {
        return learningRates.get(s);
    }

    /**
     * With BNRS, the running statistics by name ({@code bnI.running_mean@s}, {@code bnI.running_var@s}
     * for block I and per-step index s); empty without.
     */
    List<NamedParameter> namedRunningStatistics() {
        List<NamedParameter> out = new ArrayList<>();
        for (int s = 0; s < runningStatistics.size(); s++) {
            NDList stats = runningStatistics.get(s);
            for (int b = 0; b < BLOCKS; b++) {
                out.add(new NamedParameter("bn" + b + ".running_mean@" + s, stats.get(2 * b)));
                out.add(new NamedParameter("bn" + b + ".running_var@" + s, stats.get(2 * b + 1)));
            }
        }
        return out;
    }

    /** Number of meta-learned scalars. */
    long count() {
        long n = 0;
        for (NDArray p : metaParameters) {
            n += p.size();
        }
        return n;
    }
}
