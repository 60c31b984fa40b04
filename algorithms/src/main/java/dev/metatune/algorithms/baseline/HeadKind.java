package dev.metatune.algorithms.baseline;

import ai.djl.ndarray.NDManager;
import java.util.SplittableRandom;

/** Which classifier a transfer baseline uses (Chen et al. 2019): linear for Baseline, cosine for Baseline++. */
public enum HeadKind {
    LINEAR,
    COSINE;

    /** A new head; {@code cosineScale} is used by the cosine head only. */
    ClassifierHead create(NDManager parent, int features, int classes, double cosineScale, SplittableRandom random) {
        return switch (this) {
            case LINEAR -> new LinearHead(parent, features, classes, random);
            case COSINE -> new CosineHead(parent, features, classes, cosineScale, random);
        };
    }
}
