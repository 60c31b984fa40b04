package dev.metatune.data;

import dev.metatune.plugin.Plugin;
import dev.metatune.plugin.Registry;

import java.util.List;

/**
 * The data set plugin SPI, found through {@link java.util.ServiceLoader}. A provider is cheap to
 * create; it opens its data set on demand.
 */
public interface DatasetProvider extends Plugin {

    /** Every data set this class loader finds through {@link java.util.ServiceLoader}. */
    static Registry<DatasetProvider> registry(ClassLoader loader) {
        return Registry.load("data set", DatasetProvider.class, loader);
    }

    /** Every data set on the class path of this interface's loader. */
    static Registry<DatasetProvider> registry() {
        return registry(DatasetProvider.class.getClassLoader());
    }

    /** The split names, known without touching any file. */
    List<String> splitNames();

    /** Opens the data set under {@code options.dataRoot()}; files are read lazily, per split. */
    Dataset open(DataOptions options);
}
