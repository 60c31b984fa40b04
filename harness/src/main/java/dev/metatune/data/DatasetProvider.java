package dev.metatune.data;

import java.util.List;

/**
 * The data set plugin SPI, found through {@link java.util.ServiceLoader}. A provider is cheap to
 * create; it opens its data set on demand.
 */
public interface DatasetProvider {

    /** The name used on the command line and in suites, e.g. {@code omniglot}. */
    String name();

    /** One line for {@code metatune list}. */
    String description();

    /** The split names, known without touching any file. */
    List<String> splitNames();

    /** Opens the data set under {@code options.dataRoot()}; files are read lazily, per split. */
    Dataset open(DataOptions options);
}
