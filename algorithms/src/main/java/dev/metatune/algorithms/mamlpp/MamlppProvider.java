package dev.metatune.algorithms.mamlpp;

import dev.metatune.algorithms.training.DeclaredProvider;
import dev.metatune.algorithms.training.HyperparameterSupport;
import dev.metatune.learner.Hyperparameters;
import dev.metatune.learner.LearnerContext;
import dev.metatune.learner.MetaLearner;
import dev.metatune.learner.PublishedResult;
import dev.metatune.task.TaskKind;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;

/**
 * {@code maml++}: MAML++ (Antoniou, Edwards and Storkey, "How to train your MAML", ICLR 2019), MAML
 * with multi-step loss, per-layer per-step learning rates, per-step BatchNorm weights and running
 * statistics, derivative-order annealing and cosine annealing of the outer step size, each
 * switchable ({@code multi_step_loss}, {@code lslr}, {@code per_step_bn_weights},
 * {@code per_step_bn_stats}, {@code first_order_epochs}, {@code cosine_annealing}) so that the
 * paper's ablation runs as a suite.
 */
public final class MamlppProvider extends DeclaredProvider {

    /** The registered name, also the name of the learner's saved state. */
    static final String NAME = "maml++";

    private static final String OMNIGLOT = "Antoniou, Edwards & Storkey, ICLR 2019, Table 1 (Omniglot 20-way), MAML++";
    private static final String MINI_IMAGENET = "Antoniou, Edwards & Storkey, ICLR 2019, Table 2 (Mini-Imagenet), MAML++";

    /** The paper's full MAML++ rows (no ensembles) with their intervals; 5-way Omniglot left out. */
    private static final List<PublishedResult> PUBLISHED = List.of(
            new PublishedResult("omniglot", "20w1s", 0.9765, 0.0005, OMNIGLOT),
            new PublishedResult("omniglot", "20w5s", 0.9933, 0.0003, OMNIGLOT),
            new PublishedResult("mini-imagenet", "5w1s", 0.5215, 0.0026, MINI_IMAGENET),
            new PublishedResult("mini-imagenet", "5w5s", 0.6832, 0.0044, MINI_IMAGENET));

    public MamlppProvider() {
        super(NAME, "MAML++, MAML with MSL, LSLR, BNWB/BNRS, DA and CA (Antoniou, Edwards & Storkey, ICLR 2019)",
                MamlppHyperparameters.specs(), PUBLISHED);
    }

    @Override
    public Set<TaskKind> supportedKinds() {
        return Set.of(TaskKind.CLASSIFICATION);
    }

    @Override
    public Hyperparameters defaults(TaskKind kind) {
        return MamlppHyperparameters.defaults();
    }

    /**
     * Test inner steps, the test BatchNorm mode, and which of the paper's changes are switched off
     * (so an ablation table reads directly).
     */
    @Override
    public List<String> describe(Hyperparameters hyperparameters, TaskKind kind) {
        MamlppConfig c = MamlppConfig.from(defaults(kind).with(hyperparameters));
        List<String> notes = new ArrayList<>();
        notes.add(c.testInnerSteps() + " test inner steps");
        if (c.perStepBnStats()) {
            notes.add("non-transductive BN (per-step running statistics)");
        } else {
            notes.add(c.transductiveBn() ? "transductive BN" : "non-transductive BN");
        }
        List<String> off = new ArrayList<>();
        if (!c.multiStepLoss()) {
            off.add("MSL");
        }
        if (!c.lslr()) {
            off.add("LSLR");
        }
        if (!c.perStepBnWeights()) {
            off.add("BNWB");
        }
        if (!c.cosineAnnealing()) {
            off.add("CA");
        }
        if (!off.isEmpty()) {
            notes.add("without " + String.join(", ", off));
        }
        if (c.firstOrderEpochs() > 0) {
            notes.add("first order for " + c.firstOrderEpochs() + " epochs (DA)");
        }
        return List.copyOf(notes);
    }

    @Override
    public MetaLearner create(Hyperparameters hyperparameters, LearnerContext context) {
        HyperparameterSupport.check(hyperparameters(), hyperparameters, name());
        return new MamlppLearner(MamlppConfig.from(defaults(context.kind()).with(hyperparameters)), context);
    }
}
