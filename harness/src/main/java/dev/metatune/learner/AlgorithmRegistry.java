package dev.metatune.learner;

import java.util.Collection;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.ServiceLoader;
import java.util.TreeMap;

/**
 * The algorithms known to this process, by name: built from {@link ServiceLoader} or by hand in
 * tests. A duplicate name is an error; an unknown name gets a message listing the known ones.
 */
public final class AlgorithmRegistry {

    private final Map<String, AlgorithmProvider> providers;

    public AlgorithmRegistry(Collection<? extends AlgorithmProvider> providers) {
        Map<String, AlgorithmProvider> byName = new TreeMap<>();
        for (AlgorithmProvider p : providers) {
            AlgorithmProvider previous = byName.putIfAbsent(p.name(), p);
            if (previous != null) {
                throw new IllegalStateException("two algorithms are registered as '" + p.name() + "': "
                        + previous.getClass().getName() + " and " + p.getClass().getName());
            }
        }
        this.providers = Collections.unmodifiableMap(byName);
    }

    public static AlgorithmRegistry fromServiceLoader(ClassLoader loader) {
        return new AlgorithmRegistry(ServiceLoader.load(AlgorithmProvider.class, loader).stream()
                .map(ServiceLoader.Provider::get).toList());
    }

    public static AlgorithmRegistry fromServiceLoader() {
        return fromServiceLoader(AlgorithmRegistry.class.getClassLoader());
    }

    /** The provider named {@code name}; an {@link IllegalArgumentException} listing the known names otherwise. */
    public AlgorithmProvider get(String name) {
        AlgorithmProvider p = providers.get(name);
        if (p == null) {
            throw new IllegalArgumentException("unknown algorithm '" + name + "'; known: "
                    + (providers.isEmpty() ? "(none registered)" : String.join(", ", providers.keySet())));
        }
        return p;
    }

    public List<String> names() {
        return List.copyOf(providers.keySet());
    }

    public List<AlgorithmProvider> all() {
        return List.copyOf(providers.values());
    }
}
