package dev.metatune.hpo.sampler;

import dev.metatune.space.Distribution;
import dev.metatune.hpo.FrozenTrial;
import dev.metatune.hpo.TrialState;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/** The search space that relative samplers model: what every finished trial shares (Optuna's IntersectionSearchSpace). */
final class SearchSpaces {

    private SearchSpaces() {
    }

    /**
     * The parameters, with equal distributions, of every COMPLETE (and, when asked, PRUNED) trial,
     * by name; parameters with a single value are left out.
     */
    static Map<String, Distribution> intersection(List<FrozenTrial> trials, boolean includePruned) {
        Map<String, Distribution> space = null;
        for (FrozenTrial t : trials) {
            if (t.state() != TrialState.COMPLETE && !(includePruned && t.state() == TrialState.PRUNED)) {
                continue;
            }
            if (space == null) {
                space = new TreeMap<>(t.distributions());
            } else {
                space.entrySet().removeIf(e -> !e.getValue().equals(t.distributions().get(e.getKey())));
            }
        }
        Map<String, Distribution> out = new LinkedHashMap<>();
        if (space != null) {
            space.forEach((k, v) -> {
                if (!v.isSingle()) {
                    out.put(k, v);
                }
            });
        }
        return out;
    }
}
