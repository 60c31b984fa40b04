package dev.metatune.hpo;

import dev.metatune.space.Distribution;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.metatune.hpo.sampler.TpeSampler;
import dev.metatune.error.UserInputException;
import dev.metatune.hpo.storage.InMemoryStorage;
import dev.metatune.hpo.storage.JdbcStorage;
import dev.metatune.hpo.storage.StorageFactory;
import dev.metatune.plugin.UnknownPluginException;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class RegistryTest {

    @TempDir
    Path dir;

    @Test
    void samplersAndPrunersAreRegisteredByTheirNames() {
        assertEquals(List.of("cmaes", "gp", "grid", "random", "sobol", "tpe"), SamplerProvider.registry().names());
        assertEquals(List.of("asha", "hyperband", "median", "nop", "percentile", "wilcoxon"), PrunerProvider.registry().names());
        assertInstanceOf(TpeSampler.class, SamplerProvider.byName("tpe", 1, Map.of("multivariate", true, "n_startup_trials", 5)));
    }

    @Test
    void everyProviderListsItsOptionsAndBuildsWithDefaults() {
        for (SamplerProvider p : SamplerProvider.registry().all()) {
            assertTrue(!p.description().isBlank(), p.name());
            Map<String, Object> options = p.name().equals("grid") ? Map.of("search_space", Map.of("x", List.of(1, 2))) : Map.of();
            assertTrue(p.create(0, options) != null, p.name());
        }
        for (PrunerProvider p : PrunerProvider.registry().all()) {
            assertTrue(!p.description().isBlank(), p.name());
            Map<String, Object> options = p.name().equals("percentile") ? Map.of("percentile", 25) : Map.of();
            assertTrue(p.create(0, options) != null, p.name());
        }
        assertEquals(java.util.Set.of("sigma0", "popsize"), SamplerProvider.registry().get("cmaes").optionNames());
        assertTrue(PrunerProvider.registry().get("nop").create(0, Map.of()) == Pruner.NONE);
    }

    @Test
    void unknownNamesOptionsAndValuesAreNamedInTheError() {
        UnknownPluginException a = assertThrows(UnknownPluginException.class, () -> SamplerProvider.byName("bayes", 0, Map.of()));
        assertTrue(a.getMessage().contains("'bayes'") && a.getMessage().contains("tpe"), a.getMessage());
        IllegalArgumentException b = assertThrows(IllegalArgumentException.class,
                () -> SamplerProvider.byName("tpe", 0, Map.of("n_candidates", 10)));
        assertTrue(b.getMessage().contains("'n_candidates'") && b.getMessage().contains("n_ei_candidates"), b.getMessage());
        IllegalArgumentException c = assertThrows(IllegalArgumentException.class,
                () -> SamplerProvider.byName("tpe", 0, Map.of("n_ei_candidates", 0)));
        assertTrue(c.getMessage().contains("n_ei_candidates") && c.getMessage().contains("0"), c.getMessage());
        IllegalArgumentException d = assertThrows(IllegalArgumentException.class, () -> SamplerProvider.byName("grid", 0, Map.of()));
        assertTrue(d.getMessage().contains("search_space"), d.getMessage());
        assertThrows(IllegalArgumentException.class, () -> SamplerProvider.byName("tpe", 0, Map.of("multivariate", "yes")));
    }

    @Test
    void storagesOpenFromShortStrings() {
        try (Storage m = StorageFactory.open("memory")) {
            assertInstanceOf(InMemoryStorage.class, m);
        }
        try (Storage s = StorageFactory.open("sqlite:" + dir.resolve("a.db"))) {
            assertInstanceOf(JdbcStorage.class, s);
        }
        try (Storage s = StorageFactory.open(dir.resolve("b.db").toString())) {
            assertInstanceOf(JdbcStorage.class, s);
        }
        UserInputException e = assertThrows(UserInputException.class, () -> StorageFactory.open("redis://x"));
        assertTrue(e.getMessage().contains("redis://x"), e.getMessage());
        assertThrows(UserInputException.class, () -> StorageFactory.open("jdbc:mysql://x/y"));
    }

    @Test
    void distributionsConvertBetweenInternalAndExternalValues() {
        Distribution.FloatRange stepped = new Distribution.FloatRange(0, 1, false, 0.3);
        assertEquals(0.9, (Double) stepped.toExternal(0.97), 1e-12, "the top stepped value is 0.9, not 1");
        assertEquals(0.3, (Double) stepped.toExternal(0.31), 1e-12);
        Distribution.IntRange ints = new Distribution.IntRange(1, 10, 3, false);
        assertEquals(10L, ints.toExternal(11.2));
        assertEquals(4L, ints.toExternal(5.4));
        Distribution.Categorical cat = new Distribution.Categorical(List.of("a", 2, true));
        assertEquals(1.0, cat.toInternal(2));
        assertEquals(true, cat.toExternal(2));
        assertThrows(IllegalArgumentException.class, () -> cat.toInternal("z"));
        assertTrue(new Distribution.IntRange(3, 4, 2, false).isSingle());
        assertTrue(Distribution.FloatRange.linear(1, 1).isSingle());
    }
}
