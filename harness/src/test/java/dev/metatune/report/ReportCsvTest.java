package dev.metatune.report;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ReportCsvTest {

    @TempDir
    Path dir;

    @Test
    void trialsHaveOneColumnPerParameterInNameOrder() throws Exception {
        Path file = dir.resolve("trials.csv");
        ReportCsv.writeTrials(file, List.of(
                new TrialRow("omniglot/5w1s/maml", 0, "COMPLETE", Map.of("inner_lr", 0.4, "inner_steps", 1), 0.91234567891,
                        4, 12.345, "cpu()", 1, ""),
                new TrialRow("omniglot/5w1s/maml", 1, "FAIL", Map.of("outer_lr", 1e-3), null, 0, 0.04, "cpu()", 1,
                        "loss is NaN, at step 3")));
        assertEquals("""
                study,trial,state,value,intermediate_values,seconds,device,seed,fail_reason,param_inner_lr,param_inner_steps,param_outer_lr
                omniglot/5w1s/maml,0,COMPLETE,0.91234568,4,12.3,cpu(),1,,0.4,1,
                omniglot/5w1s/maml,1,FAIL,,0,0.0,cpu(),1,"loss is NaN, at step 3",,,0.001
                """, Files.readString(file));
    }

    @Test
    void comparisonStatesPaperDifferenceAndPairedP() throws Exception {
        Path file = dir.resolve("comparison.csv");
        ReportCsv.writeComparison(file, List.of(new ComparisonRow("omniglot", "5w1s", "maml", Map.of("inner_lr", 0.4),
                "accuracy", 0.95, 0.004, 600, 3, 0.002, 0.987, null, "3 test inner steps")));
        String[] lines = Files.readString(file).split("\n");
        assertEquals("dataset,setting,algorithm,metric,mean,ci95,episodes,seeds,seed_std,paper,diff_vs_paper,p_vs_best,"
                + "best_params,notes", lines[0]);
        assertEquals("omniglot,5w1s,maml,accuracy,0.95,0.004,600,3,0.002,0.987,-0.037,,inner_lr=0.4,3 test inner steps", lines[1]);
    }

    @Test
    void numbersHaveOneCanonicalForm() {
        assertEquals("3", Numbers.format(3.0));
        assertEquals("0.1", Numbers.format(0.1));
        assertEquals("1E-7", Numbers.format(1e-7));
        assertEquals("0.33333333", Numbers.format(1.0 / 3));
        assertEquals("", Numbers.format((Object) null));
        assertEquals("NaN", Numbers.format(Double.NaN));
    }
}
