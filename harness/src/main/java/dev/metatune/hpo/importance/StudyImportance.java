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
 * <p>Which trials they come from: the COMPLETE trials with a finite value when there are at least
 * {@link #MIN_COMPLETE} of them (what Optuna's evaluators would see). A study with fewer (a small
 * study whose pruner stopped some trials: a quickstart study has three) also counts its PRUNED
 * trials, each with its last intermediate value (its stored value), as TPE counts them. At least {@link #MIN_TRIALS}
 * trials are needed (one trial has no variance to share out). A pruned trial's value
 * is from an earlier step, so it reads worse than it would have ended: importances from pruned
 * trials, or from fewer than {@link #FEW_TRIALS} trials, are a rough guide, and {@link #caution()}
 * says so.
 *
 * @param study    the study's name
 * @param complete the COMPLETE trials the importances come from
 * @param pruned   the PRUNED trials they come from (0 when there are {@link #MIN_COMPLETE} complete ones)
 * @param rows     one per parameter, most important first
 */
public record StudyImportance(String study, int complete, int pruned, List<Row> rows) {

    /** The fewest trials for which importances are computed: two, the fewest that vary. */
    public static final int MIN_TRIALS = 2;

    /** The COMPLETE trials from which on pruned trials are left out. */
    public static final int MIN_COMPLETE = 4;

    /** Below this many trials the importances come with a caution. */
    public static final int FEW_TRIALS = 10;

    /** The seed of the fANOVA forest, fixed so that a report is reproducible. */
    public static final long SEED = 0;

    /**
     * One parameter's importances.
     *
     * @param parameter the parameter
     * @param pedAnova  its PED-ANOVA share, in [0, 1], or NaN where PED-ANOVA cannot tell (its best 2
     *                  trials are all the trials)
     * @param fanova    its fANOVA share, in [0, 1], or NaN where the objective does not vary
     */
    public record Row(String parameter, double pedAnova, double fanova) {
    }

    public StudyImportance {
        rows = List.copyOf(rows);
        if (complete < 0 || pruned < 0) {
            throw new IllegalArgumentException("trial counts must be >= 0, got " + complete + " complete, " + pruned + " pruned");
        }
    }

    /** The trials the importances come from, complete and pruned. */
    public int trials() {
        return complete + pruned;
    }

    /** Which trials they come from, e.g. {@code 6 complete trials} or {@code 1 complete and 2 pruned trials}. */
    public String basis() {
        return pruned == 0 ? complete + " complete trials"
                : complete + " complete and " + pruned + " pruned trials (pruned at their last intermediate value)";
    }

    /** A caution when the importances come from few trials or from pruned ones; empty otherwise. */
    public String caution() {
        if (pruned == 0 && trials() >= FEW_TRIALS) {
            return "";
        }
        return "caution: from only " + basis() + "; a rough guide, not a measurement";
    }

    /**
     * Both importances of a study's trials (64 trees, seed {@link #SEED}; PED-ANOVA with Optuna's
     * defaults), from the trials the class comment says, or {@code null} when there are fewer than
     * {@link #MIN_TRIALS} of them or no parameter that varies.
     */
    public static StudyImportance of(String study, List<FrozenTrial> trials, StudyDirection direction) {
        ImportanceInput completeOnly = ImportanceInput.of(trials, direction, false);
        boolean withPruned = completeOnly.size() < MIN_COMPLETE;
        ImportanceInput input = withPruned ? ImportanceInput.of(trials, direction, true) : completeOnly;
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
        return new StudyImportance(study, completeOnly.size(), input.size() - completeOnly.size(), rows);
    }
}
