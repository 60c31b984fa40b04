package dev.metatune.hpo;

import dev.metatune.hpo.storage.StorageFactory;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;

/**
 * One worker of {@link SamplerWorkersTest}: runs the worker loop with a named sampler (seeded
 * alike in every worker, as a suite seeds them) on a shared study. As a process, its arguments
 * are: storage spec, study name, sampler name, budget of counted trials, folder for the ready/go
 * files, worker id (its trials take 150 ms, so that both processes get some).
 */
public final class SamplerWorkerMain {

    /** The seed every worker gives its sampler. */
    static final long SEED = 11;

    private SamplerWorkerMain() {
    }

    /** The sampler {@code name} with the test's options (a short TPE start-up, a small CMA-ES population). */
    static Sampler sampler(String name) {
        Map<String, Object> options = switch (name) {
            case "tpe" -> Map.of("n_startup_trials", 4);
            case "cmaes" -> Map.of("popsize", 4);
            default -> Map.of();
        };
        return SamplerProvider.byName(name, SEED, options);
    }

    /** Runs one worker with {@code sampler} on study {@code name} of {@code spec} until the budget is used. */
    static WorkerSummary work(String spec, String name, Sampler sampler, int trials, int worker) throws Exception {
        return work(spec, name, sampler, trials, worker, 15);
    }

    /** As above, each trial taking {@code millis}. */
    static WorkerSummary work(String spec, String name, Sampler sampler, int trials, int worker, long millis)
            throws Exception {
        try (Storage storage = StorageFactory.open(spec);
                Study study = Study.builder(storage, name).setSampler(sampler)
                        .optHeartbeat(Duration.ofMillis(200), Duration.ofSeconds(10), 1).createOrLoad()) {
            return StudyWorker.builder(study, trial -> {
                trial.setUserAttr("worker", worker);
                double x = trial.suggestFloat("x", -5, 5);
                double y = trial.suggestFloat("y", 1e-3, 1, true);
                int z = trial.suggestInt("z", 0, 1000);
                Thread.sleep(millis);
                return (x - 1) * (x - 1) + Math.log(y) * Math.log(y) + z / 1000.0;
            }).setTrials(trials).build().run();
        }
    }

    public static void main(String[] args) throws Exception {
        Path dir = Path.of(args[4]);
        int worker = Integer.parseInt(args[5]);
        Files.writeString(dir.resolve("ready-" + worker), "");
        for (int i = 0; i < 6000 && !Files.exists(dir.resolve("go")); i++) {
            Thread.sleep(10);
        }
        work(args[0], args[1], sampler(args[2]), Integer.parseInt(args[3]), worker, 150);
    }
}
