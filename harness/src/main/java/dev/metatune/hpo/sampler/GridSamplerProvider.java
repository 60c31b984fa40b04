package dev.metatune.hpo.sampler;

import dev.metatune.hpo.OptionSpec;
import dev.metatune.hpo.Options;
import dev.metatune.hpo.Sampler;
import dev.metatune.hpo.SamplerProvider;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** The {@code grid} sampler: {@link GridSampler}, over the values its {@code search_space} option lists. */
public final class GridSamplerProvider implements SamplerProvider {

    private static final List<OptionSpec> OPTIONS = List.of(
            new OptionSpec("search_space", "map: parameter -> list of values", "the grid (required): every combination is run once"));

    @Override
    public String name() {
        return "grid";
    }

    @Override
    public String description() {
        return "exhaustive grid: every combination once, then the study stops (option search_space: name -> values)";
    }

    @Override
    public List<OptionSpec> options() {
        return OPTIONS;
    }

    @Override
    public Sampler create(long seed, Map<String, ?> options) {
        Options o = new Options("sampler 'grid'", options, OPTIONS);
        return new GridSampler(grid(o.get("search_space")), seed);
    }

    private static Map<String, List<Object>> grid(Object spec) {
        if (!(spec instanceof Map<?, ?> m) || m.isEmpty()) {
            throw new IllegalArgumentException("sampler 'grid' needs option search_space: a map from parameter name"
                    + " to a list of values, got " + spec);
        }
        Map<String, List<Object>> out = new LinkedHashMap<>();
        m.forEach((k, v) -> {
            if (!(v instanceof List<?> list)) {
                throw new IllegalArgumentException("grid search_space entry '" + k + "' must be a list of values, got " + v);
            }
            out.put(String.valueOf(k), new ArrayList<>(list));
        });
        return out;
    }
}
