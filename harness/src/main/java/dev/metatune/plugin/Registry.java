package dev.metatune.plugin;

import java.util.Collection;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.ServiceLoader;
import java.util.TreeMap;

/**
 * The plugins of one kind known to this process, by name: built from {@link ServiceLoader} or by hand
 * in tests. A duplicate name is an error; an unknown name is an {@link UnknownPluginException} listing
 * the known ones. Immutable.
 *
 * @param <P> the plugin interface, such as {@code AlgorithmProvider}
 */
public final class Registry<P extends Plugin> {

    private final String kind;
    private final Map<String, P> plugins;

    /**
     * @param kind    the word for one plugin in messages, such as {@code "algorithm"} or {@code "data set"}
     * @param plugins the plugins; two with one name are an {@link IllegalStateException}
     */
    public Registry(String kind, Collection<? extends P> plugins) {
        if (kind == null || kind.isBlank()) {
            throw new IllegalArgumentException("a registry needs the kind of its plugins, got '" + kind + "'");
        }
        this.kind = kind;
        Map<String, P> byName = new TreeMap<>();
        for (P p : plugins) {
            P previous = byName.putIfAbsent(p.name(), p);
            if (previous != null) {
                throw new IllegalStateException("two " + kind + "s are registered as '" + p.name() + "': "
                        + previous.getClass().getName() + " and " + p.getClass().getName());
            }
        }
        this.plugins = Collections.unmodifiableMap(byName);
    }

    /** Every implementation of {@code type} that {@code loader} finds through {@link ServiceLoader}. */
    public static <P extends Plugin> Registry<P> load(String kind, Class<P> type, ClassLoader loader) {
        return new Registry<>(kind, ServiceLoader.load(type, loader).stream().map(ServiceLoader.Provider::get).toList());
    }

    /** The word for one plugin of this registry, such as {@code algorithm}. */
    public String kind() {
        return kind;
    }

    /** The plugin named {@code name}; an {@link UnknownPluginException} listing the known names otherwise. */
    public P get(String name) {
        P p = plugins.get(name);
        if (p == null) {
            throw new UnknownPluginException(kind, name, names());
        }
        return p;
    }

    /** The plugin named {@code name}, if registered. */
    public Optional<P> find(String name) {
        return Optional.ofNullable(plugins.get(name));
    }

    /** The names, sorted. */
    public List<String> names() {
        return List.copyOf(plugins.keySet());
    }

    /** The plugins, sorted by name. */
    public List<P> all() {
        return List.copyOf(plugins.values());
    }
}
