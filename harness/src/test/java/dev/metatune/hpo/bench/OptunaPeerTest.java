package dev.metatune.hpo.bench;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import dev.metatune.error.UserInputException;
import dev.metatune.testing.Environment;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;

/** The Optuna peer's plumbing against Debian's python3-optuna: required in CI, skipped elsewhere when absent. */
class OptunaPeerTest {

    private static void requireOptuna() throws Exception {
        Process p = new ProcessBuilder(OptunaPeer.DEFAULT_PYTHON.toString(), "-c", "import optuna").start();
        boolean present = p.waitFor() == 0;
        if (!present && Environment.inCi()) {
            fail("python3-optuna is missing in CI; .ci/run installs it");
        }
        Assumptions.assumeTrue(present, "Optuna peer tests skipped: /usr/bin/python3 cannot import optuna");
    }

    @Test
    void optunaRunsTheSameFunctionsAndSeeds() throws Exception {
        requireOptuna();
        OptunaPeer.Result r = new OptunaPeer(OptunaPeer.DEFAULT_PYTHON).regretTable(BenchmarkFunctions.all(),
                OptunaPeer.SAMPLERS, 2, 10);
        assertTrue(r.optunaVersion().startsWith("3.") || r.optunaVersion().startsWith("4."), r.optunaVersion());
        assertEquals(BenchmarkFunctions.all().size() * OptunaPeer.SAMPLERS.size(), r.rows().size());
        for (HpoBenchmark.RegretRow row : r.rows()) {
            assertTrue(row.sampler().startsWith(OptunaPeer.PREFIX), row.toString());
            assertEquals(2, row.seeds());
            assertTrue(row.medianRegret() >= -1e-6 && Double.isFinite(row.medianRegret()), row.toString());
        }
        // the same seeds give Optuna's same studies
        assertEquals(r.rows(), new OptunaPeer(OptunaPeer.DEFAULT_PYTHON).regretTable(BenchmarkFunctions.all(),
                OptunaPeer.SAMPLERS, 2, 10).rows());
    }

    @Test
    void theScriptRefusesAFunctionThatDiffersFromMetatunes() throws Exception {
        requireOptuna();
        BenchmarkFunction shifted = new BenchmarkFunction() {
            public String name() {
                return "branin";
            }

            public double minimum() {
                return 0;
            }

            public boolean continuous() {
                return true;
            }

            public java.util.Map<String, dev.metatune.space.Distribution> space() {
                return BenchmarkFunctions.branin().space();
            }

            public double evaluate(dev.metatune.hpo.Trial trial) {
                return BenchmarkFunctions.branin().evaluate(trial) + 1;
            }
        };
        UserInputException e = assertThrows(UserInputException.class,
                () -> new OptunaPeer(OptunaPeer.DEFAULT_PYTHON).regretTable(List.of(shifted), List.of("tpe"), 1, 2));
        assertTrue(e.getMessage().contains("branin"), e.getMessage());
    }

    @Test
    void aMissingInterpreterIsAUserError() {
        UserInputException e = assertThrows(UserInputException.class, () -> new OptunaPeer(Path.of("/nonexistent/python3"))
                .regretTable(BenchmarkFunctions.all(), List.of("tpe"), 1, 2));
        assertTrue(e.getMessage().contains("python3-optuna"), e.getMessage());
    }
}
