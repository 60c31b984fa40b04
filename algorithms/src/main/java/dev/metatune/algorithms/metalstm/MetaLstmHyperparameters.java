package dev.metatune.algorithms.metalstm;

import static dev.metatune.algorithms.training.HyperparameterSupport.intsFrom;

import dev.metatune.learner.HyperparameterSpec;
import dev.metatune.learner.Hyperparameters;
import dev.metatune.space.Distribution;
import dev.metatune.space.Domain;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * The hyperparameters of {@code meta-lstm}, with the defaults of Ravi and Larochelle's 1-shot
 * configuration (ICLR 2017; their released code's {@code train-imagenet-1shot}): 12 inner updates
 * on the whole 5-example support set (their 5-shot setting: 8 updates on all 25), 20 hidden units in
 * the first LSTM layer, Adam 0.001 with the meta-gradient's norm clipped at 0.25, one episode per
 * meta-update, and a learner of four 32-filter convolution blocks with max-pooling.
 */
final class MetaLstmHyperparameters {

    static final String INNER_STEPS = "inner_steps";
    static final String TEST_INNER_STEPS = "test_inner_steps";
    static final String HIDDEN = "lstm_hidden";
    static final String META_BATCH = "meta_batch";
    static final String OUTER_LR = "outer_lr";
    static final String MAX_GRAD_NORM = "max_grad_norm";
    static final String FILTERS = "filters";
    static final String CONV_VARIANT = "conv_variant";
    static final String TRANSDUCTIVE_BN = "transductive_bn";

    private MetaLstmHyperparameters() {
    }

    static List<HyperparameterSpec> specs() {
        return List.of(
                new HyperparameterSpec(INNER_STEPS, intsFrom(1), 12, Distribution.IntRange.of(3, 15),
                        "updates the LSTM makes on the support set during meta-training (the paper: 12 1-shot, 8 5-shot)"),
                new HyperparameterSpec(TEST_INNER_STEPS, intsFrom(0), 12, Distribution.IntRange.of(3, 15),
                        "updates when adapting at test time (the paper: as in meta-training)"),
                new HyperparameterSpec(HIDDEN, intsFrom(1), 20, new Distribution.Categorical(List.of(10, 20, 40)),
                        "hidden units of the first (standard) coordinate-wise LSTM layer"),
                new HyperparameterSpec(META_BATCH, intsFrom(1), 1, Distribution.IntRange.of(1, 8),
                        "episodes per meta-update (the paper: 1)"),
                new HyperparameterSpec(OUTER_LR, Domain.Real.positive(), 1e-3, Distribution.FloatRange.logScale(1e-4, 1e-2),
                        "Adam step size of the meta-learner"),
                new HyperparameterSpec(MAX_GRAD_NORM, Domain.Real.positive(), 0.25, Distribution.FloatRange.logScale(0.05, 5.0),
                        "the meta-gradient is rescaled to this global norm when longer"),
                new HyperparameterSpec(FILTERS, intsFrom(1), 32, new Distribution.Categorical(List.of(16, 32, 64)),
                        "channels of every convolution block of the learner (the paper: 32)"),
                new HyperparameterSpec(CONV_VARIANT, Domain.Choice.of("strided", "pooled"), "pooled",
                        new Distribution.Categorical(List.of("pooled", "strided")),
                        "learner layout: 'pooled' (the paper's, max-pooling) or 'strided'"),
                new HyperparameterSpec(TRANSDUCTIVE_BN, new Domain.Bool(), false, new Distribution.Categorical(List.of(false, true)),
                        "false (the paper's test procedure): test queries are normalised with statistics of the support"
                                + " set; true: with their own batch's"));
    }

    static Hyperparameters defaults() {
        Map<String, Object> values = new TreeMap<>();
        for (HyperparameterSpec s : specs()) {
            values.put(s.name(), s.defaultValue());
        }
        return Hyperparameters.of(values);
    }
}
