package dev.metatune.cli;

import dev.metatune.data.Dataset;
import dev.metatune.data.DatasetProvider;
import dev.metatune.error.UserInputException;
import dev.metatune.task.Episode;
import dev.metatune.task.EpisodeSource;
import dev.metatune.task.TaskKind;
import dev.metatune.task.TaskSpec;
import dev.metatune.train.episodes.EpisodeList;
import dev.metatune.train.model.InputTransform;
import java.nio.file.Path;
import java.util.AbstractList;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/**
 * {@code metatune episodes}: writes the fixed episodes the harness itself samples (data set, split,
 * setting, seed) as an episode list, the images as PNG files beside it, so that anyone can test on
 * exactly these episodes ({@code test --episodes FILE}).
 */
@Command(name = "episodes", mixinStandardHelpOptions = true, sortOptions = false,
        description = {"Write the harness's fixed episodes as an episode list (CSV episode,role,label,path) with PNG images.",
            "The test episodes of eval and test use --seed " + dev.metatune.eval.EvaluationProtocol.TEST_EPISODE_SEED + "."})
final class EpisodesCommand implements Callable<Integer> {

    @Option(names = "--dataset", required = true, description = "Data set name (see 'metatune list').")
    String dataset;

    @Mixin
    DataDirOptions data;

    @Option(names = "--split", defaultValue = "test", description = "Split (default: ${DEFAULT-VALUE}).")
    String split;

    @Option(names = "--ways", required = true, description = "N: classes per episode.")
    int ways;

    @Option(names = "--shots", required = true, description = "K: support examples per class.")
    int shots;

    @Option(names = "--queries", defaultValue = "15", description = "Query examples per class (default: ${DEFAULT-VALUE}).")
    int queries;

    @Option(names = "--count", required = true, description = "Episodes to write (the first N of the sampler).")
    int count;

    @Option(names = "--seed", defaultValue = "" + dev.metatune.eval.EvaluationProtocol.TEST_EPISODE_SEED,
            description = "Episode seed (default: ${DEFAULT-VALUE}, the seed of the test episodes of eval and test).")
    long seed;

    @Option(names = "--out", required = true, paramLabel = "FILE", description = "The CSV to write; images go to"
            + " FILE-images/ beside it.")
    Path out;

    @Override
    public Integer call() throws Exception {
        if (count < 1) {
            throw new UserInputException("--count must be at least 1, got " + count);
        }
        Dataset opened = DatasetProvider.registry().get(dataset).open(data.toOptions(0));
        if (opened.kind() != TaskKind.CLASSIFICATION) {
            throw new UserInputException("episode lists hold images; data set '" + dataset + "' has " + opened.kind()
                    + " tasks");
        }
        EpisodeSource source = opened.episodes(split, new TaskSpec(ways, shots, queries), seed);
        InputTransform transform = InputTransform.of(opened.name(), source.exampleShape());
        EpisodeList.write(out, new AbstractList<Episode>() {
            @Override
            public Episode get(int i) {
                return source.episode(i);
            }

            @Override
            public int size() {
                return count;
            }
        }, transform);
        System.err.printf(java.util.Locale.ROOT, "%d episodes of %s %s (%s, seed %d) written to %s%n", count, dataset, split,
                source.spec(), seed, out);
        return 0;
    }
}
