#!/usr/bin/env bash
# Runs reinforcement-learning reference evaluations (nav2d or pendulum; 20 trajectories an adaptation
# step, 40 fixed test tasks, seed 1) one after the other and appends one CSV row per run to a file:
# the average query return after 0, 1, 2 and 3 adaptation steps with its 95% interval over the test
# tasks, the training budget and time, and the exact command. Runs already in the file (same
# algorithm, data set, training steps and settings) are skipped, so an interrupted batch resumes.
#
#   suites/bench/rl-reference.sh OUT.csv RUN [RUN ...]
#
# A RUN is ALGORITHM:DATASET:TRAIN_STEPS[:NAME=VALUE,...], for example
#   maml:nav2d:100   pretrained:nav2d:100   random:nav2d:100:inner_lr=0.05
# Environment: THREADS (default 2), TEST_EPISODES (default 40), SEED (default 1), TRAJECTORIES (default 20).
set -euo pipefail
# shellcheck source=suites/bench/common.sh
source "$(dirname "${BASH_SOURCE[0]}")/common.sh"
root="$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)"
threads="${THREADS:-2}"
episodes="${TEST_EPISODES:-40}"
seed="${SEED:-1}"
trajectories="${TRAJECTORIES:-20}"

[[ $# -ge 2 ]] || bench_usage
out="$1"
shift

header="algorithm,dataset,trajectories,test_tasks,train_steps,train_seconds,seed,return_0,ci95_0,return_1,ci95_1,return_2,ci95_2,return_3,ci95_3,settings,command"
bench_csv "$out" "$header"

for run in "$@"; do
  IFS=: read -r algorithm dataset steps settings <<< "$run"
  if [[ -z "$algorithm" || -z "$dataset" || ! "$steps" =~ ^[0-9]+$ ]]; then
    echo "rl-reference: run '$run' is not ALGORITHM:DATASET:TRAIN_STEPS[:NAME=VALUE,...]" >&2
    exit 2
  fi
  settings="${settings:-}"
  if awk -F, -v a="$algorithm" -v d="$dataset" -v t="$steps" -v p="${settings//,/;}" \
      'NR > 1 && $1 == a && $2 == d && $5 == t && $16 == p { found = 1 } END { exit !found }' "$out"; then
    echo "rl-reference: $run is already in $out, skipped" >&2
    continue
  fi
  cmd=(./metatune eval --algorithm "$algorithm" --dataset "$dataset" --ways 1 --shots "$trajectories"
       --queries "$trajectories" --train-steps "$steps" --test-episodes "$episodes" --seed "$seed" --threads "$threads")
  if [[ -n "$settings" ]]; then
    IFS=, read -r -a pairs <<< "$settings"
    for pair in "${pairs[@]}"; do cmd+=(--set "$pair"); done
  fi
  cmd+=(--json)
  echo "rl-reference: ${cmd[*]}" >&2
  line="$(cd "$root" && "${cmd[@]}")"
  row="$(printf '%s\n' "$line" | python3 -c '
import json, sys
r = json.loads(sys.stdin.read().strip().splitlines()[-1])
curve = {p["adaptation_steps"]: p for p in r["by_adaptation_step"]}
cells = [r["algorithm"], r["dataset"], r["shots"], r["episodes"], r["train_steps"], r["train_seconds"], r["seed"]]
for k in range(4):
    cells += [curve[k]["return"], curve[k]["ci95"]] if k in curve else ["", ""]
print(",".join(str(c) for c in cells))')"
  echo "$row,${settings//,/;},${cmd[*]}" >> "$out"
  echo "rl-reference: $row" >&2
done
