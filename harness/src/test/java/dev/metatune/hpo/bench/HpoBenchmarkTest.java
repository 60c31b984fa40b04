package dev.metatune.hpo.bench;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.StringWriter;
import java.util.List;
import org.junit.jupiter.api.Test;

class HpoBenchmarkTest {

    @Test
    void functionsHaveTheirKnownMinima() {
        assertEquals(0.397887, BenchmarkFunctions.branin(Math.PI, 2.275), 1e-6);
        assertEquals(0.397887, BenchmarkFunctions.branin(-Math.PI, 12.275), 1e-6);
        double[] h = {0.20169, 0.150011, 0.476874, 0.275332, 0.311652, 0.6573};
        assertEquals(-3.32237, BenchmarkFunctions.hartmann6(h), 1e-5);
        assertTrue(BenchmarkFunctions.hartmann6(new double[] {0.5, 0.5, 0.5, 0.5, 0.5, 0.5}) > -3.32237);
    }

    @Test
    void aSmallRunGivesOneRowPerFunctionAndSamplerWithNonNegativeRegret() throws Exception {
        List<HpoBenchmark.RegretRow> rows = HpoBenchmark.regretTable(BenchmarkFunctions.all(), HpoBenchmark.REGRET_SAMPLERS, 2, 10);
        assertEquals(20, rows.size());
        for (HpoBenchmark.RegretRow r : rows) {
            assertTrue(r.medianRegret() >= 0 && r.q25Regret() <= r.medianRegret() && r.medianRegret() <= r.q75Regret(), r.toString());
        }
        assertEquals(rows, HpoBenchmark.regretTable(BenchmarkFunctions.all(), HpoBenchmark.REGRET_SAMPLERS, 2, 10),
                "same seeds, same table");
        StringWriter csv = new StringWriter();
        BenchmarkTables.writeRegretCsv(rows, csv);
        assertEquals(21, csv.toString().lines().count());
        assertTrue(csv.toString().startsWith("function,sampler,seeds,trials,median_regret"));
        String json = BenchmarkTables.json(rows.get(0));
        assertTrue(json.matches("\\{\"function\":\"branin\",\"sampler\":\"random\",\"seeds\":2,\"trials\":10,"
                + "\"median_regret\":[0-9.Ee-]+}"), json);
        String table = BenchmarkTables.regretMarkdown(rows);
        assertTrue(table.contains("| hartmann6 |") && table.contains("random / tpe"), table);
        List<HpoBenchmark.RegretRow> withPeer = List.of(new HpoBenchmark.RegretRow("branin", "tpe", 2, 10, 0.2, 0.1, 0.3),
                new HpoBenchmark.RegretRow("branin", "optuna-tpe", 2, 10, 0.4, 0.2, 0.5));
        assertTrue(BenchmarkTables.regretMarkdown(withPeer).contains("| branin | 0.2000 | 0.4000 | 0.50 |"),
                BenchmarkTables.regretMarkdown(withPeer));
    }

    @Test
    void askTimeIsMeasuredAtTheRequestedHistory() {
        HpoBenchmark.AskTimeRow row = HpoBenchmark.askTime(BenchmarkFunctions.branin(), "tpe", 20, 3, 0);
        assertEquals(20, row.finishedTrials());
        assertTrue(row.medianMillis() > 0 && row.meanMillis() > 0);
    }

    @Test
    void quantilesInterpolateLikeNumpy() {
        assertEquals(2.5, HpoBenchmark.quantile(new double[] {4, 1, 3, 2}, 0.5), 1e-12);
        assertEquals(1.75, HpoBenchmark.quantile(new double[] {4, 1, 3, 2}, 0.25), 1e-12);
    }
}
