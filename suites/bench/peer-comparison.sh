#!/usr/bin/env bash
# Times one meta-training step of Metatune and of the PyTorch reference implementation side by side
# on the same machine, interleaved (Metatune, then the peer, for each method and round), and prints
# a CSV: round, method, the two medians in seconds per step, and peer / Metatune (above 1: Metatune
# is faster). Both time the same thing: drawing the step's episodes from in-memory images, forward,
# backward (second order for maml) and the Adam update.
#
#   suites/bench/peer-comparison.sh [ROUNDS] > results/reference/bench-vs-peer.csv
#
# Environment: PEER (the peer script, default ../shared/peers/pytorch_fewshot.py beside the
# repository), DATA_ROOT (the folder holding omniglot/, default ../shared/data), PYTHON (a Python
# with torch, default /usr/bin/python3: apt-get install python3-torch python3-pil python3-numpy),
# STEPS (timed steps, default 10), THREADS (default 2).
set -euo pipefail
# shellcheck source=suites/bench/common.sh
source "$(dirname "${BASH_SOURCE[0]}")/common.sh"
root="$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)"
peer="${PEER:-$root/../shared/peers/pytorch_fewshot.py}"
data="${DATA_ROOT:-$root/../shared/data}"
python="${PYTHON:-/usr/bin/python3}"
rounds="${1:-3}"
steps="${STEPS:-10}"
threads="${THREADS:-2}"
[[ -f "$peer" ]] || { echo "peer-comparison: no peer script at $peer (set PEER)" >&2; exit 2; }
bench_omniglot "$data"

median_of() { "$python" -c 'import json,sys; print(json.loads(sys.stdin.read().strip().splitlines()[-1])["median_s_per_step"])'; }

echo "round,method,ways,shots,queries,meta_batch,threads,metatune_s_per_step,peer_s_per_step,peer_over_metatune"
for round in $(seq 1 "$rounds"); do
  for method in maml fomaml protonet; do
    case "$method" in
      maml|fomaml) shape=(--ways 5 --shots 1 --queries 15); extra=(--meta-batch 32 --inner-steps 1); mb=32; mode="$method"
                   peer_shape=(--ways 5 --shots 1 --queries 15 --meta-batch 32 --inner-steps 1) ;;
      protonet)    shape=(--ways 60 --shots 5 --queries 5); extra=(); mb=1; mode=proto
                   peer_shape=(--proto-ways 60 --proto-shots 5 --proto-queries 5) ;;
    esac
    ours=$("$root/metatune" bench --algorithm "$method" --dataset omniglot --data-dir "$data" "${shape[@]}" "${extra[@]}" \
      --warmup 3 --steps "$steps" --threads "$threads" --json 2>/dev/null | median_of)
    theirs=$(OMP_NUM_THREADS="$threads" "$python" "$peer" --mode "$mode" --data-dir "$data/omniglot" --threads "$threads" \
      "${peer_shape[@]}" --warmup 3 --steps "$steps" 2>/dev/null | median_of)
    ratio=$("$python" -c "print(round($theirs / $ours, 3))")
    echo "$round,$method,${shape[1]},${shape[3]},${shape[5]},$mb,$threads,$ours,$theirs,$ratio"
  done
done
