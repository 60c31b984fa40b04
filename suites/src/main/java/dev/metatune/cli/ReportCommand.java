package dev.metatune.cli;

import dev.metatune.hpo.Storage;
import dev.metatune.hpo.storage.StorageFactory;
import dev.metatune.report.RunReport;
import dev.metatune.sweep.RunFolder;
import java.nio.file.Path;
import java.util.concurrent.Callable;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Parameters;

/** {@code metatune report RUN_DIR}: rebuilds a run's tables, report and plots from its stored trials. */
@Command(name = "report", mixinStandardHelpOptions = true,
        description = "Rebuild trials.csv, curves.csv, comparison.csv, report.md, provenance.json and the plots of a run"
                + " folder from its study storage (the same storage gives the same bytes).")
final class ReportCommand implements Callable<Integer> {

    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    @Parameters(index = "0", paramLabel = "RUN_DIR", description = "A run folder written by 'metatune run'.")
    Path runDir;

    @Override
    public Integer call() throws Exception {
        RunFolder folder = new RunFolder(runDir);
        try (Storage storage = StorageFactory.open(folder.storedStorage())) {
            RunReport.write(storage, runDir);
        }
        System.err.println("metatune: rebuilt the report files of " + runDir);
        return 0;
    }
}
