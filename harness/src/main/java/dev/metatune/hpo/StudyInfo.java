package dev.metatune.hpo;

import java.util.Objects;

/** A study as a storage knows it: its id, unique name and direction. */
public record StudyInfo(long studyId, String name, StudyDirection direction) {

    public StudyInfo {
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(direction, "direction");
    }
}
