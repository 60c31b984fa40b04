#!/usr/bin/env bash
# What METATUNE_KERNELS=portable (PyTorch's CPU kernels held to AVX2) costs in speed on this CPU: times
# maml's and protonet's Omniglot 5-way 1-shot training steps (metatune bench, one thread, a fresh
# process each) with native and portable kernels, interleaved over ROUNDS rounds, and writes one CSV
# row per bench run. Time only on an otherwise idle machine.
#
#   suites/bench/kernels-speed.sh OUT.csv
#
# Environment: DATA_ROOT (the folder holding omniglot/, default ../shared/data beside the repository),
# ROUNDS (3), STEPS (15).
set -euo pipefail
# shellcheck source=suites/bench/common.sh
source "$(dirname "${BASH_SOURCE[0]}")/common.sh"
root="$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)"
data="${DATA_ROOT:-$root/../shared/data}"
rounds="${ROUNDS:-3}"; steps="${STEPS:-15}"
[[ $# -eq 1 ]] || bench_usage
out="$1"
bench_omniglot "$data"
cpu="$(bench_cpu_model)"
avx512="$(bench_avx512)"
echo "round,algorithm,kernels,cpu,avx512,median_s_per_step,min_s,max_s" > "$out"
for round in $(seq 1 "$rounds"); do
  for algorithm in maml protonet; do
    for kernels in native portable; do
      json="$(cd "$root" && METATUNE_KERNELS=$kernels ./metatune bench --algorithm "$algorithm" --dataset omniglot \
          --data-dir "$data" --ways 5 --shots 1 --queries 15 --warmup 3 --steps "$steps" --seed 1 --threads 1 --json | tail -n 1)"
      python3 - "$json" "$round" "$algorithm" "$kernels" "$cpu" "$avx512" >> "$out" <<'PY'
import csv, json, sys
line = json.loads(sys.argv[1])
csv.writer(sys.stdout, lineterminator="\n").writerow(
    sys.argv[2:7] + [line["median_s_per_step"], line["min_s"], line["max_s"]])
PY
    done
  done
done
