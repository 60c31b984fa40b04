#!/usr/bin/env bash
# Runs the Omniglot reference evaluations (Vinyals split, 600 fixed test episodes with 15 queries per
# class, seed 1) one after the other and appends one CSV row per run to a file, each row carrying the
# exact command that produced it and the paper's number beside it. Runs already in the file (same
# algorithm, ways, shots, training steps, settings and image size) are skipped, so an interrupted batch resumes.
#
#   suites/bench/omniglot-reference.sh OUT.csv RUN [RUN ...]
#
# A RUN is ALGORITHM:WAYS:SHOTS:TRAIN_STEPS[:NAME=VALUE,...], for example
#   maml:5:1:3200   protonet:20:1:1000   maml:20:1:800:meta_batch=16,test_inner_steps=5
# Environment: DATA_ROOT (the folder holding omniglot/, default ../shared/data beside the
# repository), THREADS (default 2), TEST_EPISODES (default 600), SEED (default 1), SAVE_MODELS (a
# folder: each run's trained model is saved there as ALGORITHM-WAYSwSHOTSs-STEPS, for metatune test),
# IMAGE_SIZE (the images' side, default Omniglot's 28; the command column records it).
set -euo pipefail
# shellcheck source=suites/bench/common.sh
source "$(dirname "${BASH_SOURCE[0]}")/common.sh"
root="$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)"
data="${DATA_ROOT:-$root/../shared/data}"
threads="${THREADS:-2}"
episodes="${TEST_EPISODES:-600}"
seed="${SEED:-1}"
image_size="${IMAGE_SIZE:-}"
[[ -z "$image_size" || "$image_size" =~ ^[1-9][0-9]*$ ]] || { echo "omniglot-reference: IMAGE_SIZE must be a positive whole number, got '$image_size'" >&2; exit 2; }

[[ $# -ge 2 ]] || bench_usage
out="$1"
shift
bench_omniglot "$data"

# The paper's number is the one the algorithm's provider states (eval --json, "paper"); where it states
# none, these test accuracies the papers report for Omniglot (Finn et al. 2017, table 1, MAML and its
# first-order approximation; Snell et al. 2017, table 1).
paper() {
  case "$1:$2:$3" in
    maml:5:1) echo 98.7 ;; maml:5:5) echo 99.9 ;; maml:20:1) echo 95.8 ;; maml:20:5) echo 98.9 ;;
    fomaml:5:1) echo 98.3 ;; fomaml:5:5) echo 99.2 ;; fomaml:20:1) echo 89.4 ;; fomaml:20:5) echo 97.9 ;;
    protonet:5:1) echo 98.8 ;; protonet:5:5) echo 99.7 ;; protonet:20:1) echo 96.0 ;; protonet:20:5) echo 98.9 ;;
    *) echo "" ;;
  esac
}

header="algorithm,dataset,ways,shots,queries,accuracy,ci95,episodes,train_steps,train_seconds,seed,settings,paper_accuracy,command"
bench_csv "$out" "$header"

for run in "$@"; do
  IFS=: read -r algorithm ways shots steps settings <<< "$run"
  if [[ -z "$algorithm" || ! "$ways" =~ ^[0-9]+$ || ! "$shots" =~ ^[0-9]+$ || ! "$steps" =~ ^[0-9]+$ ]]; then
    echo "omniglot-reference: run '$run' is not ALGORITHM:WAYS:SHOTS:TRAIN_STEPS[:NAME=VALUE,...]" >&2
    exit 2
  fi
  settings="${settings:-}"
  if awk -F, -v a="$algorithm" -v w="$ways" -v s="$shots" -v t="$steps" -v p="${settings//,/;}" -v z="$image_size" \
      'NR > 1 && $1 == a && $3 == w && $4 == s && $9 == t && $12 == p \
       && (z == "" ? index($14, "--image-size") == 0 : index($14, "--image-size " z " ") > 0) { found = 1 }
       END { exit !found }' "$out"; then
    echo "omniglot-reference: $run is already in $out, skipped" >&2
    continue
  fi
  cmd=(./metatune eval --algorithm "$algorithm" --dataset omniglot --data-dir ../shared/data --ways "$ways" --shots "$shots"
       --queries 15 --train-steps "$steps" --test-episodes "$episodes" --seed "$seed" --threads "$threads")
  [[ -z "$image_size" ]] || cmd+=(--image-size "$image_size")
  if [[ -n "$settings" ]]; then
    IFS=, read -r -a pairs <<< "$settings"
    for pair in "${pairs[@]}"; do cmd+=(--set "$pair"); done
  fi
  if [[ -n "${SAVE_MODELS:-}" ]]; then
    cmd+=(--save-model "$SAVE_MODELS/$algorithm-${ways}w${shots}s-$steps${image_size:+-${image_size}px}${settings:+-${settings//[,=]/-}}")
  fi
  cmd+=(--json)
  echo "omniglot-reference: ${cmd[*]}" >&2
  line="$(cd "$root" && "${cmd[@]/#..\/shared\/data/$data}")"
  row="$(printf '%s\n' "$line" | python3 -c '
import json, sys
r = json.loads(sys.stdin.read().strip().splitlines()[-1])
print(",".join(str(r[k]) for k in ("algorithm", "dataset", "ways", "shots", "queries", "accuracy", "ci95", "episodes",
                                   "train_steps", "train_seconds", "seed")))
paper = r.get("paper", {}).get("accuracy")
print("" if paper is None else "%g" % round(100 * paper, 2))')"
  published="$(printf '%s\n' "$row" | sed -n 2p)"
  row="$(printf '%s\n' "$row" | sed -n 1p)"
  echo "$row,${settings//,/;},${published:-$(paper "$algorithm" "$ways" "$shots")},${cmd[*]}" >> "$out"
  echo "omniglot-reference: $row" >&2
done
