package dev.metatune.data;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.metatune.task.TaskKind;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/** What every registered data set promises, checked over each one on an empty data root. */
class DatasetProvidersContractTest {

    @TempDir
    Path empty;

    static Stream<DatasetProvider> providers() {
        return DatasetProvider.registry().all().stream();
    }

    @Test
    void theRegisteredNamesAreExactlyTheEight() {
        assertEquals(List.of("cifar-fs", "image-folder", "mini-imagenet", "nav2d", "omniglot", "pendulum", "sinusoid",
                        "synthetic"),
                DatasetProvider.registry().names());
    }

    @ParameterizedTest
    @MethodSource("providers")
    void splitsAreKnownWithoutFilesAndInfoNeverThrows(DatasetProvider provider) {
        assertFalse(provider.description().isBlank());
        Dataset dataset = provider.open(new DataOptions(empty, empty.resolve("cache"), 0, false));
        assertEquals(provider.name(), dataset.name());
        assertEquals(provider.splitNames(), dataset.splits());
        assertTrue(dataset.splits().containsAll(List.of("train", "val", "test")), dataset.splits().toString());
        for (String split : dataset.splits()) {
            SplitInfo info = dataset.info(split);
            assertEquals(provider.name(), info.dataset());
            assertEquals(split, info.split());
            assertFalse(info.detail().isBlank(), "a detail for " + split);
            if (!info.available()) {
                assertEquals(0, info.classes());
                DataException e = assertThrows(DataException.class, () -> dataset.pool(split));
                assertTrue(e.getMessage().contains(empty.toString()), "names the data root: " + e.getMessage());
            } else if (dataset.kind() == TaskKind.CLASSIFICATION) {
                assertEquals(info.classes(), dataset.pool(split).classCount());
            }
        }
        assertThrows(DataException.class, () -> dataset.pool("no-such-split"));
    }
}
