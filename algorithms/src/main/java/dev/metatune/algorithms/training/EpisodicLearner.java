package dev.metatune.algorithms.training;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import dev.metatune.learner.AdaptedModel;
import dev.metatune.learner.LearnerContext;
import dev.metatune.learner.LearnerState;
import dev.metatune.learner.MetaLearner;
import dev.metatune.learner.StepResult;
import dev.metatune.task.Episode;
import dev.metatune.task.Examples;
import dev.metatune.task.TaskKind;
import java.util.List;
import java.util.function.Consumer;
import java.util.function.LongToDoubleFunction;
import java.util.function.ToIntFunction;

/**
 * What the episodic metric learners share (ProtoNet, Matching Networks, Relation Networks) around
 * their modules: classification only, one manager on the context's device holding every array, one
 * episode a training step ({@link EpisodicTraining}), adaptation that computes what the model keeps
 * of the support set in a scratch manager and hands it to the model's own, the saved state, and
 * closing. A subclass builds its modules in its constructor, then calls {@link #train} once; should
 * building fail, it closes this learner before it rethrows.
 */
public abstract class EpisodicLearner implements MetaLearner {

    /** What a learner keeps of a support set, computed with its modules in evaluation mode. */
    @FunctionalInterface
    protected interface Adaptation {
        /**
         * @param inputs the support images, in a scratch manager closed when this returns
         * @param labels their labels, int64, in the same scratch manager
         * @param ways   classes of the support set
         * @param model  the manager the returned model owns and closes: attach what it keeps to it
         */
        AdaptedModel adapt(NDArray inputs, NDArray labels, int ways, NDManager model);
    }

    private final String algorithm;
    private final NDManager manager;
    private EpisodicTraining training;
    private boolean closed;

    /**
     * @param algorithm the learner's name, for messages and its saved state
     * @param parent    when non-null, every array lives in a sub-manager of it (tests check leaks so)
     */
    protected EpisodicLearner(String algorithm, LearnerContext context, NDManager parent) {
        if (context.kind() != TaskKind.CLASSIFICATION) {
            throw new IllegalArgumentException(algorithm + " supports classification only, got " + context.kind());
        }
        this.algorithm = algorithm;
        this.manager = parent == null ? NDManager.newBaseManager(context.device(), "PyTorch")
                : parent.newSubManager(context.device());
    }

    /** The manager the modules' arrays belong to. */
    protected final NDManager manager() {
        return manager;
    }

    /** Starts training {@code parameters} with Adam; see {@link EpisodicTraining} for the other two. */
    protected final void train(List<NamedParameter> parameters, Consumer<LearnerState.Builder> saveModules,
                               ToIntFunction<StateArrays> expectModules) {
        if (training != null) {
            throw new IllegalStateException(algorithm + " is training already");
        }
        training = new EpisodicTraining(algorithm, manager, parameters, saveModules, expectModules);
    }

    @Override
    public final int metaBatchSize() {
        return 1;
    }

    /** One training step on the single episode of {@code batch}; see {@link EpisodicTraining#step}. */
    protected final StepResult step(List<Episode> batch, LongToDoubleFunction learningRate, EpisodicStep.Objective objective) {
        checkOpen();
        return training.step(batch, learningRate, objective);
    }

    /** The model {@code adaptation} makes of {@code support}; nothing is left behind when it fails. */
    protected final AdaptedModel adaptWith(Examples support, Adaptation adaptation) {
        checkOpen();
        int ways = Batches.waysWithEveryClass(support);
        NDManager modelManager = manager.newSubManager();
        try (NDManager scratch = manager.newSubManager()) {
            return adaptation.adapt(Batches.inputs(scratch, support), Batches.labels(scratch, support), ways, modelManager);
        } catch (RuntimeException e) {
            modelManager.close();
            throw e;
        }
    }

    /** Arrays under this learner's manager (parameters, optimizer state, open adapted models); 0 once closed. */
    @Override
    public final long liveArrays() {
        return closed ? 0 : manager.getManagedArrays().size();
    }

    /** The modules, Adam's state and the episode count. */
    @Override
    public final LearnerState saveState() {
        checkOpen();
        return training.save();
    }

    @Override
    public final void restoreState(LearnerState state) {
        checkOpen();
        training.restore(state);
    }

    /** Training episodes seen so far. */
    public final long episodesTrained() {
        return training.episodes();
    }

    protected final void checkOpen() {
        if (closed) {
            throw new IllegalStateException("this " + algorithm + " learner is closed");
        }
    }

    @Override
    public final void close() {
        if (!closed) {
            closed = true;
            manager.close();
        }
    }
}
