#!/usr/bin/env bash
# Times one meta-training step of each algorithm on real Omniglot at one shape (metatune bench, a
# fresh process per run) and appends one CSV row per run: the median seconds per step, and the
# process's peak resident memory. Runs already in the file (same algorithm and settings) are skipped.
#
#   suites/bench/step-times.sh OUT.csv RUN [RUN ...]
#
# A RUN is ALGORITHM[:NAME=VALUE,...]; meta_batch and inner_steps go to bench's --meta-batch and
# --inner-steps, other settings to --set. For example
#   maml:meta_batch=8   maml:meta_batch=8,inner_steps=5   protonet
# Environment: DATA_ROOT (the folder holding omniglot/, default ../shared/data beside the repository),
# THREADS (default 2), WAYS (5), SHOTS (1), QUERIES (15), WARMUP (3), STEPS (10), SEED (1).
# Time only on an otherwise idle machine.
set -euo pipefail
# shellcheck source=suites/bench/common.sh
source "$(dirname "${BASH_SOURCE[0]}")/common.sh"
root="$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)"
data="${DATA_ROOT:-$root/../shared/data}"
threads="${THREADS:-2}"; ways="${WAYS:-5}"; shots="${SHOTS:-1}"; queries="${QUERIES:-15}"
warmup="${WARMUP:-3}"; steps="${STEPS:-10}"; seed="${SEED:-1}"

[[ $# -ge 2 ]] || bench_usage
out="$1"
shift
bench_omniglot "$data"

header="algorithm,ways,shots,queries,meta_batch,inner_steps,settings,threads,median_s_per_step,min_s,max_s,peak_rss_mib,steps,command"
bench_csv "$out" "$header"

for run in "$@"; do
  IFS=: read -r algorithm settings <<< "$run"
  settings="${settings:-}"
  if awk -F, -v a="$algorithm" -v p="${settings//,/;}" -v w="$ways" -v s="$shots" \
      'NR > 1 && $1 == a && $2 == w && $3 == s && $7 == p { found = 1 } END { exit !found }' "$out"; then
    echo "step-times: $run is already in $out, skipped" >&2
    continue
  fi
  cmd=(./metatune bench --algorithm "$algorithm" --dataset omniglot --data-dir ../shared/data --ways "$ways" --shots "$shots"
       --queries "$queries" --warmup "$warmup" --steps "$steps" --seed "$seed" --threads "$threads" --json)
  if [[ -n "$settings" ]]; then
    IFS=, read -ra pairs <<< "$settings"
    for pair in "${pairs[@]}"; do
      case "${pair%%=*}" in
        meta_batch) cmd+=(--meta-batch "${pair#*=}") ;;
        inner_steps) cmd+=(--inner-steps "${pair#*=}") ;;
        *) cmd+=(--set "$pair") ;;
      esac
    done
  fi
  echo "step-times: ${cmd[*]}" >&2
  json="$(cd "$root" && "${cmd[@]/#..\/shared\/data/$data}" | tail -n 1)"
  python3 - "$json" "$algorithm" "${settings//,/;}" "${cmd[*]}" >> "$out" <<'PY'
import csv, json, sys
line, algorithm, settings, command = json.loads(sys.argv[1]), sys.argv[2], sys.argv[3], sys.argv[4]
def v(key):
    value = line.get(key)
    return "" if value is None else value
csv.writer(sys.stdout, lineterminator="\n").writerow([algorithm, v("ways"), v("shots"), v("queries"), v("meta_batch"),
    v("inner_steps"), settings, v("threads"), v("median_s_per_step"), v("min_s"), v("max_s"), v("peak_rss_mib"),
    v("steps"), command])
PY
done
