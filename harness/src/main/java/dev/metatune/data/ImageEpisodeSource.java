package dev.metatune.data;

import dev.metatune.task.Episode;
import dev.metatune.task.EpisodeSeeds;
import dev.metatune.task.EpisodeSource;
import dev.metatune.task.Examples;
import dev.metatune.task.TaskKind;
import dev.metatune.task.TaskSpec;
import java.util.SplittableRandom;

/**
 * N-way K-shot Q-query classification episodes over an {@link ImagePool}: N classes drawn without
 * replacement, then K+Q of each class's images without replacement (the first K support, the rest
 * query), labels 0..N-1 in the order the classes were drawn. Episode i depends on (seed, i) only.
 */
public final class ImageEpisodeSource implements EpisodeSource {

    private final ImagePool pool;
    private final TaskSpec spec;
    private final long seed;
    private final String description;

    /**
     * @param description names the data set and split in error messages, e.g. {@code omniglot/test}
     */
    public ImageEpisodeSource(ImagePool pool, TaskSpec spec, long seed, String description) {
        if (spec.ways() > pool.classCount()) {
            throw new DataException(description + ": " + spec.ways() + " ways requested but the split has only "
                    + pool.classCount() + " classes");
        }
        int minImages = pool.minImagesPerClass();
        if (spec.examplesPerClass() > minImages) {
            throw new DataException(description + ": shots + queries = " + spec.shots() + " + " + spec.queries() + " = "
                    + spec.examplesPerClass() + " images per class requested but a class has only " + minImages);
        }
        this.pool = pool;
        this.spec = spec;
        this.seed = seed;
        this.description = description;
    }

    @Override
    public TaskSpec spec() {
        return spec;
    }

    @Override
    public TaskKind kind() {
        return TaskKind.CLASSIFICATION;
    }

    @Override
    public int[] exampleShape() {
        return pool.exampleShape().clone();
    }

    @Override
    public int classCount() {
        return pool.classCount();
    }

    @Override
    public Episode episode(long index) {
        if (index < 0) {
            throw new IllegalArgumentException("episode index must be non-negative, got " + index);
        }
        SplittableRandom random = EpisodeSeeds.random(seed, index);
        int ways = spec.ways();
        int shots = spec.shots();
        int queries = spec.queries();
        int[] classes = sampleWithoutReplacement(random, pool.classCount(), ways);
        int perImage = pool.valuesPerImage();
        float[] support = new float[ways * shots * perImage];
        float[] query = new float[ways * queries * perImage];
        int[] supportLabels = new int[ways * shots];
        int[] queryLabels = new int[ways * queries];
        for (int label = 0; label < ways; label++) {
            int c = classes[label];
            int[] images = sampleWithoutReplacement(random, pool.imagesPerClass(c), shots + queries);
            for (int k = 0; k < shots; k++) {
                int row = label * shots + k;
                pool.copyImage(c, images[k], support, row * perImage);
                supportLabels[row] = label;
            }
            for (int q = 0; q < queries; q++) {
                int row = label * queries + q;
                pool.copyImage(c, images[shots + q], query, row * perImage);
                queryLabels[row] = label;
            }
        }
        int[] shape = pool.exampleShape();
        return new Episode(index, TaskKind.CLASSIFICATION, spec, Examples.classified(support, shape, supportLabels),
                Examples.classified(query, shape, queryLabels), classes);
    }

    /** The first k of a random permutation of 0..n-1 (a partial Fisher-Yates shuffle). */
    static int[] sampleWithoutReplacement(SplittableRandom random, int n, int k) {
        int[] all = new int[n];
        for (int i = 0; i < n; i++) {
            all[i] = i;
        }
        for (int i = 0; i < k; i++) {
            int j = i + random.nextInt(n - i);
            int t = all[i];
            all[i] = all[j];
            all[j] = t;
        }
        int[] out = new int[k];
        System.arraycopy(all, 0, out, 0, k);
        return out;
    }

    @Override
    public String toString() {
        return description + " " + spec + " seed " + seed;
    }
}
