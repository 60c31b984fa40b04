package dev.metatune.data;

import dev.metatune.task.EpisodeSource;
import dev.metatune.task.TaskKind;
import dev.metatune.task.TaskSpec;
import java.util.List;

/**
 * An opened data set: named splits of classes from which episodes are drawn. The standard split
 * names are {@code train} (meta-training), {@code val} (meta-validation, for tuning only) and
 * {@code test} (meta-test); a data set may offer more (Omniglot's {@code trainval},
 * {@code background}, {@code evaluation}).
 */
public interface Dataset {

    /** The registered name, e.g. {@code omniglot}. */
    String name();

    TaskKind kind();

    /** The split names this data set offers, in a stable order. */
    List<String> splits();

    /** Availability and size of one split, cheap enough for a listing (no full decode). */
    SplitInfo info(String split);

    /**
     * The episodes of one split. Throws {@link DataException} for an unknown split, missing files, or
     * a shape the split cannot serve (more ways than classes, shots plus queries above the images per class).
     */
    EpisodeSource episodes(String split, TaskSpec spec, long seed);

    /**
     * All images of an image split with their class, for transfer baselines that pretrain over every
     * meta-training class. Throws {@link DataException} for regression data sets.
     */
    ImagePool pool(String split);
}
