package dev.metatune.sweep;

import dev.metatune.hpo.FrozenTrial;
import dev.metatune.hpo.TrialState;
import dev.metatune.hpo.Storage;
import dev.metatune.hpo.StudyInfo;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * How a run ended, read from its storage: the studies that completed no trial (a tuning study whose
 * every trial failed or was pruned, or a final evaluation with no seed evaluated), each with its first
 * failure reason. A run with such a study is a failure (exit 1), though its report is written.
 *
 * @param incomplete the studies that completed no trial, in suite order
 */
public record RunOutcome(List<IncompleteStudy> incomplete) {

    /** One study that completed no trial, and why its first failed trial failed. */
    public record IncompleteStudy(String study, String firstFailure) {
        public IncompleteStudy {
            Objects.requireNonNull(study, "study");
            Objects.requireNonNull(firstFailure, "firstFailure");
        }
    }

    public RunOutcome {
        incomplete = List.copyOf(incomplete);
    }

    /** Whether every study completed at least one trial. */
    public boolean complete() {
        return incomplete.isEmpty();
    }

    /**
     * One line naming the incomplete studies and their first failure reasons, e.g.
     * {@code 1 of 4 studies completed no trial: maml-synthetic-5w1s (trial 0: inner_lr must be > 0)}.
     */
    public String summary(int studies) {
        StringBuilder sb = new StringBuilder().append(incomplete.size()).append(" of ").append(studies)
                .append(studies == 1 ? " study" : " studies").append(" completed no trial: ");
        for (int i = 0; i < incomplete.size(); i++) {
            IncompleteStudy s = incomplete.get(i);
            sb.append(i > 0 ? "; " : "").append(s.study()).append(" (").append(s.firstFailure()).append(')');
        }
        return sb.toString();
    }

    /**
     * The outcome of a run's studies in {@code storage}. Each element of {@code stages} names the
     * studies of one suite study in the order they run (tuning, then final evaluation); the first of
     * them that is absent or has no COMPLETE trial is incomplete, and the later ones, which could not
     * run, are not named again.
     */
    public static RunOutcome of(Storage storage, List<List<String>> stages) {
        List<IncompleteStudy> incomplete = new ArrayList<>();
        for (List<String> chain : stages) {
            for (String name : chain) {
                Optional<StudyInfo> info = storage.findStudy(name);
                List<FrozenTrial> trials = info.isPresent() ? storage.trials(info.get().studyId()) : List.of();
                if (trials.stream().noneMatch(t -> t.state() == TrialState.COMPLETE)) {
                    incomplete.add(new IncompleteStudy(name, firstFailure(trials)));
                    break;
                }
            }
        }
        return new RunOutcome(incomplete);
    }

    private static String firstFailure(List<FrozenTrial> trials) {
        Optional<FrozenTrial> failed = trials.stream().filter(t -> t.state() == TrialState.FAIL)
                .min(Comparator.comparingInt(FrozenTrial::number));
        if (failed.isPresent()) {
            String reason = failed.get().failReason();
            return "trial " + failed.get().number() + ": " + (reason == null || reason.isBlank() ? "failed" : reason);
        }
        long pruned = trials.stream().filter(t -> t.state() == TrialState.PRUNED).count();
        if (pruned > 0) {
            return "all " + pruned + (pruned == 1 ? " trial was" : " trials were") + " pruned";
        }
        return trials.isEmpty() ? "no trial ran" : "no trial finished";
    }
}
