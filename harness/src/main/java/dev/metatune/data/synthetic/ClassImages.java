package dev.metatune.data.synthetic;

/**
 * How a {@link SyntheticImagePool} draws its images: a pure function of (class, image), so that a pool
 * needs no image memory and two pools built alike are identical. Implementations are immutable and
 * thread-safe; the pool checks the indices before calling.
 */
sealed interface ClassImages permits BlockPatterns, StrokeGlyphs {

    /** Writes the {@code size * size} values of image {@code image} of class {@code classIndex}, each in [0, 1]. */
    void render(int classIndex, int image, float[] destination, int offset);
}
