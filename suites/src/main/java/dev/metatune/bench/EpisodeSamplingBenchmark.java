package dev.metatune.bench;

import dev.metatune.data.ImageEpisodeSource;
import dev.metatune.data.synthetic.SyntheticImagePool;
import dev.metatune.task.EpisodeSource;
import dev.metatune.task.TaskSpec;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Warmup;
import org.openjdk.jmh.infra.Blackhole;

/**
 * How long drawing one episode takes (class and image choice, copying 28x28 images into the
 * episode's arrays): the data side of a meta-training step, which the prefetcher hides behind the
 * learner. Run: {@code java -cp suites/target/metatune.jar org.openjdk.jmh.Main EpisodeSampling}.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
@Warmup(iterations = 3, time = 1)
@Measurement(iterations = 5, time = 1)
@Fork(1)
public class EpisodeSamplingBenchmark {

    /** ways-shots-queries: MAML's 5-way 1-shot tasks and ProtoNet's 60-way 5-shot training episodes. */
    @Param({"5-1-15", "60-5-5"})
    public String shape;

    private EpisodeSource source;
    private long next;

    @Setup
    public void setUp() {
        String[] p = shape.split("-");
        TaskSpec spec = new TaskSpec(Integer.parseInt(p[0]), Integer.parseInt(p[1]), Integer.parseInt(p[2]));
        source = new ImageEpisodeSource(new SyntheticImagePool(200, 20, 28, 7, 0.05, 1), spec, 1, "synthetic/bench");
    }

    @Benchmark
    public void drawEpisode(Blackhole hole) {
        hole.consume(source.episode(next++));
    }
}
