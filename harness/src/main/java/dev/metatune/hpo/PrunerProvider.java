package dev.metatune.hpo;

import dev.metatune.plugin.Plugin;
import dev.metatune.plugin.Registry;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * A pruner as a plugin: found through {@link java.util.ServiceLoader} (a line in
 * {@code META-INF/services/dev.metatune.hpo.PrunerProvider}) and chosen by name in suites and on
 * the command line. Adding a pruner means adding a provider; nothing else names it.
 */
public interface PrunerProvider extends Plugin {

    /** Every pruner on the class path of {@code loader}. */
    static Registry<PrunerProvider> registry(ClassLoader loader) {
        return Registry.load("pruner", PrunerProvider.class, loader);
    }

    /** Every pruner on the class path of this interface's loader. */
    static Registry<PrunerProvider> registry() {
        return registry(PrunerProvider.class.getClassLoader());
    }

    /**
     * The pruner named {@code name} from {@link #registry()}, built with {@code seed} and {@code options}:
     * an unknown name is a {@link dev.metatune.plugin.UnknownPluginException} listing the known ones.
     */
    static Pruner byName(String name, long seed, Map<String, ?> options) {
        return registry().get(name).create(seed, options);
    }

    /** The options this pruner takes (none by default). */
    default List<OptionSpec> options() {
        return List.of();
    }

    /** The names of {@link #options()}. */
    default Set<String> optionNames() {
        return options().stream().map(OptionSpec::name).collect(Collectors.toUnmodifiableSet());
    }

    /**
     * A pruner seeded with {@code seed} (Hyperband assigns its brackets with it) and configured by {@code options}; an unknown option or a bad
     * value is an {@link IllegalArgumentException} that names the pruner, the option and the value
     * (read them through {@link Options}).
     */
    Pruner create(long seed, Map<String, ?> options);
}
