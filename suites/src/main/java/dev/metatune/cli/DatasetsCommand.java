package dev.metatune.cli;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.metatune.data.DataException;
import dev.metatune.data.DataOptions;
import dev.metatune.data.Dataset;
import dev.metatune.data.DatasetProvider;
import dev.metatune.plugin.Registry;
import dev.metatune.data.SplitInfo;
import dev.metatune.task.TaskKind;
import java.io.PrintWriter;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/**
 * {@code metatune datasets}: for each data set and split, whether it is available, its class count
 * and images per class; a table, or with {@code --json} one JSON object a line, e.g.
 * {@code {"dataset":"omniglot","split":"train","available":true,"classes":4112,"images_per_class":20,"detail":"..."}}.
 * With {@code --load} every available image split is also loaded (decoded, or read from the cache)
 * and the seconds it took are reported.
 */
@Command(name = "datasets", mixinStandardHelpOptions = true,
        description = "Print, for each data set and split, whether it is available, its classes and images per class.")
final class DatasetsCommand implements Callable<Integer> {

    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    @Mixin
    DataDirOptions dirs = new DataDirOptions();

    @Option(names = "--json", description = "One JSON object a line instead of a table.")
    boolean json;

    @Option(names = "--dataset", paramLabel = "NAME", description = "Only this data set (repeatable).")
    List<String> only = new ArrayList<>();

    @Option(names = "--load", description = "Also load every available image split and report the seconds it took.")
    boolean load;

    @Option(names = "--image-size", paramLabel = "N", description = "Image side for --load (default: each data set's own).")
    int imageSize;

    @Override
    public Integer call() throws JsonProcessingException {
        // listing never downloads: info() reads only what is there, and --load loads only available splits
        OptionChecks.atLeast("--image-size", imageSize, 0);
        DataOptions options = dirs.toOptions(imageSize);
        Registry<DatasetProvider> registry = DatasetProvider.registry();
        List<DatasetProvider> providers = new ArrayList<>();
        if (only.isEmpty()) {
            providers.addAll(registry.all());
        } else {
            for (String name : only) {
                providers.add(registry.get(name));
            }
        }
        PrintWriter out = spec.commandLine().getOut();
        ObjectMapper mapper = new ObjectMapper();
        if (!json) {
            out.printf("data root: %s%ncache:     %s%n", options.dataRoot(), options.cacheDir());
            out.printf("%-14s %-11s %-9s %8s %13s%s  %s%n", "dataset", "split", "available", "classes", "images/class",
                    load ? String.format(" %9s", "load (s)") : "", "detail");
        }
        for (DatasetProvider provider : providers) {
            Dataset dataset = provider.open(options);
            for (String split : dataset.splits()) {
                SplitInfo info = infoOf(dataset, split);
                Double seconds = null;
                if (load && info.available() && dataset.kind() == TaskKind.CLASSIFICATION) {
                    long start = System.nanoTime();
                    dataset.pool(split);
                    seconds = (System.nanoTime() - start) / 1e9;
                }
                if (json) {
                    Map<String, Object> row = new LinkedHashMap<>();
                    row.put("dataset", info.dataset());
                    row.put("split", info.split());
                    row.put("classes", info.classes());
                    row.put("images_per_class", info.imagesPerClass());
                    row.put("available", info.available());
                    if (seconds != null) {
                        row.put("load_seconds", Math.round(seconds * 1000) / 1000.0);
                    }
                    row.put("detail", info.detail());
                    out.println(mapper.writeValueAsString(row));
                } else {
                    out.printf("%-14s %-11s %-9s %8d %13d%s  %s%n", info.dataset(), info.split(),
                            info.available() ? "yes" : "no", info.classes(), info.imagesPerClass(),
                            load ? (seconds == null ? String.format(" %9s", "-") : String.format(" %9.2f", seconds)) : "",
                            info.detail());
                }
            }
        }
        out.flush();
        return 0;
    }

    /** A split's info; a data set whose files are unreadable counts as unavailable, with the reason. */
    private static SplitInfo infoOf(Dataset dataset, String split) {
        try {
            return dataset.info(split);
        } catch (DataException e) {
            return new SplitInfo(dataset.name(), split, false, 0, 0, e.getMessage());
        }
    }
}
