package dev.metatune.testing;

import static org.junit.jupiter.api.Assertions.fail;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.nio.file.Files;
import java.nio.file.Path;

/**
 * The read-only real data sets beside the repository ({@code ../shared/data}, passed by Maven as the
 * system property {@code metatune.test.data}, or {@code METATUNE_TEST_DATA}). Outside CI a test that
 * needs them is skipped with a message saying why; in CI ({@code CI=true}) their absence fails the test.
 */
public final class SharedData {

    private SharedData() {
    }

    /** The data root holding {@code name/} (e.g. {@code omniglot}), or a skip/failure when absent. */
    public static Path require(String name) {
        String configured = System.getenv("METATUNE_TEST_DATA");
        if (configured == null || configured.isBlank()) {
            configured = System.getProperty("metatune.test.data", "../shared/data");
        }
        Path root = Path.of(configured).toAbsolutePath().normalize();
        boolean present = Files.isDirectory(root.resolve(name));
        String why = "the real data set '" + name + "' is not at " + root.resolve(name)
                + " (set METATUNE_TEST_DATA to the folder that holds it)";
        if (!present && "true".equalsIgnoreCase(System.getenv("CI"))) {
            fail("CI=true but " + why);
        }
        assumeTrue(present, "skipped: " + why);
        return root;
    }
}
