"""The real Optuna on a Metatune study storage, driven by OptunaInteropTest.

Usage: optuna_peer.py COMMAND STORAGE_URL STUDY [ARGS]
  dump [PLOT_DIR]   load the study and print what Optuna sees as JSON; with PLOT_DIR also compute
                    parameter importances and write optuna.visualization plots (HTML) there
  work N            run N trials of the shared test objective as an Optuna worker
  init              create Optuna's tables in an empty storage (the study name is not used)
  heartbeat         with heartbeats on (grace 120 s): fail the study's stale trials as Optuna does,
                    then start one trial, record its heartbeat and leave it RUNNING
  importance        print Optuna's fANOVA importances (seed 0) of the study as JSON, normalised, by parameter
  create            create a study with Optuna: finished, pruned, failed and infinite trials and
                    one trial left WAITING
"""
import json
import math
import os
import sys
import time

import optuna


def storage(url):
    kwargs = {}
    if url.startswith("sqlite"):
        # wait for the Metatune worker's write lock instead of failing after SQLite's default 5 s
        kwargs = {"connect_args": {"timeout": 60}}
    return optuna.storages.RDBStorage(url, engine_kwargs=kwargs)


def trial_json(t):
    return {
        "number": t.number,
        "state": t.state.name,
        "value": t.value,
        "params": t.params,
        "distributions": {k: json.loads(optuna.distributions.distribution_to_json(d))
                          for k, d in t.distributions.items()},
        "intermediate_values": {str(k): v for k, v in sorted(t.intermediate_values.items())},
        "user_attrs": t.user_attrs,
        "system_attrs": t.system_attrs,
        "datetime_start": t.datetime_start.isoformat() if t.datetime_start else None,
        "datetime_complete": t.datetime_complete.isoformat() if t.datetime_complete else None,
    }


def dump(url, name, plot_dir=None):
    study = optuna.load_study(study_name=name, storage=storage(url))
    complete = [t for t in study.trials if t.state == optuna.trial.TrialState.COMPLETE]
    out = {
        "direction": study.direction.name,
        "user_attrs": study.user_attrs,
        "trials": [trial_json(t) for t in study.trials],
        "best_trial": study.best_trial.number if complete else None,
        "best_value": study.best_value if complete else None,
    }
    if plot_dir:
        out["importances"] = dict(optuna.importance.get_param_importances(study))
        written = []
        from optuna import visualization as vis
        for plot in (vis.plot_optimization_history, vis.plot_intermediate_values, vis.plot_param_importances,
                     vis.plot_slice, vis.plot_parallel_coordinate, vis.plot_contour, vis.plot_edf):
            path = os.path.join(plot_dir, plot.__name__ + ".html")
            plot(study).write_html(path, include_plotlyjs=False)
            written.append(os.path.basename(path))
        out["plots"] = written
    print(json.dumps(out))


def objective(trial):
    """The objective that Metatune's test worker also runs: x in [-5, 5], y log in [1e-3, 10]."""
    trial.set_user_attr("worker", "optuna")
    x = trial.suggest_float("x", -5, 5)
    y = trial.suggest_float("y", 1e-3, 10, log=True)
    time.sleep(0.005)
    return x * x + math.log(y) ** 2


def work(url, name, n):
    optuna.logging.set_verbosity(optuna.logging.WARNING)
    study = optuna.load_study(study_name=name, storage=storage(url))
    study.optimize(objective, n_trials=n)
    mine = [t.number for t in study.trials if t.user_attrs.get("worker") == "optuna"]
    print(json.dumps({"numbers": [t.number for t in study.trials], "mine": mine}))


def heartbeat(url, name):
    optuna.logging.set_verbosity(optuna.logging.WARNING)
    kwargs = {"connect_args": {"timeout": 60}} if url.startswith("sqlite") else {}
    beating = optuna.storages.RDBStorage(url, engine_kwargs=kwargs, heartbeat_interval=60, grace_period=120)
    study = optuna.load_study(study_name=name, storage=beating)
    optuna.storages.fail_stale_trials(study)
    failed = [t.number for t in study.trials if t.state == optuna.trial.TrialState.FAIL]
    trial = study.ask()
    beating.record_heartbeat(trial._trial_id)
    print(json.dumps({"failed": failed, "running": trial.number}))


def create(url, name):
    optuna.logging.set_verbosity(optuna.logging.WARNING)
    study = optuna.create_study(study_name=name, storage=storage(url), direction="maximize",
                                sampler=optuna.samplers.TPESampler(seed=1))
    study.set_user_attr("origin", "optuna")
    study.enqueue_trial({"x": 0.5, "n": 3, "c": "b", "lr": 0.1})

    def made(trial):
        x = trial.suggest_float("x", 0, 1)
        n = trial.suggest_int("n", 1, 9, step=2)
        c = trial.suggest_categorical("c", ["a", "b", "c"])
        lr = trial.suggest_float("lr", 1e-4, 1, log=True)
        trial.set_user_attr("by", "optuna")
        for step in range(3):
            trial.report(x * (step + 1) / 3 + n / 100, step)
            if trial.number == 2 and step == 1:
                raise optuna.TrialPruned()
        if trial.number == 3:
            raise ValueError("boom")
        if trial.number == 4:
            return float("-inf")
        return x + n / 100 + (0.01 if c == "b" else 0) - abs(math.log10(lr)) / 100

    study.optimize(made, n_trials=6, catch=(ValueError,))
    study.enqueue_trial({"x": 0.25, "n": 5, "c": "a", "lr": 0.01})
    dump(url, name)


def importance(url, name):
    study = optuna.load_study(study_name=name, storage=storage(url))
    evaluator = optuna.importance.FanovaImportanceEvaluator(seed=0)
    print(json.dumps({"fanova": dict(optuna.importance.get_param_importances(study, evaluator=evaluator))}))


def main(argv):
    command, url, name = argv[1], argv[2], argv[3]
    if command == "dump":
        dump(url, name, argv[4] if len(argv) > 4 else None)
    elif command == "work":
        work(url, name, int(argv[4]))
    elif command == "init":
        storage(url)
        print(json.dumps({"revision": storage(url).get_current_version()}))
    elif command == "heartbeat":
        heartbeat(url, name)
    elif command == "importance":
        importance(url, name)
    elif command == "create":
        create(url, name)
    else:
        raise SystemExit("unknown command " + command)


if __name__ == "__main__":
    main(sys.argv)
