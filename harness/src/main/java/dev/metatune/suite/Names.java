package dev.metatune.suite;

import java.util.Collection;
import java.util.Optional;
import java.util.TreeSet;

/** Lists of allowed names in messages, and the nearest known name for a misspelt one. */
final class Names {

    private Names() {
    }

    /** The names sorted and joined with ", ", or "(none)". */
    static String list(Collection<String> names) {
        return names.isEmpty() ? "(none)" : String.join(", ", new TreeSet<>(names));
    }

    /** " (did you mean 'x'?)" when a known name is close to {@code name}, else "". */
    static String suggestion(String name, Collection<String> known) {
        return nearest(name, known).map(n -> " (did you mean '" + n + "'?)").orElse("");
    }

    /** The known name closest to {@code name} within a few edits, if any. */
    static Optional<String> nearest(String name, Collection<String> known) {
        String best = null;
        int bestDistance = Integer.MAX_VALUE;
        for (String candidate : new TreeSet<>(known)) {
            int d = distance(name.toLowerCase(), candidate.toLowerCase());
            if (d < bestDistance) {
                best = candidate;
                bestDistance = d;
            }
        }
        int limit = Math.max(2, name.length() / 3);
        return best != null && bestDistance <= limit ? Optional.of(best) : Optional.empty();
    }

    /** Levenshtein distance. */
    static int distance(String a, String b) {
        int[] previous = new int[b.length() + 1];
        int[] current = new int[b.length() + 1];
        for (int j = 0; j <= b.length(); j++) {
            previous[j] = j;
        }
        for (int i = 1; i <= a.length(); i++) {
            current[0] = i;
            for (int j = 1; j <= b.length(); j++) {
                int cost = a.charAt(i - 1) == b.charAt(j - 1) ? 0 : 1;
                current[j] = Math.min(Math.min(current[j - 1] + 1, previous[j] + 1), previous[j - 1] + cost);
            }
            int[] swap = previous;
            previous = current;
            current = swap;
        }
        return previous[b.length()];
    }
}
