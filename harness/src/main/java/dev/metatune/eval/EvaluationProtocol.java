package dev.metatune.eval;

import dev.metatune.learner.AdaptedModel;
import dev.metatune.learner.MetaLearner;
import dev.metatune.task.Episode;
import dev.metatune.task.EpisodeSource;

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

    /** Adapts and scores {@code learner} on episodes 0..episodes-1 of {@code testEpisodes}. */
    public EvaluationResult evaluate(MetaLearner learner, EpisodeSource testEpisodes, ProgressListener progress) {
        Metric metric = Metric.of(testEpisodes.kind());
        double[] scores = new double[episodes];
        long start = System.nanoTime();
        double sum = 0;
        for (int i = 0; i < episodes; i++) {
            Episode episode = testEpisodes.episode(i);
            try (AdaptedModel model = learner.adapt(episode.support())) {
                scores[i] = EpisodeScores.score(metric, model.predict(episode.query()), episode.query());
            }
            sum += scores[i];
            progress.progress(i + 1, episodes, String.format(java.util.Locale.ROOT, "%s %.4f", metric.label(), sum / (i + 1)));
        }
        return EvaluationResult.of(metric, scores, (System.nanoTime() - start) / 1e9);
    }
}
