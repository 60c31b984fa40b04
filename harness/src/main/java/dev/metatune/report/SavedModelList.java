package dev.metatune.report;

import java.io.IOException;
import java.io.Reader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.apache.commons.csv.CSVFormat;
import org.apache.commons.csv.CSVParser;
import org.apache.commons.csv.CSVPrinter;
import org.apache.commons.csv.CSVRecord;

/**
 * {@code models.csv} of a run folder ({@code study,seed,path}, paths relative to the folder): the model
 * folders its final evaluations saved, for {@code metatune test --model}. The run writes it; the
 * report lists it.
 */
public final class SavedModelList {

    /** The file's name in a run folder. */
    public static final String FILE = "models.csv";

    /** One saved model: the final-evaluation study, the training seed, the folder relative to the run. */
    public record Entry(String study, long seed, String path) {
    }

    private SavedModelList() {
    }

    /** Writes the list (atomically), in the order given. */
    public static void write(Path runDir, List<Entry> entries) throws IOException {
        StringBuilder out = new StringBuilder();
        try (CSVPrinter printer = new CSVPrinter(out, CSVFormat.DEFAULT.builder().setRecordSeparator('\n')
                .setHeader("study", "seed", "path").build())) {
            for (Entry e : entries) {
                printer.printRecord(e.study(), e.seed(), e.path());
            }
        }
        AtomicFiles.writeString(runDir.resolve(FILE), out.toString());
    }

    /** The list of {@code runDir}, empty when the run saved no model. */
    public static List<Entry> read(Path runDir) throws IOException {
        Path file = runDir.resolve(FILE);
        List<Entry> entries = new ArrayList<>();
        if (!Files.isRegularFile(file)) {
            return entries;
        }
        try (Reader in = Files.newBufferedReader(file);
             CSVParser parser = CSVFormat.DEFAULT.builder().setHeader().setSkipHeaderRecord(true).build().parse(in)) {
            for (CSVRecord r : parser) {
                try {
                    entries.add(new Entry(r.get("study"), Long.parseLong(r.get("seed")), r.get("path")));
                } catch (IllegalArgumentException e) {
                    throw new IOException(file + ":" + parser.getCurrentLineNumber() + ": not a row of study,seed,path ("
                            + e.getMessage() + ")", e);
                }
            }
        }
        return entries;
    }
}
