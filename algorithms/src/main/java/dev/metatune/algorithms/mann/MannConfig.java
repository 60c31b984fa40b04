package dev.metatune.algorithms.mann;

import static dev.metatune.algorithms.training.HyperparameterSupport.inRange;
import static dev.metatune.algorithms.training.HyperparameterSupport.intAtLeast;
import static dev.metatune.algorithms.training.HyperparameterSupport.positive;

import dev.metatune.learner.Hyperparameters;

/**
 * The validated hyperparameters of a memory-augmented neural network (Santoro et al. 2016).
 *
 * @param lr             Adam learning rate (1e-3)
 * @param episodesPerStep episodes per meta-training step, run as one batch (16)
 * @param controllerSize hidden units of the LSTM controller (200)
 * @param memorySlots    rows of the external memory (128)
 * @param memoryWidth    width of each memory row (40)
 * @param heads          read heads, each with its write head (4)
 * @param gamma          usage decay of least-recently-used access, in [0, 1] (0.95)
 * @param clipNorm       the gradient's global norm is clipped to this before each update (10)
 * @param trainQueries   query examples per class in training episodes
 * @param separateAdd    write a separate add vector instead of the key (the paper writes the key)
 * @param keyStrength    scale each head's cosine similarities by a learned strength before the read
 *                       softmax, as the Neural Turing Machine's content addressing (the paper has none)
 * @param trainShift     largest random translation of a training image, in pixels either way (0: none)
 * @param trainRotation  largest random rotation of a training image, in degrees either way (0: none)
 */
public record MannConfig(double lr, int episodesPerStep, int controllerSize, int memorySlots, int memoryWidth,
                         int heads, double gamma, double clipNorm, int trainQueries, boolean separateAdd,
                         boolean keyStrength, int trainShift, double trainRotation) {

    /** No rotation of the training images. */
    public MannConfig(double lr, int episodesPerStep, int controllerSize, int memorySlots, int memoryWidth, int heads,
                      double gamma, double clipNorm, int trainQueries, boolean separateAdd, boolean keyStrength,
                      int trainShift) {
        this(lr, episodesPerStep, controllerSize, memorySlots, memoryWidth, heads, gamma, clipNorm, trainQueries,
                separateAdd, keyStrength, trainShift, 0);
    }

    /** No augmentation of the training images. */
    public MannConfig(double lr, int episodesPerStep, int controllerSize, int memorySlots, int memoryWidth, int heads,
                      double gamma, double clipNorm, int trainQueries, boolean separateAdd, boolean keyStrength) {
        this(lr, episodesPerStep, controllerSize, memorySlots, memoryWidth, heads, gamma, clipNorm, trainQueries,
                separateAdd, keyStrength, 0);
    }

    /** The paper's addressing: no key strength. */
    public MannConfig(double lr, int episodesPerStep, int controllerSize, int memorySlots, int memoryWidth, int heads,
                      double gamma, double clipNorm, int trainQueries, boolean separateAdd) {
        this(lr, episodesPerStep, controllerSize, memorySlots, memoryWidth, heads, gamma, clipNorm, trainQueries,
                separateAdd, false);
    }

    public MannConfig {
        if (!(lr > 0) || Double.isInfinite(lr)) {
            throw new IllegalArgumentException("hyperparameter 'lr' must be finite and > 0, got " + lr);
        }
        atLeast("episodes_per_step", episodesPerStep, 1);
        atLeast("controller_size", controllerSize, 1);
        atLeast("memory_slots", memorySlots, 1);
        atLeast("memory_width", memoryWidth, 1);
        atLeast("heads", heads, 1);
        if (!(gamma >= 0 && gamma <= 1)) {
            throw new IllegalArgumentException("hyperparameter 'gamma' must be in [0, 1], got " + gamma);
        }
        if (!(clipNorm > 0) || Double.isInfinite(clipNorm)) {
            throw new IllegalArgumentException("hyperparameter 'clip_norm' must be finite and > 0, got " + clipNorm);
        }
        atLeast("train_queries", trainQueries, 1);
        atLeast("train_shift", trainShift, 0);
        if (!(trainRotation >= 0 && trainRotation <= 180)) {
            throw new IllegalArgumentException("hyperparameter 'train_rotation' must be in [0, 180], got " + trainRotation);
        }
    }

    private static void atLeast(String name, int value, int min) {
        if (value < min) {
            throw new IllegalArgumentException("hyperparameter '" + name + "' must be at least " + min + ", got " + value);
        }
    }

    /** Reads a complete set of values (defaults already merged in). */
    public static MannConfig from(Hyperparameters h) {
        return new MannConfig(positive(h, MannProvider.LR), intAtLeast(h, MannProvider.EPISODES_PER_STEP, 1),
                intAtLeast(h, MannProvider.CONTROLLER_SIZE, 1), intAtLeast(h, MannProvider.MEMORY_SLOTS, 1),
                intAtLeast(h, MannProvider.MEMORY_WIDTH, 1), intAtLeast(h, MannProvider.HEADS, 1),
                inRange(h, MannProvider.GAMMA, 0, 1), positive(h, MannProvider.CLIP_NORM),
                intAtLeast(h, MannProvider.TRAIN_QUERIES, 1), h.getBoolean(MannProvider.SEPARATE_ADD),
                h.getBoolean(MannProvider.KEY_STRENGTH), intAtLeast(h, MannProvider.TRAIN_SHIFT, 0),
                inRange(h, MannProvider.TRAIN_ROTATION, 0, 180));
    }
}
