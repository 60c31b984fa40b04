package dev.metatune.suite;

import dev.metatune.space.Distribution;
import dev.metatune.space.Domain;
import dev.metatune.hpo.PrunerProvider;
import dev.metatune.hpo.SamplerProvider;
import dev.metatune.learner.HyperparameterSpec;
import dev.metatune.task.TaskKind;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * The catalog the project plans: the algorithms and data sets being built in parallel, with the
 * hyperparameter names and default types their engineers agreed on, and the HPO engine's real
 * samplers and pruners with their option names. Suites are
 * tested against it until the plugins are merged; {@code ValidateCommandTest} then checks the
 * shipped suites against the real registries too.
 */
public final class PlannedCatalog {

    private PlannedCatalog() {
    }

    public static SuiteCatalog get() {
        Set<TaskKind> both = Set.of(TaskKind.CLASSIFICATION, TaskKind.REGRESSION);
        Set<TaskKind> images = Set.of(TaskKind.CLASSIFICATION);
        List<HyperparameterSpec> maml = List.of(
                spec("inner_lr", 0.4, Distribution.FloatRange.logScale(1e-3, 1.0)),
                spec("inner_steps", 1, Distribution.IntRange.of(1, 10)),
                spec("test_inner_steps", 3, Distribution.IntRange.of(1, 20)),
                spec("meta_batch", 32, Distribution.IntRange.of(1, 64)),
                spec("outer_lr", 1e-3, Distribution.FloatRange.logScale(1e-5, 1e-1)),
                spec("filters", 64, new Distribution.Categorical(List.of(32L, 64L))),
                spec("transductive_bn", true, new Distribution.Categorical(List.of(true, false))));
        List<HyperparameterSpec> protonet = List.of(
                spec("lr", 1e-3, Distribution.FloatRange.logScale(1e-5, 1e-1)),
                spec("lr_halve_every", 2000, Distribution.IntRange.of(100, 10000)),
                spec("train_ways", 60, Distribution.IntRange.of(2, 60)),
                spec("train_shots", 5, Distribution.IntRange.of(1, 10)),
                spec("train_queries", 5, Distribution.IntRange.of(1, 15)),
                spec("filters", 64, new Distribution.Categorical(List.of(32L, 64L))));
        List<HyperparameterSpec> baseline = List.of(
                spec("lr", 1e-3, Distribution.FloatRange.logScale(1e-5, 1e-1)),
                spec("finetune_epochs", 100, Distribution.IntRange.of(10, 300)),
                spec("finetune_lr", 1e-2, Distribution.FloatRange.logScale(1e-4, 1.0)),
                spec("train_ways", 8, Distribution.IntRange.of(4, 64)),
                spec("train_shots", 1, Distribution.IntRange.of(1, 5)),
                spec("train_queries", 1, Distribution.IntRange.of(1, 5)),
                spec("filters", 64, new Distribution.Categorical(List.of(32L, 64L))));
        return SuiteCatalog.ofNames(Set.of(), Set.of("omniglot", "synthetic", "sinusoid", "mini-imagenet", "cifar-fs"),
                        Set.copyOf(SamplerProvider.registry().names()), Set.copyOf(PrunerProvider.registry().names()))
                .withSchemas(List.of(new AlgorithmSchema("maml", both, maml), new AlgorithmSchema("fomaml", both, maml),
                        new AlgorithmSchema("protonet", images, protonet),
                        new AlgorithmSchema("baseline", images, baseline),
                        new AlgorithmSchema("baseline-pp", images, baseline)))
                .withDatasetKinds(Map.of("omniglot", TaskKind.CLASSIFICATION, "synthetic", TaskKind.CLASSIFICATION,
                        "sinusoid", TaskKind.REGRESSION))
                .withDatasetSplits(Map.of("omniglot", List.of("train", "val", "trainval", "test", "background", "evaluation"),
                        "synthetic", List.of("train", "val", "test"), "sinusoid", List.of("train", "val", "test")))
                .withOptions(SamplerProvider.registry().all().stream().collect(Collectors.toMap(p -> p.name(), p -> p.optionNames())),
                        PrunerProvider.registry().all().stream().collect(Collectors.toMap(p -> p.name(), p -> p.optionNames())));
    }

    private static HyperparameterSpec spec(String name, Object defaultValue, Distribution range) {
        Domain domain = defaultValue instanceof Boolean ? new Domain.Bool()
                : defaultValue instanceof Integer || defaultValue instanceof Long ? Domain.Integer.atLeast(Long.MIN_VALUE)
                : defaultValue instanceof Number ? Domain.Real.any() : new Domain.Choice(List.of(defaultValue));
        return new HyperparameterSpec(name, domain, defaultValue, range, name);
    }
}
