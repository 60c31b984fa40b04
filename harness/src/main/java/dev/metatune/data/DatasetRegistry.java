package dev.metatune.data;

import java.util.Collection;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.ServiceLoader;
import java.util.TreeMap;

/**
 * The data sets known to this process, by name: built from {@link ServiceLoader} or by hand in
 * tests. A duplicate name is an error; an unknown name gets a message listing the known ones.
 */
public final class DatasetRegistry {

    private final Map<String, DatasetProvider> providers;

    public DatasetRegistry(Collection<? extends DatasetProvider> providers) {
        Map<String, DatasetProvider> byName = new TreeMap<>();
        for (DatasetProvider p : providers) {
            DatasetProvider previous = byName.putIfAbsent(p.name(), p);
            if (previous != null) {
                throw new IllegalStateException("two data sets are registered as '" + p.name() + "': "
                        + previous.getClass().getName() + " and " + p.getClass().getName());
            }
        }
        this.providers = Collections.unmodifiableMap(byName);
    }

    /** Every provider on the class path of {@code loader}. */
    public static DatasetRegistry fromServiceLoader(ClassLoader loader) {
        return new DatasetRegistry(ServiceLoader.load(DatasetProvider.class, loader).stream()
                .map(ServiceLoader.Provider::get).toList());
    }

    /** Every provider on the class path of this class's loader. */
    public static DatasetRegistry fromServiceLoader() {
        return fromServiceLoader(DatasetRegistry.class.getClassLoader());
    }

    /** The provider named {@code name}; a {@link DataException} listing the known names otherwise. */
    public DatasetProvider get(String name) {
        DatasetProvider p = providers.get(name);
        if (p == null) {
            throw new DataException("unknown data set '" + name + "'; known: " + String.join(", ", providers.keySet()));
        }
        return p;
    }

    public List<String> names() {
        return List.copyOf(providers.keySet());
    }

    public List<DatasetProvider> all() {
        return List.copyOf(providers.values());
    }
}
