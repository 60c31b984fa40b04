package dev.metatune.data;

import dev.metatune.task.EpisodeSource;
import dev.metatune.task.TaskSpec;
import java.nio.file.Path;

/**
 * Run in a second JVM by the determinism tests: prints "index digest" for each requested episode.
 * Arguments: dataset dataRoot cacheDir split seed ways shots queries index...
 */
public final class EpisodeHashMain {

    private EpisodeHashMain() {
    }

    public static void main(String[] args) {
        DataOptions options = new DataOptions(Path.of(args[1]), Path.of(args[2]), 0, false);
        Dataset dataset = DatasetProvider.registry().get(args[0]).open(options);
        TaskSpec spec = new TaskSpec(Integer.parseInt(args[5]), Integer.parseInt(args[6]), Integer.parseInt(args[7]));
        EpisodeSource source = dataset.episodes(args[3], spec, Long.parseLong(args[4]));
        for (int i = 8; i < args.length; i++) {
            long index = Long.parseLong(args[i]);
            System.out.println(index + " " + EpisodeDigest.of(source.episode(index)));
        }
    }
}
