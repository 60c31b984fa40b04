package dev.metatune.eval;

/** Told how far a long piece of work has come; implementations draw a bar or print log lines. */
@FunctionalInterface
public interface ProgressListener {

    /** A listener that ignores everything. */
    ProgressListener NONE = (done, total, status) -> { };

    /**
     * @param done   units finished so far
     * @param total  units in all
     * @param status a short line on the state, e.g. {@code acc 0.93}
     */
    void progress(long done, long total, String status);
}
