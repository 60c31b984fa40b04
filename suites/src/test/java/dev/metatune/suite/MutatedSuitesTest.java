package dev.metatune.suite;

import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import dev.metatune.cli.SuiteCatalogs;
import dev.metatune.learner.AlgorithmProvider;
import dev.metatune.learner.HyperparameterSpec;
import dev.metatune.space.Distribution;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * Thousands of seeded random edits of the shipped suites (characters deleted, inserted or
 * replaced, lines dropped or repeated): each either loads or fails with a {@link SuiteException}
 * naming the file, never with any other exception. Edits of the numbers alone (signs flipped,
 * zeros, fractions, large values) either fail at load or give a suite whose every fixed and
 * enqueued value and every search range lies in the domain its algorithm declares.
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

    private static final Pattern NUMBER = Pattern.compile("(?<![A-Za-z_0-9.])-?[0-9]+(\\.[0-9]+)?(e-?[0-9]+)?(?![A-Za-z_0-9])");
    private static final List<String> REPLACEMENTS = List.of("0", "-1", "-1.0", "0.0", "1.5", "1", "2", "1000000", "1.0e-9");

    /** Replaces one to three numbers of {@code text} by values near the edges of typical domains. */
    static String mutateNumbers(String text, SplittableRandom random) {
        List<int[]> spans = new java.util.ArrayList<>();
        Matcher m = NUMBER.matcher(text);
        while (m.find()) {
            spans.add(new int[] {m.start(), m.end()});
        }
        StringBuilder sb = new StringBuilder(text);
        int edits = 1 + random.nextInt(3);
        java.util.TreeSet<Integer> chosen = new java.util.TreeSet<>(java.util.Comparator.reverseOrder());
        for (int i = 0; i < edits; i++) {
            chosen.add(random.nextInt(spans.size()));
        }
        for (int index : chosen) {
            int[] span = spans.get(index);
            sb.replace(span[0], span[1], REPLACEMENTS.get(random.nextInt(REPLACEMENTS.size())));
        }
        return sb.toString();
    }

    @ParameterizedTest
    @ValueSource(strings = {"quickstart.yaml", "omniglot-paper.yaml", "sinusoid-paper.yaml"})
    void everyNumberEditFailsAtLoadOrStaysInsideTheDeclaredDomains(String file) throws IOException {
        String text = Files.readString(Path.of(file));
        SuiteLoader loader = new SuiteLoader(SuiteCatalogs.fromRegistries());
        SplittableRandom random = new SplittableRandom(7);
        int failed = 0;
        int loaded = 0;
        for (int i = 0; i < 300; i++) {
            String mutated = mutateNumbers(text, random);
            Suite suite;
            try {
                suite = loader.parse(mutated, file);
            } catch (SuiteException e) {
                failed++;
                assertTrue(e.getMessage().startsWith(file + ":"), e.getMessage());
                continue;
            } catch (RuntimeException e) {
                fail("number edit " + i + " of " + file + " threw " + e + " for:\n" + mutated, e);
                continue;
            }
            loaded++;
            String where = file + " edit " + i;
            for (AlgorithmEntry entry : suite.algorithms()) {
                Map<String, HyperparameterSpec> specs = new java.util.HashMap<>();
                AlgorithmProvider.registry().get(entry.name()).hyperparameters().forEach(h -> specs.put(h.name(), h));
                entry.fixed().forEach((k, v) -> assertTrue(specs.get(k).domain().contains(v),
                        where + " loaded fixed " + k + " = " + v + ", outside " + specs.get(k).domain()));
                for (Map.Entry<String, Distribution> d : entry.search().entrySet()) {
                    assertTrue(specs.get(d.getKey()).domain().checkRange(d.getValue()).isEmpty(),
                            where + " loaded search " + d + ", outside " + specs.get(d.getKey()).domain());
                }
                for (Map<String, Object> config : entry.enqueue()) {
                    config.forEach((k, v) -> assertTrue(specs.get(k).domain().contains(v) && entry.search().get(k).contains(v),
                            where + " loaded enqueued " + k + " = " + v));
                }
            }
        }
        assertTrue(failed > 30, "only " + failed + " number edits failed: the mutations are too weak to test anything");
        assertTrue(loaded > 30, "only " + loaded + " number edits loaded: the check of loaded suites tests nothing");
    }
}
