package dev.metatune.sweep;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/**
 * The harness names no algorithm: what is specific to one (its published numbers, its notes, its
 * hyperparameters) is said by its provider. No string literal in {@code harness/src/main/java} is the
 * name of a registered algorithm or of an algorithm's own hyperparameter (comments may mention them).
 */
class HarnessNamesNoAlgorithmTest {

    /** The registered algorithms' names and hyperparameters that only an algorithm knows. */
    static final Set<String> ALGORITHM_NAMES = Set.of("maml", "fomaml", "protonet", "baseline", "baseline-pp",
            "baseline++", "inner_lr", "inner_steps", "test_inner_steps", "transductive_bn", "first_order");

    @Test
    void noHarnessSourceNamesAnAlgorithmInAStringLiteral() throws IOException {
        Path root = Path.of("src/main/java");
        assertTrue(Files.isDirectory(root), "run from the harness module: " + root.toAbsolutePath());
        List<String> found = new ArrayList<>();
        int files = 0;
        try (Stream<Path> all = Files.walk(root)) {
            for (Path f : (Iterable<Path>) all.filter(p -> p.toString().endsWith(".java"))::iterator) {
                files++;
                for (String literal : JavaStringLiterals.of(Files.readString(f))) {
                    if (ALGORITHM_NAMES.contains(literal)) {
                        found.add(root.relativize(f) + ": \"" + literal + "\"");
                    }
                }
            }
        }
        assertTrue(files > 100, "scanned the harness sources (" + files + " files)");
        assertEquals(List.of(), found, "harness code names an algorithm; let its provider say it");
    }

    @Test
    void theScanFindsLiteralsAndSkipsComments() {
        String source = """
                /** An example: study.enqueueTrial(Map.of("inner_lr", 0.4)); */
                class X {
                    // "maml" in a line comment
                    String a = "fomaml";
                    String b = "a \\"quoted\\" protonet";
                    char c = '"';
                    String d = \"""
                        test_inner_steps\""";
                    String e = "x" + "transductive_bn";
                }
                """;
        List<String> literals = JavaStringLiterals.of(source);
        assertTrue(literals.contains("fomaml"), literals.toString());
        assertTrue(literals.contains("transductive_bn"), literals.toString());
        assertTrue(literals.contains("test_inner_steps"), literals.toString());
        assertTrue(literals.contains("a \"quoted\" protonet"), literals.toString());
        assertFalse(literals.contains("inner_lr") || literals.contains("maml"), "comments are skipped: " + literals);
    }
}
