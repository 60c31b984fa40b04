package dev.metatune.suite;

import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import dev.metatune.cli.SuiteCatalogs;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.SplittableRandom;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * Thousands of seeded random edits of the shipped suites (characters deleted, inserted or
 * replaced, lines dropped or repeated): each either loads or fails with a {@link SuiteException}
 * naming the file, never with any other exception.
 */
class MutatedSuitesTest {

    private static final String ALPHABET = " :-[]{},#&*!'\"\n\t0123456789.eE+xyz_";

    static String mutate(String text, SplittableRandom random) {
        StringBuilder sb = new StringBuilder(text);
        int edits = 1 + random.nextInt(3);
        for (int i = 0; i < edits && sb.length() > 1; i++) {
            int at = random.nextInt(sb.length());
            char c = ALPHABET.charAt(random.nextInt(ALPHABET.length()));
            switch (random.nextInt(5)) {
                case 0 -> sb.deleteCharAt(at);
                case 1 -> sb.insert(at, c);
                case 2 -> sb.setCharAt(at, c);
                case 3 -> {
                    int start = sb.lastIndexOf("\n", at) + 1;
                    int end = sb.indexOf("\n", at);
                    sb.delete(start, end < 0 ? sb.length() : end + 1);
                }
                default -> {
                    int start = sb.lastIndexOf("\n", at) + 1;
                    int end = sb.indexOf("\n", at);
                    String line = sb.substring(start, end < 0 ? sb.length() : end + 1);
                    sb.insert(start, line);
                }
            }
        }
        return sb.toString();
    }

    @ParameterizedTest
    @ValueSource(strings = {"quickstart.yaml", "omniglot-paper.yaml"})
    void everyEditLoadsOrFailsWithALocatedSuiteException(String file) throws IOException {
        String text = Files.readString(Path.of(file));
        SuiteLoader loader = new SuiteLoader(SuiteCatalogs.fromRegistries());
        SplittableRandom random = new SplittableRandom(42);
        int failed = 0;
        for (int i = 0; i < 300; i++) {
            String mutated = mutate(text, random);
            try {
                loader.parse(mutated, file);
            } catch (SuiteException e) {
                failed++;
                assertTrue(e.getMessage().startsWith(file + ":"), e.getMessage());
                assertTrue(!e.getMessage().contains("\n"), e.getMessage());
            } catch (RuntimeException e) {
                fail("edit " + i + " of " + file + " threw " + e + " for:\n" + mutated, e);
            }
        }
        assertTrue(failed > 30, "only " + failed + " edits failed: the mutations are too weak to test anything");
    }
}
