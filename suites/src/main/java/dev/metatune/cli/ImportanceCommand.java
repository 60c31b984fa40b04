package dev.metatune.cli;

import dev.metatune.error.UserInputException;
import dev.metatune.hpo.Storage;
import dev.metatune.hpo.importance.StudyImportance;
import dev.metatune.hpo.storage.StorageFactory;
import dev.metatune.report.Numbers;
import dev.metatune.run.RunCodec;
import dev.metatune.run.RunRecord;
import dev.metatune.run.TuningStudy;
import dev.metatune.sweep.RunFolder;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.concurrent.Callable;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/**
 * {@code metatune importance RUN_DIR}: the importance of each searched hyperparameter of each tuning
 * study of a run, by fANOVA and PED-ANOVA, as a table (or CSV) on standard output.
 */
@Command(name = "importance", mixinStandardHelpOptions = true,
        description = "Print the importance of each searched hyperparameter of a run's tuning studies: fANOVA (Hutter et al."
                + " 2014, a random forest's functional ANOVA) and PED-ANOVA (Watanabe et al. 2023, best 10 % of trials"
                + " against all), each normalised to sum to one per study.")
final class ImportanceCommand implements Callable<Integer> {

    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    @Parameters(index = "0", paramLabel = "RUN_DIR", description = "A run folder written by 'metatune run'.")
    Path runDir;

    @Option(names = "--study", paramLabel = "NAME", description = "Only this study (default: every tuning study of the run).")
    String study;

    @Option(names = "--csv", description = "Print CSV (study,parameter,fanova,ped_anova,trials,complete,pruned) instead of tables.")
    boolean csv;

    @Override
    public Integer call() throws Exception {
        RunFolder folder = new RunFolder(runDir);
        PrintWriter out = spec.commandLine().getOut();
        try (Storage storage = StorageFactory.open(folder.storedStorage())) {
            RunCodec codec = new RunCodec(storage);
            RunRecord run = codec.readRun().orElseThrow(() -> new UserInputException(runDir + " holds no Metatune run record"));
            List<String> names = study == null ? run.studies() : List.of(study);
            if (study != null && !run.studies().contains(study)) {
                throw new UserInputException("run " + runDir + " has no study '" + study + "'; its studies are " + run.studies());
            }
            if (csv) {
                out.println("study,parameter,fanova,ped_anova,trials,complete,pruned");
            }
            for (String name : names) {
                Optional<TuningStudy> tuning = codec.readTuningStudy(name);
                if (tuning.isEmpty()) {
                    continue;
                }
                StudyImportance imp = StudyImportance.of(name, codec.trials(name), tuning.get().direction());
                if (imp == null) {
                    if (!csv) {
                        out.println(name + ": fewer than " + StudyImportance.MIN_TRIALS
                                + " complete or pruned trials with a value, or no searched parameter; no importances\n");
                    }
                    continue;
                }
                print(out, imp);
            }
        }
        out.flush();
        return 0;
    }

    private void print(PrintWriter out, StudyImportance imp) {
        if (csv) {
            for (StudyImportance.Row r : imp.rows()) {
                out.println(imp.study() + "," + r.parameter() + "," + fixed(r.fanova()) + "," + fixed(r.pedAnova()) + ","
                        + imp.trials() + "," + imp.complete() + "," + imp.pruned());
            }
            return;
        }
        int width = Math.max(9, imp.rows().stream().mapToInt(r -> r.parameter().length()).max().orElse(9));
        out.println(imp.study() + " (" + imp.basis() + ")");
        if (!imp.caution().isEmpty()) {
            out.println("  " + imp.caution());
        }
        out.printf(Locale.ROOT, "  %-" + width + "s  %7s  %9s%n", "parameter", "fANOVA", "PED-ANOVA");
        for (StudyImportance.Row r : imp.rows()) {
            out.printf(Locale.ROOT, "  %-" + width + "s  %7s  %9s%n", r.parameter(), Numbers.fixedOrNa(r.fanova(), 3),
                    Numbers.fixedOrNa(r.pedAnova(), 3));
        }
        out.println();
    }

    /** A share for the CSV: empty where the trials cannot tell (not a number). */
    private static String fixed(double v) {
        return Double.isNaN(v) ? "" : String.format(Locale.ROOT, "%.4f", v);
    }
}
