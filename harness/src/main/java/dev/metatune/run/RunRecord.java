package dev.metatune.run;

import java.util.List;
import java.util.Objects;

/**
 * A run as a whole: the title its report carries, where its numbers come from, and its tuning
 * studies in suite order (the order of the report's tables).
 *
 * @param title      the report's heading, e.g. {@code Metatune run: quickstart}
 * @param provenance the code, software, machine, suite and seeds of the run
 * @param studies    the names of the tuning studies, in suite order, each once
 */
public record RunRecord(String title, Provenance provenance, List<String> studies) {

    public RunRecord {
        Objects.requireNonNull(title, "title");
        Objects.requireNonNull(provenance, "provenance");
        studies = List.copyOf(studies);
        if (studies.stream().distinct().count() != studies.size()) {
            throw new IllegalArgumentException("run studies must be distinct, got " + studies);
        }
        for (String s : studies) {
            if (s.isBlank()) {
                throw new IllegalArgumentException("run study names must not be blank, got " + studies);
            }
        }
    }
}
