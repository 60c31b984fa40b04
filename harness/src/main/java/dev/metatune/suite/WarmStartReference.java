package dev.metatune.suite;

import java.util.Objects;
import java.util.Optional;

/**
 * One earlier study named by an algorithm entry's {@code warm_start:}, whose trials the sampler
 * uses as a prior for the entry's studies: a study of this run (by its suite name, e.g.
 * {@code maml-synthetic-5w1s}), of another run folder ({@code run:}), or of a storage
 * ({@code storage:}, a storage URL). Keeps where the suite names it, so that a reference found
 * wrong only when the run opens the other storage is still reported at its line.
 *
 * @param study   the study's name
 * @param run     the run folder that holds it, if not this run
 * @param storage the storage URL that holds it, if not this run (at most one of run and storage)
 * @param file    the suite file, as the user named it
 * @param line    1-based line of the reference
 * @param column  1-based column of the reference
 * @param field   its field path, e.g. {@code algorithms[1].warm_start[0]}
 */
public record WarmStartReference(String study, Optional<String> run, Optional<String> storage, String file, int line,
                                 int column, String field) {

    public WarmStartReference {
        Objects.requireNonNull(study, "study");
        Objects.requireNonNull(run, "run");
        Objects.requireNonNull(storage, "storage");
        if (run.isPresent() && storage.isPresent()) {
            throw new IllegalArgumentException("warm start reference to '" + study + "' names both a run and a storage");
        }
    }

    /** Whether the study is one of this run's. */
    public boolean inThisRun() {
        return run.isEmpty() && storage.isEmpty();
    }

    /** Where the study is, for reports: {@code this run}, {@code run results/x} or {@code storage URL}. */
    public String where() {
        return run.map(r -> "run " + r).orElseGet(() -> storage.map(s -> "storage " + s).orElse("this run"));
    }

    /** A located suite error about this reference (exit 2). */
    public SuiteException error(String detail) {
        return new SuiteException(file, line, column, field, detail);
    }
}
