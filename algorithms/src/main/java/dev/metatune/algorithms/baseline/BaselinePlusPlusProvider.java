package dev.metatune.algorithms.baseline;

/**
 * {@code baseline-pp}: the Baseline++ of Chen et al. 2019 ("A Closer Look at Few-shot
 * Classification"): as {@code baseline}, with the cosine-similarity head of {@link CosineHead} in
 * pretraining and in fine-tuning.
 */
public final class BaselinePlusPlusProvider extends BaselineProvider {

    public BaselinePlusPlusProvider() {
        super("baseline-pp", HeadKind.COSINE);
    }
}
