package dev.metatune.algorithms.mann;

import static dev.metatune.algorithms.training.HyperparameterSupport.intsFrom;

import dev.metatune.algorithms.training.ClassifierProvider;
import dev.metatune.learner.HyperparameterSpec;
import dev.metatune.learner.Hyperparameters;
import dev.metatune.learner.LearnerContext;
import dev.metatune.learner.MetaLearner;
import dev.metatune.learner.PublishedResult;
import dev.metatune.space.Distribution;
import dev.metatune.space.Domain;
import dev.metatune.task.TaskKind;
import dev.metatune.task.TaskSpec;
import java.util.List;

/**
 * {@code mann}: memory-augmented neural networks (Santoro, Bartunov, Botvinick, Wierstra and
 * Lillicrap, "Meta-Learning with Memory-Augmented Neural Networks", ICML 2016; arXiv 1605.06065,
 * "One-shot Learning with Memory-Augmented Neural Networks"): an LSTM controller with an external
 * memory read by cosine-similarity addressing and written by least-recently-used access
 * ({@link LruaMemory}), fed each episode as a sequence of (image, previous label) pairs.
 *
 * <p>Decisions taken to fit Metatune's N-way K-shot episodes (see {@link Presentation}): the support
 * set is the sequence (shuffled, labels one step late, labels permuted per training episode); each
 * query is the next time step of that sequence, carrying the last support label as step
 * {@code n + 1} of the paper's sequences would (rather than a null label, so that a query step is
 * exactly a step the network is trained on), and is classified from the memory independently of the
 * other queries. So MANN's N-way K-shot accuracy is that of the queries, in the same tables as
 * every other algorithm; the paper's accuracy by instance is {@link MannLearner#instanceAccuracy}.
 * Training episodes have the test episodes' ways, {@code train_shots} presentations per class (the
 * test episodes' shots by default; the paper's sequences have 10) and {@code train_queries} queries
 * per class; the loss covers every prediction of the sequence, support steps and queries.
 *
 * <p>Defaults: the paper's Omniglot network (a 200-unit LSTM controller, a 128 x 40 memory, 4 read
 * heads, usage decay 0.95, one-hot labels); images are the data set's (28 x 28 for Omniglot here,
 * where the paper downscaled to 20 x 20), flattened. The optimiser settings (Adam, lr 1e-3,
 * 16 episodes a step, gradient norm clipped to 10) follow the public reimplementations; the paper's
 * text does not fix them for this experiment.
 *
 * <p>Published results: the paper reports accuracy by instance on Omniglot 5-class episodes of 50
 * images (10 per class), Table 1; the accuracy at instance {@code k + 1} (after {@code k} labelled
 * examples of the class) is listed under the setting {@code 5w<k>s}, the nearest N-way K-shot
 * setting. The paper reports no mini-ImageNet result, and none is listed.
 */
public final class MannProvider extends ClassifierProvider {

    public static final String NAME = "mann";
    public static final String LR = "lr";
    public static final String EPISODES_PER_STEP = "episodes_per_step";
    public static final String CONTROLLER_SIZE = "controller_size";
    public static final String MEMORY_SLOTS = "memory_slots";
    public static final String MEMORY_WIDTH = "memory_width";
    public static final String HEADS = "heads";
    public static final String GAMMA = "gamma";
    public static final String CLIP_NORM = "clip_norm";
    public static final String TRAIN_SHOTS = "train_shots";
    public static final String TRAIN_QUERIES = "train_queries";
    public static final String SEPARATE_ADD = "separate_add";
    public static final String KEY_STRENGTH = "key_strength";
    public static final String TRAIN_SHIFT = "train_shift";
    public static final String TRAIN_ROTATION = "train_rotation";

