package dev.metatune.algorithms.training;

import dev.metatune.learner.HyperparameterSpec;
import dev.metatune.learner.Hyperparameters;
import dev.metatune.learner.LearnerContext;
import dev.metatune.learner.MetaLearner;
import dev.metatune.learner.PublishedResult;
import dev.metatune.task.TaskKind;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * What the providers of MAML's variants for classification and regression share: {@code anil} and
 * {@code metasgd}, beyond their declarations ({@link DeclaredProvider}). Its defaults are the declared
 * ones, with the regression values on top for regression. Its notes name the test inner steps, the
 * BatchNorm mode of classification and a first-order meta-gradient. Its learner is built only from values the declarations allow. A subclass says how
 * those values become a learner ({@link #createLearner}).
 */
public abstract class InnerLoopProvider extends DeclaredProvider {

    /** Inner steps at test time: every provider here declares it. */
    public static final String TEST_INNER_STEPS = "test_inner_steps";
    /** BatchNorm with the statistics of the batch it normalises (true) or the support set's (false). */
    public static final String TRANSDUCTIVE_BN = "transductive_bn";
    /** The first-order meta-gradient instead of the exact one. */
    public static final String FIRST_ORDER = "first_order";

    private final Map<String, Object> regressionDefaults;
    private final String testStepsNote;

    /**
     * @param regressionDefaults the defaults that differ for regression, by name
     * @param testStepsNote      what follows the count in the first note, e.g. {@code "test inner steps (head only)"}
     */
    protected InnerLoopProvider(String name, String description, List<HyperparameterSpec> specs,
                                Map<String, Object> regressionDefaults, List<PublishedResult> published,
                                String testStepsNote) {
        super(name, description, specs, published);
        this.regressionDefaults = Map.copyOf(regressionDefaults);
        this.testStepsNote = testStepsNote;
        for (String required : List.of(TEST_INNER_STEPS, TRANSDUCTIVE_BN, FIRST_ORDER)) {
            if (hyperparameters().stream().noneMatch(s -> s.name().equals(required))) {
                throw new IllegalArgumentException(name + " declares no '" + required + "'");
            }
        }
        for (String overridden : this.regressionDefaults.keySet()) {
            if (hyperparameters().stream().noneMatch(s -> s.name().equals(overridden))) {
                throw new IllegalArgumentException(name + " has a regression default for undeclared '" + overridden + "'");
            }
        }
    }

    @Override
    public final Set<TaskKind> supportedKinds() {
        return Set.of(TaskKind.CLASSIFICATION, TaskKind.REGRESSION);
    }

    @Override
    public final Hyperparameters defaults(TaskKind kind) {
        Hyperparameters declared = HyperparameterSupport.defaults(hyperparameters());
        return kind == TaskKind.REGRESSION ? declared.with(regressionDefaults) : declared;
    }

    /** The test inner steps, the BatchNorm mode for classification, and first order when set. */
    @Override
    public final List<String> describe(Hyperparameters hyperparameters, TaskKind kind) {
        Hyperparameters all = defaults(kind).with(hyperparameters);
        List<String> notes = new ArrayList<>();
        notes.add(all.getInt(TEST_INNER_STEPS) + " " + testStepsNote);
        if (kind == TaskKind.CLASSIFICATION) {
            notes.add(all.getBoolean(TRANSDUCTIVE_BN) ? "transductive BN" : "non-transductive BN");
        }
        if (all.getBoolean(FIRST_ORDER)) {
            notes.add("first-order meta-gradient");
        }
        return List.copyOf(notes);
    }

    @Override
    public final MetaLearner create(Hyperparameters hyperparameters, LearnerContext context) {
        HyperparameterSupport.check(hyperparameters(), hyperparameters, name());
        return createLearner(defaults(context.kind()).with(hyperparameters), context);
    }

    /** A learner for {@code complete}: the defaults of the context's kind with the given values on top, checked. */
    protected abstract MetaLearner createLearner(Hyperparameters complete, LearnerContext context);
}
