package dev.metatune.train.episodes;

import dev.metatune.eval.EpisodeScores;
import dev.metatune.eval.EvaluationResult;
import dev.metatune.eval.Metric;
import dev.metatune.eval.PresentationTally;
import dev.metatune.eval.ProgressListener;
import dev.metatune.learner.AdaptedModel;
import dev.metatune.learner.MetaLearner;
import dev.metatune.learner.SequenceLearner;
import dev.metatune.task.Episode;
import dev.metatune.task.TaskSpec;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Function;

/**
 * Scores listed episodes exactly as listed, in order, with the protocol of {@code EvaluationProtocol}
 * (adapt to the support, score the query, mean and 95% interval over episodes). Episodes may differ
 * in ways: a learner is made for each way count (a MAML head has one output per way, and refuses
 * counts it cannot give), all closed at the end. A {@link SequenceLearner}'s accuracy by presentation
 * is kept when every episode has the same shots.
 */
public final class ListEvaluation {

    private ListEvaluation() {
    }

    /**
     * @param episodes the episodes, scored in this order
     * @param learner  makes a learner (with the trained state) for episodes of a setting; called once per way count
     */
    public static EvaluationResult evaluate(List<ListedEpisode> episodes, Function<TaskSpec, MetaLearner> learner,
                                            Metric metric, ProgressListener progress) {
        double[] scores = new double[episodes.size()];
        long start = System.nanoTime();
        Map<Integer, MetaLearner> byWays = new LinkedHashMap<>();
        try {
            double sum = 0;
            PresentationTally presentations = new PresentationTally();
            for (int i = 0; i < scores.length; i++) {
                Episode e = episodes.get(i).episode();
                MetaLearner l = byWays.get(e.spec().ways());
                if (l == null) {
                    l = learner.apply(e.spec());
                    byWays.put(e.spec().ways(), l);
                }
                try (AdaptedModel adapted = l.adapt(e.support())) {
                    scores[i] = EpisodeScores.score(metric, adapted.predict(e.query()), e.query());
                }
                if (l instanceof SequenceLearner sequence) {
                    presentations.add(sequence.accuracyByPresentation(e));
                }
                sum += scores[i];
                progress.progress(i + 1, scores.length, String.format(java.util.Locale.ROOT, "%s %.4f", metric.label(),
                        sum / (i + 1)));
            }
            return EvaluationResult.of(metric, scores, (System.nanoTime() - start) / 1e9)
                    .withPresentations(presentations.rows());
        } finally {
            for (MetaLearner l : byWays.values()) {
                l.close();
            }
        }
    }
}