    private static final List<HyperparameterSpec> SPECS = List.of(
            new HyperparameterSpec(LR, Domain.Real.positive(), 1e-3, Distribution.FloatRange.logScale(1e-4, 1e-2),
                    "Adam learning rate (1e-3, as the public reimplementations; the paper's text gives none)"),
            new HyperparameterSpec(EPISODES_PER_STEP, intsFrom(1), 16, new Distribution.Categorical(List.of(8, 16, 32)),
                    "episodes per meta-training step, run as one batch of sequences (16)"),
            new HyperparameterSpec(CONTROLLER_SIZE, intsFrom(1), 200, new Distribution.Categorical(List.of(100, 200, 400)),
                    "hidden units of the LSTM controller (Santoro et al.: 200)"),
            new HyperparameterSpec(MEMORY_SLOTS, intsFrom(1), 128, new Distribution.Categorical(List.of(64, 128, 256)),
                    "rows of the external memory (Santoro et al.: 128)"),
            new HyperparameterSpec(MEMORY_WIDTH, intsFrom(1), 40, new Distribution.Categorical(List.of(20, 40, 80)),
                    "width of a memory row (Santoro et al.: 40)"),
            new HyperparameterSpec(HEADS, intsFrom(1), 4, Distribution.IntRange.of(1, 8),
                    "read heads, each with a write head (Santoro et al.: 4)"),
            new HyperparameterSpec(GAMMA, Domain.Real.closed(0, 1), 0.95, Distribution.FloatRange.linear(0.8, 0.99),
                    "decay of the usage weights in least-recently-used access (0.95)"),
            new HyperparameterSpec(CLIP_NORM, Domain.Real.positive(), 10.0, Distribution.FloatRange.logScale(1, 100),
                    "the gradient's global norm is clipped to this before each update (10)"),
            new HyperparameterSpec(TRAIN_SHOTS, intsFrom(0), 0, Distribution.IntRange.of(0, 10),
                    "support examples per class in training episodes, so presentations per class of a training sequence"
                            + " (Santoro et al.: 10, sequences of 50 images over 5 classes; 0: the test setting's shots)"),
            new HyperparameterSpec(TRAIN_QUERIES, intsFrom(1), 5, Distribution.IntRange.of(1, 15),
                    "query examples per class in training episodes (their ways are the test episodes')"),
            new HyperparameterSpec(SEPARATE_ADD, new Domain.Bool(), false,
                    new Distribution.Categorical(List.of(false, true)),
                    "write a separate add vector instead of the key (the paper writes the key)"),
            new HyperparameterSpec(KEY_STRENGTH, new Domain.Bool(), false,
                    new Distribution.Categorical(List.of(false, true)),
                    "scale each head's cosine similarities by a learned strength 1 + softplus(w . h + b) before the read"
                            + " softmax, the key strength of the Neural Turing Machine (Graves et al. 2014); the paper's"
                            + " softmax of plain cosines, which lie in [-1, 1], cannot put much weight on one slot"),
            new HyperparameterSpec(TRAIN_SHIFT, intsFrom(0), 0, Distribution.IntRange.of(0, 3),
                    "largest random translation of each training image, in whole pixels along each axis (Santoro et"
                            + " al. augment Omniglot by random translations; 0: none); test images are never moved"),
            new HyperparameterSpec(TRAIN_ROTATION, Domain.Real.closed(0, 180), 0.0, Distribution.FloatRange.linear(0, 20),
                    "largest random rotation of each training image, in degrees either way (Santoro et al. augment"
                            + " Omniglot by small random rotations; 0: none); test images are never rotated"));

    private static final String TABLE_1 = "Santoro et al., ICML 2016, Table 1 (Omniglot, 5 classes a 50-image episode, "
            + "one-hot labels, MANN with LRUA): accuracy at the ";

    /** The paper's Omniglot accuracies by instance (Table 1), under the nearest N-way K-shot setting. */
    private static final List<PublishedResult> PUBLISHED = List.of(
            new PublishedResult("omniglot", "5w1s", 0.828, null, TABLE_1 + "2nd instance, after one labelled example"),
            new PublishedResult("omniglot", "5w2s", 0.910, null, TABLE_1 + "3rd instance, after two labelled examples"),
            new PublishedResult("omniglot", "5w3s", 0.926, null, TABLE_1 + "4th instance, after three labelled examples"),
            new PublishedResult("omniglot", "5w4s", 0.949, null, TABLE_1 + "5th instance, after four labelled examples"),
            new PublishedResult("omniglot", "5w9s", 0.981, null, TABLE_1 + "10th instance, after nine labelled examples"));

    public MannProvider() {
        super(NAME, "memory-augmented neural network: LSTM controller, cosine-addressed memory with least-recently-used "
                + "writes, episodes as (image, previous label) sequences (Santoro et al. 2016)",
                SPECS, PUBLISHED);
    }

    /**
     * The test episodes' ways, {@code train_shots} support examples per class (the test episodes'
     * shots when it is 0) and {@code train_queries} queries per class.
     */
    @Override
    public TaskSpec trainingSpec(Hyperparameters hyperparameters, TaskSpec testSpec) {
        Hyperparameters all = complete(hyperparameters);
        int shots = all.getInt(TRAIN_SHOTS);
        return new TaskSpec(testSpec.ways(), shots == 0 ? testSpec.shots() : shots, all.getInt(TRAIN_QUERIES));
    }

    @Override
    public List<String> describe(Hyperparameters hyperparameters, TaskKind kind) {
        Hyperparameters all = complete(hyperparameters);
        return List.of("queries classified from memory as the next step of the support sequence",
                "memory " + all.getInt(MEMORY_SLOTS) + " x " + all.getInt(MEMORY_WIDTH) + ", " + all.getInt(HEADS)
                        + " heads, " + (all.getBoolean(SEPARATE_ADD) ? "add vector written" : "key written")
                        + (all.getBoolean(KEY_STRENGTH) ? ", learned key strength" : ""));
    }

    @Override
    protected MetaLearner createLearner(Hyperparameters resolved, LearnerContext context) {
        return new MannLearner(MannConfig.from(resolved), context);
    }
}
