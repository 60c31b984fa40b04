package dev.metatune.hpo.sampler;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.metatune.hpo.SamplerProvider;
import dev.metatune.hpo.Study;
import dev.metatune.hpo.storage.InMemoryStorage;
import java.util.Arrays;
import java.util.Map;
import org.apache.commons.math3.random.MersenneTwister;
import org.junit.jupiter.api.Test;

/** The Gaussian-process sampler and its model. */
class GpSamplerTest {

    @Test
    void theModelInterpolatesSmoothDataAndIsUnsureFarFromIt() {
        double[][] xs = new double[12][];
        double[] ys = new double[12];
        for (int i = 0; i < xs.length; i++) {
            double u = i / 11.0;
            xs[i] = new double[] {u, 0.5};
            ys[i] = Math.sin(6 * u);
        }
        GaussianProcess gp = GaussianProcess.fit(xs, ys, new MersenneTwister(1), 2, 400);
        for (int i = 0; i < xs.length; i++) {
            double[] p = gp.predict(xs[i]);
            assertEquals(ys[i], p[0], 0.02, "at " + Arrays.toString(xs[i]));
        }
        assertEquals(Math.sin(6 * 0.53), gp.predict(new double[] {0.53, 0.5})[0], 0.05);
        double near = gp.predict(new double[] {0.5, 0.5})[1];
        double far = gp.predict(new double[] {0.5, 1.0})[1];
        assertTrue(far > 3 * near, "sd near the data " + near + ", far from it " + far);
    }

    @Test
    void expectedImprovementHasItsClosedForm() {
        assertEquals(1 / Math.sqrt(2 * Math.PI), GaussianProcess.expectedImprovement(0, 1, 0), 1e-12);
        assertEquals(2, GaussianProcess.expectedImprovement(-2, 1e-9, 0), 1e-9);
        assertTrue(GaussianProcess.expectedImprovement(5, 1, 0) < 1e-5);
    }

    private static double best(String sampler, long seed, int trials) {
        Study study = Study.builder(new InMemoryStorage(), "q")
                .setSampler(SamplerProvider.registry().get(sampler).create(seed, Map.of())).create();
        study.optimize(t -> {
            double x = t.suggestFloat("x", -5, 5);
            double y = t.suggestFloat("y", 1e-3, 10, true);
            return (x - 1.3) * (x - 1.3) + Math.pow(Math.log10(y) - 0.2, 2);
        }, trials);
        return study.bestTrial().orElseThrow().value();
    }

    @Test
    void gpBeatsRandomOnAQuadratic() {
        double[] gp = new double[5];
        double[] random = new double[5];
        for (int s = 0; s < 5; s++) {
            gp[s] = best("gp", s, 25);
            random[s] = best("random", s, 25);
        }
        Arrays.sort(gp);
        Arrays.sort(random);
        assertTrue(gp[2] < random[2] / 10, "gp " + gp[2] + " vs random " + random[2]);
    }

    @Test
    void optionsAreValidated() {
        assertThrows(IllegalArgumentException.class, () -> new GpSampler.Settings(0, 10, 1, 100));
        assertThrows(IllegalArgumentException.class, () -> new GpSampler.Settings(5, 10, 1, 1));
        assertThrows(RuntimeException.class,
                () -> SamplerProvider.registry().get("gp").create(1, Map.of("n_candidates", 0)));
        assertThrows(RuntimeException.class,
                () -> SamplerProvider.registry().get("gp").create(1, Map.of("no_such_option", 1)));
    }
}
