#!/usr/bin/env bash
# Warm start, measured small: MAML (second order) tuned at 5-way 5-shot on the `synthetic` data set,
# cold and warmed from the same suite's 5-way 1-shot study, over sampler seeds. For each seed a cold
# run tunes 5w1s then 5w5s; a warm run tunes 5w5s only, with `warm_start:` naming the cold run's
# 5w1s study (another run folder). Writes one CSV row per seed: the cold 5w5s study's best
# validation accuracy, the trial (1-based) where the cold study first reached it, the trial where
# the warm study first reached it (empty when it never did within the budget), and both studies'
# best value after 1, 3 and 5 trials.
#
#   suites/bench/warm-start.sh [OUT.csv]        (default results/reference/warm-start.csv)
#
# Environment: SEEDS (default "1 2 3 4 5"), TRIALS (10), STEPS (20), WORK (a scratch folder,
# default /tmp/metatune-warm-start). Tiny on purpose (filters 8, 20 meta-training steps, 20
# validation episodes): it shows the mechanism, not MAML's accuracy. A seed whose two runs finished
# in WORK before (an interrupted batch) is not run again; delete WORK to start afresh.
set -euo pipefail
root="$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)"
out="${1:-$root/results/reference/warm-start.csv}"
seeds="${SEEDS:-1 2 3 4 5}"; trials="${TRIALS:-10}"; steps="${STEPS:-20}"
work="${WORK:-/tmp/metatune-warm-start}"
mkdir -p "$work/data" "$(dirname "$out")"

suite() { # NAME SEED SETTINGS WARM
  cat <<YAML
name: $1
seed: $2
datasets:
  - name: synthetic
    settings: $3
budget: {train_steps: $steps, validate_every: $steps, validation_episodes: 20}
trials: $trials
algorithms:
  - name: maml
    fixed: {filters: 8, meta_batch: 2, inner_steps: 1, test_inner_steps: 1}
    search:
      inner_lr: {float: [0.01, 1.0], log: true}
      outer_lr: {float: [1.0e-4, 3.0e-2], log: true}
$4
sampler: {name: tpe, options: {n_startup_trials: 4}}
pruner: {name: nop}
test_episodes: 10
seeds: [1]
storage: sqlite
YAML
}

echo "seed,sampler,trials,train_steps,cold_best_val_accuracy,cold_trials_to_best,warm_best_val_accuracy,warm_trials_to_cold_best,cold_best_after_1,cold_best_after_3,cold_best_after_5,warm_best_after_1,warm_best_after_3,warm_best_after_5" > "$out"
for s in $seeds; do
  cold="$work/cold-$s"; warm="$work/warm-$s"
  if [[ -s "$cold/comparison.csv" && -s "$warm/comparison.csv" ]]; then
    echo "warm-start: seed $s finished in $work before, not run again" >&2
  else
    rm -rf "$cold" "$warm"
    suite "warm-start-cold-$s" "$s" "[{ways: 5, shots: 1, queries: 5}, {ways: 5, shots: 5, queries: 5}]" "" > "$work/cold-$s.yaml"
    suite "warm-start-warm-$s" "$s" "[{ways: 5, shots: 5, queries: 5}]" \
      "    warm_start: [{study: maml-synthetic-5w1s, run: $cold}]" > "$work/warm-$s.yaml"
    "$root/metatune" run "$work/cold-$s.yaml" --out "$cold" --data-dir "$work/data" --workers 1 >/dev/null 2>"$work/cold-$s.log"
    "$root/metatune" run "$work/warm-$s.yaml" --out "$warm" --data-dir "$work/data" --workers 1 >/dev/null 2>"$work/warm-$s.log"
  fi
  python3 - "$cold/trials.csv" "$warm/trials.csv" "$s" "$trials" "$steps" >> "$out" <<'PY'
import csv, sys
def values(path):
    rows = [r for r in csv.DictReader(open(path)) if r["study"] == "maml-synthetic-5w5s"]
    rows.sort(key=lambda r: int(r["trial"]))
    return [float(r["value"]) if r["state"] == "COMPLETE" and r["value"] else None for r in rows]
def first_at_least(vs, target):
    for i, v in enumerate(vs):
        if v is not None and v >= target - 1e-12:
            return str(i + 1)
    return ""
cold, warm = values(sys.argv[1]), values(sys.argv[2])
best = max(v for v in cold if v is not None)
wbest = max((v for v in warm if v is not None), default=float("nan"))
def best_after(vs, k):
    done = [v for v in vs[:k] if v is not None]
    return f"{max(done):.4f}" if done else ""
after = ",".join(best_after(vs, k) for vs in (cold, warm) for k in (1, 3, 5))
print(f"{sys.argv[3]},tpe,{sys.argv[4]},{sys.argv[5]},{best:.4f},{first_at_least(cold, best)},{wbest:.4f},{first_at_least(warm, best)},{after}")
PY
done
cat "$out"
