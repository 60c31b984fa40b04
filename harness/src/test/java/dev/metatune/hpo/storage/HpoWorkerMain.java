package dev.metatune.hpo.storage;

import dev.metatune.hpo.Storage;

import dev.metatune.hpo.Study;
import dev.metatune.hpo.sampler.TpeSampler;

/**
 * A worker process for {@link ConcurrentWorkersTest}: joins a study in a shared storage and runs
 * its share of trials. Arguments: storage spec, study name, trials, worker id.
 */
public final class HpoWorkerMain {

    private HpoWorkerMain() {
    }

    public static void main(String[] args) {
        String spec = args[0];
        String name = args[1];
        int trials = Integer.parseInt(args[2]);
        int worker = Integer.parseInt(args[3]);
        try (Storage storage = StorageFactory.open(spec);
                Study study = Study.builder(storage, name).setSampler(new TpeSampler(worker)).createOrLoad()) {
            study.optimize(trial -> {
                trial.setUserAttr("worker", worker);
                double x = trial.suggestFloat("x", -5, 5);
                double y = trial.suggestFloat("y", 1e-3, 10, true);
                Thread.sleep(2);
                return x * x + Math.log(y) * Math.log(y);
            }, trials);
        }
    }
}
