package dev.metatune.cli;

import dev.metatune.hpo.FrozenTrial;
import dev.metatune.hpo.Storage;
import dev.metatune.hpo.StudyInfo;
import dev.metatune.hpo.TrialState;
import dev.metatune.run.RunCodec;
import dev.metatune.suite.StudyPlan;
import dev.metatune.suite.Suite;
import java.util.List;
import java.util.Optional;
import java.util.function.Supplier;

/**
 * The progress of a run read from its storage, for a display that watches workers it does not run:
 * (trials finished, trials planned) over every tuning study (its budget of trials) and every test
 * study (one evaluation per seed). A read that fails (a worker holds SQLite's write lock) gives null.
 */
final class StorageProgress implements Supplier<long[]> {

    private final Storage storage;
    private final List<String> studyNames;
    private final List<StudyPlan> plans;
    private final int seeds;

    /** @param studyNames the run's tuning studies, in the order of {@code suite.studies()} */
    StorageProgress(Storage storage, Suite suite, List<String> studyNames) {
        this.storage = storage;
        this.studyNames = List.copyOf(studyNames);
        this.plans = suite.studies();
        this.seeds = suite.seeds().size();
    }

    @Override
    public long[] get() {
        try {
            long done = 0;
            long total = 0;
            for (int i = 0; i < plans.size(); i++) {
                int budget = plans.get(i).algorithm().search().isEmpty() ? 0 : plans.get(i).trials();
                total += budget + seeds;
                done += Math.min(budget, finished(studyNames.get(i)));
                done += Math.min(seeds, finished(RunCodec.testStudyName(studyNames.get(i))));
            }
            return new long[] {done, Math.max(1, total)};
        } catch (RuntimeException busy) {
            return null;
        }
    }

    private long finished(String study) {
        Optional<StudyInfo> info = storage.findStudy(study);
        if (info.isEmpty()) {
            return 0;
        }
        List<FrozenTrial> trials = storage.trials(info.get().studyId());
        return trials.stream().filter(t -> t.state() == TrialState.COMPLETE || t.state() == TrialState.PRUNED).count();
    }
}
