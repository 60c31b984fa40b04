package dev.metatune.hpo.importance;

import dev.metatune.hpo.FrozenTrial;
import dev.metatune.hpo.StudyDirection;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;

/**
 * The importances of one study's parameters by both evaluators, for reports: one row per searched
 * parameter, most important (by fANOVA, then PED-ANOVA) first.
 *
 * @param study  the study's name
 * @param trials the COMPLETE trials the importances come from
 * @param rows   one per parameter, most important first
 */
public record StudyImportance(String study, int trials, List<Row> rows) {

    /** The fewest COMPLETE trials for which importances are computed. */
    public static final int MIN_TRIALS = 4;

    /** The seed of the fANOVA forest, fixed so that a report is reproducible. */
    public static final long SEED = 0;

    /**
     * One parameter's importances.
     *
     * @param parameter the parameter
     * @param pedAnova  its PED-ANOVA share, in [0, 1]
     * @param fanova    its fANOVA share, in [0, 1]
     */
    public record Row(String parameter, double pedAnova, double fanova) {
    }

    public StudyImportance {
        rows = List.copyOf(rows);
        if (trials < 0) {
            throw new IllegalArgumentException("trials must be >= 0, got " + trials);
        }
    }

    /**
     * Both importances of a study's trials (64 trees, seed {@link #SEED}; PED-ANOVA with Optuna's
     * defaults), or {@code null} when it has fewer than {@link #MIN_TRIALS} COMPLETE trials or no
     * parameter that varies.
     */
    public static StudyImportance of(String study, List<FrozenTrial> trials, StudyDirection direction) {
        ImportanceInput input = ImportanceInput.of(trials, direction);
        if (input.size() < MIN_TRIALS || input.names().isEmpty()) {
            return null;
        }
        Map<String, Double> ped = new PedAnova().evaluate(input);
        Map<String, Double> fanova = new Fanova(64, SEED).evaluate(input);
        List<Row> rows = new ArrayList<>();
        for (String p : input.names()) {
            rows.add(new Row(p, ped.get(p), fanova.get(p)));
        }
        rows.sort(Comparator.comparingDouble((Row r) -> -r.fanova()).thenComparingDouble(r -> -r.pedAnova())
                .thenComparing(Row::parameter));
        return new StudyImportance(study, input.size(), rows);
    }
}
