package dev.metatune.suite;

import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;

/** {@code suites/SCHEMA.md} documents every key the loader accepts, in a table row of its own. */
class SchemaDocTest {

    @Test
    void everyAcceptedKeyHasARow() throws IOException {
        String doc = Files.readString(Path.of("SCHEMA.md"));
        Map<String, Set<String>> keys = Map.of("", SuiteParser.KEYS, "datasets[i].", DatasetParser.KEYS,
                "settings.", DatasetParser.SETTING_KEYS, "algorithms[i].", AlgorithmParser.KEYS, "budget.", Budget.KEYS,
                "sampler.", SuiteParser.SAMPLER_KEYS, "pruner.", SuiteParser.PRUNER_KEYS);
        for (String scheme : DatasetParser.SPLIT_SCHEMES) {
            assertTrue(doc.contains("`" + scheme + "`"), "SCHEMA.md does not name split scheme " + scheme);
        }
        for (Map.Entry<String, Set<String>> e : keys.entrySet()) {
            for (String key : e.getValue()) {
                boolean row = doc.contains("\n| `" + key + "` |") || doc.contains("\n| `" + e.getKey() + key + "` |")
                        || doc.contains("\n| `sampler." + key + "` |") || doc.contains("\n| `pruner." + key + "` |");
                assertTrue(row, "SCHEMA.md has no row for " + e.getKey() + key);
            }
        }
        for (String form : Set.of("float", "int", "choice")) {
            assertTrue(doc.contains("`{" + form + ": ["), "SCHEMA.md has no distribution form " + form);
        }
    }
}
