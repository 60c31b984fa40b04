package dev.metatune.hpo.storage;

import dev.metatune.hpo.StudyInfo;

import dev.metatune.space.Distribution;
import dev.metatune.hpo.StudyDirection;
import dev.metatune.hpo.TrialState;
import java.time.Duration;
import java.time.Instant;

/** The checks every storage makes the same way, with the same messages. */
final class StorageChecks {

    private StorageChecks() {
    }

    static StudyInfo sameDirection(StudyInfo existing, StudyDirection direction) {
        if (existing.direction() != direction) {
            throw new IllegalArgumentException("study '" + existing.name() + "' exists with direction "
                    + existing.direction() + ", not " + direction);
        }
        return existing;
    }

    static void compatible(String name, Distribution previous, Distribution next) {
        if (previous != null && !previous.equals(next)) {
            throw new IllegalArgumentException("parameter '" + name + "' was already suggested from " + previous
                    + " in this trial; cannot suggest it again from " + next);
        }
    }

    static IllegalStateException finished(int number, TrialState state) {
        return new IllegalStateException("trial " + number + " is " + state + " and cannot change");
    }

    static void finishing(TrialState state, Double value) {
        if (!state.isFinished()) {
            throw new IllegalArgumentException("a trial can only finish as COMPLETE, PRUNED or FAIL, got " + state);
        }
        if (state == TrialState.COMPLETE && (value == null || value.isNaN())) {
            throw new IllegalArgumentException("a COMPLETE trial needs a value that is a number, got " + value);
        }
    }

    static String staleReason(Instant heartbeat, Duration grace) {
        return "no heartbeat since " + heartbeat + " (grace period " + grace + "): the worker is presumed dead";
    }
}
