package dev.metatune.algorithms.training;

import ai.djl.ndarray.NDManager;
import dev.metatune.learner.LearnerState;
import dev.metatune.learner.StepResult;
import dev.metatune.task.Episode;
import java.util.List;
import java.util.function.Consumer;
import java.util.function.LongToDoubleFunction;
import java.util.function.ToIntFunction;

/**
 * The training side that the episodic metric learners share (ProtoNet, Matching Networks, Relation
 * Networks): Adam over the learner's parameters, one {@link EpisodicStep} per training episode, the
 * count of episodes seen (the position of a learning-rate schedule), and the learner's saved state,
 * which holds its modules, Adam's moments and that count. The learner keeps its modules and says how
 * they save and expect their arrays; the arrays all live in the learner's manager.
 */
public final class EpisodicTraining {

    /** Counter name of the training episodes seen, in a saved state. */
    public static final String EPISODES = "episodes";

    private final String algorithm;
    private final NDManager manager;
    private final AdamUpdater adam;
    private final Consumer<LearnerState.Builder> saveModules;
    private final ToIntFunction<StateArrays> expectModules;
    private long episodes;

    /**
     * @param algorithm     the learner's name, for messages and its saved state
     * @param manager       the learner's manager (Adam's moments go there, each step works in a sub-manager of it)
     * @param parameters    what Adam trains
     * @param saveModules   writes the learner's modules into a state
     * @param expectModules checks the learner's modules against a state being restored and says how many arrays they take
     */
    public EpisodicTraining(String algorithm, NDManager manager, List<NamedParameter> parameters,
                            Consumer<LearnerState.Builder> saveModules, ToIntFunction<StateArrays> expectModules) {
        this.algorithm = algorithm;
        this.manager = manager;
        this.adam = new AdamUpdater(manager, parameters);
        this.saveModules = saveModules;
        this.expectModules = expectModules;
    }

    /**
     * One training step on the single classification episode of {@code batch}.
     *
     * @param learningRate Adam's rate by the number of episodes trained before this one
     * @param objective    the learner's loss and query scores
     */
    public StepResult step(List<Episode> batch, LongToDoubleFunction learningRate, EpisodicStep.Objective objective) {
        Episode episode = Batches.singleClassificationEpisode(batch, algorithm);
        StepResult result = EpisodicStep.run(manager, episode, adam, learningRate.applyAsDouble(episodes), objective);
        episodes++;
        return result;
    }

    /** Training episodes seen so far. */
    public long episodes() {
        return episodes;
    }

    /** The modules, Adam's state and the episode count. */
    public LearnerState save() {
        LearnerState.Builder state = LearnerState.builder(algorithm).counter(EPISODES, episodes);
        saveModules.accept(state);
        adam.save(state);
        return state.build();
    }

    /** Puts back what {@link #save} wrote; a state of another algorithm or shape is refused before anything changes. */
    public void restore(LearnerState state) {
        long savedEpisodes = state.counter(EPISODES);
        long adamSteps = state.counter(AdamUpdater.STEPS);
        StateArrays restore = StateArrays.from(state);
        int n = expectModules.applyAsInt(restore) + adam.expect(restore);
        state.checkFor(algorithm, n);
        restore.copy();
        adam.restoreStepCount(adamSteps);
        episodes = savedEpisodes;
    }
}
