package dev.metatune.hpo;

import dev.metatune.plugin.Plugin;
import dev.metatune.plugin.Registry;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * A sampler as a plugin: found through {@link java.util.ServiceLoader} (a line in
 * {@code META-INF/services/dev.metatune.hpo.SamplerProvider}) and chosen by name in suites and on
 * the command line. Adding a sampler means adding a provider; nothing else names it.
 */
public interface SamplerProvider extends Plugin {

    /** Every sampler on the class path of {@code loader}. */
    static Registry<SamplerProvider> registry(ClassLoader loader) {
        return Registry.load("sampler", SamplerProvider.class, loader);
    }

    /** Every sampler on the class path of this interface's loader. */
    static Registry<SamplerProvider> registry() {
        return registry(SamplerProvider.class.getClassLoader());
    }

    /**
     * The sampler named {@code name} from {@link #registry()}, built with {@code seed} and {@code options}:
     * an unknown name is a {@link dev.metatune.plugin.UnknownPluginException} listing the known ones.
     */
    static Sampler byName(String name, long seed, Map<String, ?> options) {
        return registry().get(name).create(seed, options);
    }

    /** The options this sampler takes (none by default). */
    default List<OptionSpec> options() {
        return List.of();
    }

    /** The names of {@link #options()}. */
    default Set<String> optionNames() {
        return options().stream().map(OptionSpec::name).collect(Collectors.toUnmodifiableSet());
    }

    /**
     * A sampler seeded with {@code seed} and configured by {@code options}; an unknown option or a bad
     * value is an {@link IllegalArgumentException} that names the sampler, the option and the value
     * (read them through {@link Options}).
     */
    Sampler create(long seed, Map<String, ?> options);
}
