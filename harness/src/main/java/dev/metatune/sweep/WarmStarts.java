package dev.metatune.sweep;

import dev.metatune.hpo.FrozenTrial;
import dev.metatune.hpo.PriorTrials;
import dev.metatune.hpo.Sampler;
import dev.metatune.hpo.Storage;
import dev.metatune.hpo.StudyInfo;
import dev.metatune.hpo.TrialState;
import dev.metatune.hpo.storage.StorageFactory;
import dev.metatune.run.RunCodec;
import dev.metatune.run.TuningStudy;
import dev.metatune.run.WarmStartSource;
import dev.metatune.space.Distribution;
import dev.metatune.suite.StudyPlan;
import dev.metatune.suite.WarmStartReference;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Function;

/**
 * The warm starts of a run's studies: for each study, the earlier studies its algorithm entry names
 * in {@code warm_start:} (a study never warms itself), resolved to a storage and a study name, and
 * read into the {@link PriorTrials} its sampler gets. A study of this run is read when the run
 * reaches the study it warms, and a worker starts on a warmed study only once its sources in this run
 * are finished (none of their trials left to start or running; {@link #sourcesInThisRun}), so the
 * prior holds all their trials. Studies of other runs or storages are checked
 * when the run is prepared (the study exists, and shares a searched parameter), with an error at the
 * suite line that names them.
 */
final class WarmStarts {

    /** One resolved source: where to read it and what the report calls it. */
    record Source(WarmStartReference reference, String study, String storage) {
    }

    private final Map<StudyPlan, List<Source>> sources;
    private final Function<String, Storage> open;

    private WarmStarts(Map<StudyPlan, List<Source>> sources, Function<String, Storage> open) {
        this.sources = sources;
        this.open = open;
    }

    /**
     * Resolves every plan's warm start; {@code names} are the run's study names after the data sets
     * used. Another run's or storage's study that is missing or shares no searched parameter is a
     * located suite error.
     */
    static WarmStarts resolve(List<StudyPlan> plans, Map<StudyPlan, String> names) {
        return resolve(plans, names, StorageFactory::open);
    }

    static WarmStarts resolve(List<StudyPlan> plans, Map<StudyPlan, String> names, Function<String, Storage> open) {
        Map<StudyPlan, List<Source>> out = new LinkedHashMap<>();
        for (StudyPlan plan : plans) {
            List<Source> list = new ArrayList<>();
            for (WarmStartReference ref : plan.algorithm().warmStart()) {
                if (ref.inThisRun()) {
                    StudyPlan from = plans.stream().filter(p -> p.studyName().equals(ref.study())).findFirst()
                            .orElseThrow(() -> ref.error("value '" + ref.study() + "' is not a study of this suite"));
                    if (from != plan) {
                        list.add(new Source(ref, names.get(from), null));
                    }
                    continue;
                }
                String storage = storageOf(ref);
                try (Storage s = open.apply(storage)) {
                    Optional<StudyInfo> info = s.findStudy(ref.study());
                    if (info.isEmpty()) {
                        List<String> known = new RunCodec(s).readRun().map(r -> r.studies()).orElse(
                                s.studies().stream().map(StudyInfo::name).toList());
                        throw ref.error("value '" + ref.study() + "' is not a study of " + ref.where() + "; allowed: one of "
                                + known);
                    }
                    Map<String, Distribution> space = searchOf(s, ref.study());
                    if (space.keySet().stream().noneMatch(plan.algorithm().search()::containsKey)) {
                        throw ref.error("study '" + ref.study() + "' of " + ref.where() + " searches " + space.keySet()
                                + ", nothing that '" + names.get(plan) + "' searches; allowed: a study that shares a"
                                + " searched parameter with " + plan.algorithm().search().keySet());
                    }
                }
                list.add(new Source(ref, ref.study(), storage));
            }
            out.put(plan, list);
        }
        return new WarmStarts(out, open);
    }

    private static String storageOf(WarmStartReference ref) {
        if (ref.storage().isPresent()) {
            return ref.storage().get();
        }
        try {
            return new RunFolder(Path.of(ref.run().orElseThrow())).storedStorage();
        } catch (IOException e) {
            throw ref.error("cannot read run folder '" + ref.run().get() + "': " + e.getMessage());
        }
    }

    /** The searched space of a study: its tuning record's, else what its trials drew. */
    private static Map<String, Distribution> searchOf(Storage storage, String study) {
        Optional<TuningStudy> record = new RunCodec(storage).readTuningStudy(study);
        if (record.isPresent() && !record.get().search().isEmpty()) {
            return record.get().search();
        }
        Map<String, Distribution> space = new LinkedHashMap<>();
        for (FrozenTrial t : new RunCodec(storage).trials(study)) {
            t.distributions().forEach(space::putIfAbsent);
        }
        return space;
    }

    /** Whether {@code plan} is warmed at all. */
    /** The names of this run's studies that warm {@code plan}'s (none for sources in other runs or storages). */
    List<String> sourcesInThisRun(StudyPlan plan) {
        return sources.getOrDefault(plan, List.of()).stream().filter(s -> s.storage() == null).map(Source::study).toList();
    }

    boolean warms(StudyPlan plan) {
        return !sources.getOrDefault(plan, List.of()).isEmpty();
    }

    /**
     * The prior of {@code plan}'s study, read now from its sources ({@code runStorage} for this run's),
     * and what the run records of it for the report.
     */
    Prior prior(StudyPlan plan, Storage runStorage, Sampler sampler, String samplerName) {
        List<PriorTrials.Source> prior = new ArrayList<>();
        List<WarmStartSource> record = new ArrayList<>();
        for (Source source : sources.getOrDefault(plan, List.of())) {
            PriorTrials.Source read = source.storage() == null ? read(runStorage, source, plan)
                    : readFrom(source, plan);
            prior.add(read);
            List<String> shared = plan.algorithm().search().keySet().stream()
                    .filter(p -> read.observations().stream().anyMatch(o -> o.params().containsKey(p))).toList();
            record.add(new WarmStartSource(source.study(), source.reference().where(), read.observations().size(), shared,
                    samplerName, sampler.usesPrior()));
        }
        return new Prior(new PriorTrials(prior), record);
    }

    /** A study's prior and its record. */
    record Prior(PriorTrials trials, List<WarmStartSource> sources) {
    }

    private PriorTrials.Source readFrom(Source source, StudyPlan plan) {
        try (Storage s = open.apply(source.storage())) {
            return read(s, source, plan);
        }
    }

    private static PriorTrials.Source read(Storage storage, Source source, StudyPlan plan) {
        StudyInfo info = storage.findStudy(source.study()).orElseThrow(() -> new IllegalStateException(
                "warm start: study '" + source.study() + "' is gone from " + source.reference().where()));
        List<FrozenTrial> trials = storage.trials(info.studyId());
        if (source.storage() == null && trials.stream().anyMatch(t -> t.state() == TrialState.RUNNING)) {
            throw new IllegalStateException("warm start: study '" + source.study() + "' still has running trials when '"
                    + plan.studyName() + "' starts; it must be finished first");
        }
        return PriorTrials.source(source.study(), trials, info.direction(), plan.algorithm().search());
    }
}
