package dev.metatune.data;

/**
 * What the {@code datasets} command reports of one split.
 *
 * @param dataset        the data set's registered name
 * @param split          the split's name (train, val, test, ...)
 * @param available      whether its files are present and readable
 * @param classes        number of classes (0 when unavailable or for regression)
 * @param imagesPerClass images in each class (the minimum when classes differ; 0 when unavailable)
 * @param detail         why it is unavailable, or a short note; never null
 */
public record SplitInfo(String dataset, String split, boolean available, int classes, int imagesPerClass, String detail) {
}
