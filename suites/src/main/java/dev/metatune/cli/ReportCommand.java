package dev.metatune.cli;

import dev.metatune.hpo.Storage;
import dev.metatune.hpo.storage.StorageFactory;
import dev.metatune.report.ReportFormat;
import dev.metatune.report.RunReport;
import dev.metatune.sweep.RunFolder;
import java.nio.file.Path;
import java.util.EnumSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.Callable;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/** {@code metatune report RUN_DIR}: rebuilds a run's tables, report and plots from its stored trials. */
@Command(name = "report", mixinStandardHelpOptions = true,
        description = "Rebuild trials.csv, curves.csv, comparison.csv, comparison.tex, report.md, report.html,"
                + " provenance.json and the plots of a run folder from its study storage (the same storage gives the same"
                + " bytes).")
final class ReportCommand implements Callable<Integer> {

    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    @Parameters(index = "0", paramLabel = "RUN_DIR", description = "A run folder written by 'metatune run'.")
    Path runDir;

    @Option(names = "--format", split = ",", paramLabel = "FORMAT",
            description = "Which files to write: latex (comparison.tex), markdown (report.md), csv (trials.csv, curves.csv,"
                    + " comparison.csv), html (report.html and the plots); repeat or separate with commas (default: all).")
    List<String> formats;

    @Override
    public Integer call() throws Exception {
        RunFolder folder = new RunFolder(runDir);
        try (Storage storage = StorageFactory.open(folder.storedStorage())) {
            RunReport.write(storage, runDir, formats());
        }
        System.err.println("metatune: rebuilt the report files of " + runDir);
        return 0;
    }

    private Set<ReportFormat> formats() {
        if (formats == null || formats.isEmpty()) {
            return ReportFormat.all();
        }
        Set<ReportFormat> chosen = EnumSet.noneOf(ReportFormat.class);
        for (String f : formats) {
            try {
                chosen.add(ReportFormat.parse(f));
            } catch (IllegalArgumentException e) {
                throw new CommandLine.ParameterException(spec.commandLine(), "--format: " + e.getMessage());
            }
        }
        return chosen;
    }
}
