#!/usr/bin/env python3
"""The Optuna side of `metatune hpo-bench --peer optuna`.

Reads one JSON object on standard input:

    {"seeds": 30, "trials": 50, "samplers": ["tpe", "tpe-multivariate", "cmaes"],
     "functions": [{"name": "branin",
                    "space": [{"name": "x1", "type": "float", "low": -5, "high": 10,
                               "log": false, "step": null}, ...],
                    "checks": [{"params": {"x1": 1.5, "x2": 3.0}, "value": 12.3}, ...]}]}

Each function is defined here again, by name; before a function is optimised, its definition is
checked against the values Metatune computed at the "checks" points, so both sides optimise the
same function. The parameters are suggested in the order, with the bounds and with the log, step
and categorical declarations Metatune sends. Every sampler runs with Optuna's defaults and the
seed as its only argument, one study per (function, sampler, seed), in memory.

Writes one line per study to standard output, tab-separated: function, sampler, seed, best value;
and first a line "optuna VERSION". Anything else goes to standard error. Exit status 3 when Optuna
cannot be imported, 4 when a function's check fails.
"""

import json
import math
import sys
import warnings


def branin(p):
    x1, x2 = p["x1"], p["x2"]
    b = 5.1 / (4 * math.pi * math.pi)
    c = 5 / math.pi
    t = 1 / (8 * math.pi)
    u = x2 - b * x1 * x1 + c * x1 - 6
    return u * u + 10 * (1 - t) * math.cos(x1) + 10


HARTMANN_ALPHA = [1.0, 1.2, 3.0, 3.2]
HARTMANN_A = [[10, 3, 17, 3.5, 1.7, 8], [0.05, 10, 17, 0.1, 8, 14],
              [3, 3.5, 1.7, 10, 17, 8], [17, 8, 0.05, 10, 0.1, 14]]
HARTMANN_P = [[0.1312, 0.1696, 0.5569, 0.0124, 0.8283, 0.5886],
              [0.2329, 0.4135, 0.8307, 0.3736, 0.1004, 0.9991],
              [0.2348, 0.1451, 0.3522, 0.2883, 0.3047, 0.6650],
              [0.4047, 0.8828, 0.8732, 0.5743, 0.1091, 0.0381]]


def hartmann6(p):
    x = [p["x%d" % (j + 1)] for j in range(6)]
    total = 0.0
    for i in range(4):
        inner = sum(HARTMANN_A[i][j] * (x[j] - HARTMANN_P[i][j]) ** 2 for j in range(6))
        total += HARTMANN_ALPHA[i] * math.exp(-inner)
    return -total


LOG_OPTIMUM = [1e-4, 1e-3, 3e-3, 3e-2, 0.2]


def log_quadratic_5d(p):
    return sum((math.log10(p["x%d" % (i + 1)]) - math.log10(LOG_OPTIMUM[i])) ** 2 for i in range(5))


OFFSETS = {"relu": 0.0, "tanh": 0.3, "sigmoid": 0.6, "linear": 1.0}


def mixed_categorical(p):
    dx = (p["x"] - 1) / 5
    dy = (p["y"] - 7) / 5
    return OFFSETS[p["activation"]] + dx * dx + dy * dy


FUNCTIONS = {
    "branin": branin,
    "hartmann6": hartmann6,
    "log-quadratic-5d": log_quadratic_5d,
    "mixed-categorical": mixed_categorical,
}


def make_sampler(optuna, name, seed):
    if name == "tpe":
        return optuna.samplers.TPESampler(seed=seed)
    if name == "tpe-multivariate":
        return optuna.samplers.TPESampler(seed=seed, multivariate=True)
    if name == "cmaes":
        return optuna.samplers.CmaEsSampler(seed=seed)
    if name == "random":
        return optuna.samplers.RandomSampler(seed=seed)
    raise SystemExit("optuna_peer: unknown sampler '%s' (known: tpe, tpe-multivariate, cmaes, random)" % name)


def suggest(trial, space):
    params = {}
    for d in space:
        if d["type"] == "float":
            params[d["name"]] = trial.suggest_float(d["name"], d["low"], d["high"], log=d["log"], step=d["step"])
        elif d["type"] == "int":
            params[d["name"]] = trial.suggest_int(d["name"], d["low"], d["high"], step=d["step"] or 1, log=d["log"])
        elif d["type"] == "categorical":
            params[d["name"]] = trial.suggest_categorical(d["name"], d["choices"])
        else:
            raise SystemExit("optuna_peer: unknown parameter type '%s'" % d["type"])
    return params


def check(name, f, checks):
    for c in checks:
        got = f(c["params"])
        if not math.isclose(got, c["value"], rel_tol=1e-9, abs_tol=1e-12):
            sys.stderr.write("optuna_peer: %s at %s is %r here but %r in Metatune\n" % (name, c["params"], got, c["value"]))
            sys.exit(4)


def main():
    spec = json.load(sys.stdin)
    try:
        import optuna
    except ImportError as e:
        sys.stderr.write("optuna_peer: cannot import optuna (%s); install it with 'apt-get install python3-optuna'\n" % e)
        sys.exit(3)
    optuna.logging.set_verbosity(optuna.logging.ERROR)
    warnings.simplefilter("ignore")
    print("optuna", optuna.__version__, flush=True)
    for fn in spec["functions"]:
        if fn["name"] not in FUNCTIONS:
            raise SystemExit("optuna_peer: unknown function '%s'" % fn["name"])
        f = FUNCTIONS[fn["name"]]
        check(fn["name"], f, fn["checks"])
        space = fn["space"]
        for sampler in spec["samplers"]:
            for seed in range(spec["seeds"]):
                study = optuna.create_study(sampler=make_sampler(optuna, sampler, seed))
                study.optimize(lambda t: f(suggest(t, space)), n_trials=spec["trials"])
                print("%s\t%s\t%d\t%r" % (fn["name"], sampler, seed, study.best_value), flush=True)


if __name__ == "__main__":
    main()
