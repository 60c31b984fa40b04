package dev.metatune.eval;

import dev.metatune.learner.AdaptedModel;
import dev.metatune.learner.MetaLearner;
import dev.metatune.task.Episode;
import dev.metatune.learner.ReinforcementLearner;
import dev.metatune.learner.SequenceLearner;
import dev.metatune.task.EpisodeSource;
import dev.metatune.task.TaskKind;
import java.util.ArrayList;
import java.util.List;

/**
 * The test protocol that makes numbers comparable: the same fixed, seeded episodes 0..n-1 of the
 * meta-test split for every algorithm (600 by default, with the setting's queries per class, 15 in
 * the papers), each adapted from the meta-learned state on its support set and scored on its query
 * set; the result keeps every episode's score so that two algorithms can be compared pairwise.
 */
public final class EvaluationProtocol {

    /** Test episodes when none are given, as in Finn et al. 2017 and Snell et al. 2017. */
    public static final int DEFAULT_EPISODES = 600;
    /** Query examples per class at test time in the papers' protocol. */
    public static final int DEFAULT_QUERIES = 15;

    /**
     * The seed of the meta-test episodes, fixed so that every algorithm, training seed and run is
     * scored on the same episodes (training seeds never touch it).
     */
    public static final long TEST_EPISODE_SEED = 20_170_301L;

    private final int episodes;

    public EvaluationProtocol(int episodes) {
        if (episodes < 1) {
            throw new IllegalArgumentException("test episodes must be at least 1, got " + episodes);
        }
        this.episodes = episodes;
    }

    public int episodes() {
        return episodes;
    }

    /**
     * Adaptation steps after which a reinforcement-learning learner's return is always reported (0 to
     * 3, as in Finn, Abbeel and Levine 2017, figure 4), more when its test steps are more.
     */
    public static final int REINFORCEMENT_CURVE_STEPS = 3;

    /** Adapts and scores {@code learner} on episodes 0..episodes-1 of {@code testEpisodes}. */
    public EvaluationResult evaluate(MetaLearner learner, EpisodeSource testEpisodes, ProgressListener progress) {
        if (testEpisodes.kind() == TaskKind.REINFORCEMENT) {
            return evaluateReturns(learner, testEpisodes, progress);
        }
        Metric metric = Metric.of(testEpisodes.kind());
        double[] scores = new double[episodes];
        long start = System.nanoTime();
        double sum = 0;
        PresentationTally presentations = new PresentationTally();
        for (int i = 0; i < episodes; i++) {
            Episode episode = testEpisodes.episode(i);
            try (AdaptedModel model = learner.adapt(episode.support())) {
                scores[i] = EpisodeScores.score(metric, model.predict(episode.query()), episode.query());
            }
            if (learner instanceof SequenceLearner sequence) {
                presentations.add(sequence.accuracyByPresentation(episode));
            }
            sum += scores[i];
            progress.progress(i + 1, episodes, String.format(java.util.Locale.ROOT, "%s %.4f", metric.label(), sum / (i + 1)));
        }
        return EvaluationResult.of(metric, scores, (System.nanoTime() - start) / 1e9)
                .withPresentations(presentations.rows());
    }

    /**
     * Reinforcement learning: the average return of each test task's query trajectories after 0, 1,
     * ... adaptation steps (at least {@link #REINFORCEMENT_CURVE_STEPS}), tasks taken a meta-batch at
     * a time; the headline score is the return after the learner's test adaptation steps.
     */
    private EvaluationResult evaluateReturns(MetaLearner learner, EpisodeSource testEpisodes, ProgressListener progress) {
        if (!(learner instanceof ReinforcementLearner rl)) {
            throw new IllegalArgumentException(learner.getClass().getSimpleName()
                    + " cannot learn reinforcement-learning tasks (it is no ReinforcementLearner)");
        }
        int headline = rl.testAdaptationSteps();
        int steps = Math.max(REINFORCEMENT_CURVE_STEPS, headline);
        double[][] returns = new double[steps + 1][episodes];
        long start = System.nanoTime();
        int chunk = Math.max(1, learner.metaBatchSize());
        double sum = 0;
        for (int from = 0; from < episodes; from += chunk) {
            int to = Math.min(episodes, from + chunk);
            List<Episode> tasks = new ArrayList<>(to - from);
            for (int i = from; i < to; i++) {
                tasks.add(testEpisodes.episode(i));
            }
            double[][] part = rl.adaptationReturns(tasks, steps);
            for (int k = 0; k <= steps; k++) {
                System.arraycopy(part[k], 0, returns[k], from, to - from);
            }
            for (int i = from; i < to; i++) {
                sum += returns[headline][i];
            }
            progress.progress(to, episodes, String.format(java.util.Locale.ROOT, "%s %.4f", Metric.RETURN.label(), sum / to));
        }
        return EvaluationResult.ofSteps(Metric.RETURN, returns, headline, (System.nanoTime() - start) / 1e9);
    }
}
