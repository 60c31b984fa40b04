package dev.metatune.hpo.storage;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.metatune.hpo.FrozenTrial;
import dev.metatune.hpo.Storage;
import dev.metatune.hpo.Study;
import dev.metatune.hpo.StudyDirection;
import dev.metatune.hpo.importance.Fanova;
import dev.metatune.hpo.importance.ImportanceInput;
import dev.metatune.hpo.importance.PedAnova;
import dev.metatune.hpo.sampler.RandomSampler;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Metatune's importances against Optuna's fANOVA evaluator on one SQLite study that both read:
 * 200 random trials of f(x, y, z) = 10 x^2 + y + 0 z on [-1, 1]^3, where x matters most, y a
 * little and z not at all; both must rank x, y, z in that order.
 */
class ImportanceOptunaTest {

    @Test
    void sameRankingAsOptunasFanova(@TempDir Path dir) throws Exception {
        OptunaPeer.require("optuna", "sklearn");
        String url = TestStorages.freshSpec("sqlite", dir);
        List<FrozenTrial> trials;
        try (Storage storage = StorageFactory.open(url);
                Study study = Study.builder(storage, "known").setSampler(new RandomSampler(11)).create()) {
            study.optimize(trial -> {
                double x = trial.suggestFloat("x", -1, 1);
                double y = trial.suggestFloat("y", -1, 1);
                double z = trial.suggestFloat("z", -1, 1);
                return 10 * x * x + y + 0 * z;
            }, 200);
            trials = study.trials();
        }
        ImportanceInput input = ImportanceInput.of(trials, StudyDirection.MINIMIZE);
        Map<String, Double> fanova = new Fanova(64, 0).evaluate(input);
        Map<String, Double> ped = new PedAnova().evaluate(input);
        @SuppressWarnings("unchecked")
        Map<String, Object> optuna = (Map<String, Object>) OptunaPeer.run(dir, "importance", url, "known").get("fanova");
        assertEquals(List.of("x", "y", "z"), ranking(fanova), "Metatune's fANOVA " + fanova);
        assertEquals(List.of("x", "y", "z"), ranking(ped), "PED-ANOVA " + ped);
        assertEquals(List.of("x", "y", "z"), ranking(optuna), "Optuna's fANOVA " + optuna);
        double sum = fanova.values().stream().mapToDouble(Double::doubleValue).sum();
        assertEquals(1.0, sum, 1e-9, "normalised");
        // the share of x agrees with Optuna's within a few points
        double theirs = ((Number) optuna.get("x")).doubleValue();
        assertTrue(Math.abs(fanova.get("x") - theirs) < 0.05, "x: Metatune " + fanova.get("x") + ", Optuna " + theirs);
        assertTrue(fanova.get("z") < 0.05 && ped.get("z") < 0.5 * ped.get("y"), "z does not matter: " + fanova + " " + ped);
    }

    private static List<String> ranking(Map<String, ?> importances) {
        List<String> names = new ArrayList<>(importances.keySet());
        names.sort(Comparator.comparingDouble(n -> -((Number) importances.get(n)).doubleValue()));
        return names;
    }
}
