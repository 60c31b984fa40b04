package dev.metatune.run;

import dev.metatune.eval.Metric;
import dev.metatune.hpo.StudyDirection;
import dev.metatune.learner.PublishedResult;
import dev.metatune.space.Distribution;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/**
 * What a tuning study is about, for the report: one algorithm entry tuned on one data set in one
 * setting.
 *
 * @param algorithm the entry's label (the algorithm's name unless the suite gives a label)
 * @param dataset   the name of the data set actually used (the fallback when the named one was absent)
 * @param setting   the setting's label, e.g. {@code 5w1s}
 * @param metric    what a score means
 * @param direction whether higher or lower scores are better
 * @param published the number the algorithm's paper reports for this data set and setting, if any
 * @param notes     the notes column of the comparison table, e.g. {@code 250 training steps; 3 test inner steps}
 * @param search    the searched hyperparameters with their distributions, in suite order (empty when
 *                  nothing is searched)
 * @param heatmap   the two parameters of the heat map as the suite names them (x, then y), or empty
 *                  to let the report pick the two that vary most
 */
public record TuningStudy(String algorithm, String dataset, String setting, Metric metric, StudyDirection direction,
                          Optional<PublishedResult> published, String notes, Map<String, Distribution> search,
                          List<String> heatmap) {

    public TuningStudy {
        Objects.requireNonNull(algorithm, "algorithm");
        Objects.requireNonNull(dataset, "dataset");
        Objects.requireNonNull(setting, "setting");
        Objects.requireNonNull(metric, "metric");
        Objects.requireNonNull(direction, "direction");
        Objects.requireNonNull(published, "published");
        Objects.requireNonNull(notes, "notes");
        search = Collections.unmodifiableMap(new LinkedHashMap<>(search));
        heatmap = List.copyOf(heatmap);
        if (!heatmap.isEmpty() && (heatmap.size() != 2 || heatmap.get(0).equals(heatmap.get(1))
                || !search.keySet().containsAll(heatmap))) {
            throw new IllegalArgumentException("heatmap of study '" + algorithm + " " + dataset + " " + setting
                    + "' must name two different searched parameters of " + search.keySet() + ", got " + heatmap);
        }
    }

    /** Whether higher scores are better. */
    public boolean maximize() {
        return direction == StudyDirection.MAXIMIZE;
    }
}
