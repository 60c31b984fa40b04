package dev.metatune.data;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.metatune.data.sinusoid.SinusoidEpisodeSource;
import dev.metatune.task.Episode;
import dev.metatune.task.EpisodeSource;
import dev.metatune.task.TaskKind;
import dev.metatune.task.TaskSpec;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The two data sets that need no files: synthetic images and sinusoid regression. */
class GeneratedDatasetsTest {

    @TempDir
    Path dir;

    private Dataset open(String name) {
        return DatasetProvider.registry().get(name).open(new DataOptions(dir.resolve("none"), dir, 0, false));
    }

    @Test
    void syntheticSplitsHaveTheirSizesAndImagesInRange() {
        Dataset synthetic = open("synthetic");
        assertEquals(List.of("train", "val", "test"), synthetic.splits());
        int[] classes = {64, 16, 20};
        for (int s = 0; s < 3; s++) {
            String split = synthetic.splits().get(s);
            SplitInfo info = synthetic.info(split);
            assertTrue(info.available());
            assertEquals(classes[s], info.classes());
            assertEquals(20, info.imagesPerClass());
            assertTrue(info.detail().contains("28x28"), info.detail());
            ImagePool pool = synthetic.pool(split);
            assertEquals(classes[s], pool.classCount());
            assertEquals(List.of(1, 28, 28), Arrays.stream(pool.exampleShape()).boxed().toList());
            float[] image = new float[784];
            for (int c = 0; c < pool.classCount(); c++) {
                pool.copyImage(c, c % 20, image, 0);
                float max = 0;
                for (float v : image) {
                    assertTrue(v >= 0f && v <= 1f, split + " class " + c + " value " + v);
                    max = Math.max(max, v);
                }
                assertTrue(max > 0.9f, split + " class " + c + " has ink");
            }
        }
    }

    @Test
    void syntheticEpisodesAreTheSameInAnotherJvm() throws Exception {
        List<String> arguments = List.of("synthetic", dir.toString(), dir.toString(), "test", "5", "5", "1", "15",
                "0", "7");
        Map<Long, String> there = SecondJvm.episodeDigests(arguments);
        EpisodeSource here = open("synthetic").episodes("test", new TaskSpec(5, 1, 15), 5);
        assertEquals(EpisodeDigest.of(here.episode(0)), there.get(0L));
        assertEquals(EpisodeDigest.of(here.episode(7)), there.get(7L));
        assertNotEquals(there.get(0L), there.get(7L), "another episode, another digest");
    }

    @Test
    void syntheticEpisodesAreDeterministicAndLabelled() {
        Dataset synthetic = open("synthetic");
        TaskSpec spec = new TaskSpec(5, 2, 3);
        EpisodeSource a = synthetic.episodes("train", spec, 11);
        EpisodeSource b = open("synthetic").episodes("train", spec, 11);
        Episode e = a.episode(17);
        assertEquals(e, b.episode(17));
        assertNotEquals(e, a.episode(18));
        assertEquals(List.of(0, 0, 1, 1, 2, 2, 3, 3, 4, 4), Arrays.stream(e.support().labels()).boxed().toList());
        assertEquals(5, new HashSet<>(Arrays.stream(e.classIds()).boxed().toList()).size(), "ways drawn without replacement");
        DataException tooMany = assertThrows(DataException.class,
                () -> synthetic.episodes("val", new TaskSpec(17, 1, 1), 0));
        assertTrue(tooMany.getMessage().contains("17 ways") && tooMany.getMessage().contains("16 classes"));
        DataException unknown = assertThrows(DataException.class, () -> synthetic.pool("holdout"));
        assertTrue(unknown.getMessage().contains("'holdout'"), unknown.getMessage());
    }

    @Test
    void syntheticImageSizeIsConfigurable() {
        Dataset synthetic = DatasetProvider.registry().get("synthetic")
                .open(new DataOptions(dir, dir, 14, false));
        assertEquals(14, synthetic.pool("test").exampleShape()[1]);
    }

    @Test
    void sinusoidSplitsAreRegressionWithTheirOwnFunctions() {
        Dataset sinusoid = open("sinusoid");
        assertEquals(TaskKind.REGRESSION, sinusoid.kind());
        TaskSpec spec = new TaskSpec(1, 10, 10);
        Episode train = sinusoid.episodes("train", spec, 5).episode(0);
        Episode test = sinusoid.episodes("test", spec, 5).episode(0);
        assertEquals(train, sinusoid.episodes("train", spec, 5).episode(0));
        assertFalse(Arrays.equals(train.support().targets(), test.support().targets()), "splits differ");
        for (float x : train.support().inputs()) {
            assertTrue(x >= SinusoidEpisodeSource.MIN_X && x <= SinusoidEpisodeSource.MAX_X, "x " + x);
        }
        for (float y : train.query().targets()) {
            assertTrue(Math.abs(y) <= SinusoidEpisodeSource.MAX_AMPLITUDE, "y " + y);
        }
        SplitInfo info = sinusoid.info("val");
        assertTrue(info.available());
        assertEquals(0, info.classes());
    }

    @Test
    void sinusoidRefusesClassesAndSeveralWays() {
        Dataset sinusoid = open("sinusoid");
        DataException pool = assertThrows(DataException.class, () -> sinusoid.pool("train"));
        assertTrue(pool.getMessage().contains("regression"), pool.getMessage());
        DataException ways = assertThrows(DataException.class, () -> sinusoid.episodes("train", new TaskSpec(5, 1, 1), 0));
        assertTrue(ways.getMessage().contains("ways must be 1") && ways.getMessage().contains("5"), ways.getMessage());
    }
}
