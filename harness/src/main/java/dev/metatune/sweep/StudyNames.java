package dev.metatune.sweep;

import dev.metatune.suite.StudyPlan;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The names of a run's tuning studies, after the data set each one actually uses: with Omniglot
 * absent and {@code fallback: synthetic}, {@code maml-synthetic-5w1s}, not
 * {@code maml-omniglot-vinyals-5w1s}. Where a substituted study would take the name of another study
 * of the suite (the suite also runs the fallback data set itself), it says which data set it stands
 * in for: {@code maml-synthetic-for-omniglot-vinyals-5w1s}.
 */
final class StudyNames {

    private StudyNames() {
    }

    /** Each plan's study name, in the plans' order; the names are distinct. */
    static Map<StudyPlan, String> of(List<StudyPlan> plans, Map<String, ResolvedDataset> resolved) {
        Map<String, Integer> taken = new HashMap<>();
        for (StudyPlan plan : plans) {
            taken.merge(plan.studyName(used(plan, resolved)), 1, Integer::sum);
        }
        Map<StudyPlan, String> names = new LinkedHashMap<>();
        for (StudyPlan plan : plans) {
            String used = used(plan, resolved);
            String name = plan.studyName(used);
            if (taken.get(name) > 1 && !used.equals(plan.dataset().name())) {
                name = plan.studyName(used + "-for-" + plan.dataset().name()
                        + (plan.dataset().split().isEmpty() ? "" : "-" + plan.dataset().split()));
            }
            if (names.containsValue(name)) {
                throw new IllegalArgumentException("two studies of the suite would both be named '" + name
                        + "'; give one of their algorithm entries a 'label'");
            }
            names.put(plan, name);
        }
        return names;
    }

    private static String used(StudyPlan plan, Map<String, ResolvedDataset> resolved) {
        ResolvedDataset r = resolved.get(plan.dataset().name());
        return r == null ? plan.dataset().name() : r.usedName();
    }
}
