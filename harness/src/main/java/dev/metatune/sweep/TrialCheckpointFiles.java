package dev.metatune.sweep;

import dev.metatune.hpo.Study;
import dev.metatune.hpo.Trial;
import dev.metatune.train.checkpoint.CheckpointPlan;
import java.nio.file.Path;

/**
 * Where the trials of one study keep their latest checkpoints: {@code RUN/checkpoints/<study>/<trial>.ckpt}.
 * A trial that repeats one whose worker died (system attribute {@link Study#RETRY_OF}) resumes from
 * the dead trial's file (which it moves to its own, so a retry of the retry finds it).
 *
 * @param dir   the study's folder of checkpoints
 * @param every steps between checkpoints; 0 for none
 */
record TrialCheckpointFiles(Path dir, int every) {

    /** The folder of a run folder's checkpoints. */
    static final String FOLDER = "checkpoints";

    /** The checkpoints of study {@code study} in run folder {@code runDir}, every {@code every} steps (0: none). */
    static TrialCheckpointFiles of(Path runDir, String study, int every) {
        return new TrialCheckpointFiles(runDir.resolve(FOLDER).resolve(study), every);
    }

    /** The plan of {@code trial}, or null when this study keeps no checkpoints. */
    CheckpointPlan plan(Trial trial) {
        if (every <= 0 || dir == null) {
            return null;
        }
        Path own = file(trial.number());
        Object retryOf = trial.snapshot().systemAttrs().get(Study.RETRY_OF);
        Path from = retryOf instanceof Number n ? file(n.intValue()) : own;
        return new CheckpointPlan(own, from, every);
    }

    /** The checkpoint file of trial {@code number}. */
    Path file(int number) {
        return dir.resolve(number + ".ckpt");
    }
}
