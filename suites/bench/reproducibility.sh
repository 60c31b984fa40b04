#!/usr/bin/env bash
# Runs suites/bench/reproducibility.yaml (the zoo's first maml and fomaml trials, a minute each) under
# several CPU kernel sets and thread arrangements, each in a fresh process, and appends one CSV row
# per configuration and study: the trial's validation accuracy and the final test accuracy. Rows that
# agree to the last digit show which conditions a run's numbers depend on.
#
#   suites/bench/reproducibility.sh OUT.csv [CONFIG ...]
#
# A CONFIG is NAME, one of
#   native     this CPU's kernels, one worker of one thread (what each of the zoo's two workers runs)
#   repeat     native again: the same numbers or a bug
#   threads2   native, one worker of two threads (maml and fomaml then compute two tasks side by side)
#   onednn-avx2    oneDNN's convolutions held to AVX2 (ONEDNN_MAX_CPU_ISA=AVX2), as on a CPU without AVX-512
#   onednn-sse41   oneDNN held to SSE4.1
#   aten-default   ATen's element-wise kernels without vector instructions (ATEN_CPU_CAPABILITY=default)
#   portable   the launcher's METATUNE_KERNELS=portable (oneDNN, ATen and MKL held to AVX2)
# (default: all of them, in that order). Environment: DATA_ROOT (the folder holding omniglot/, default
# ../shared/data beside the repository).
set -euo pipefail
# shellcheck source=suites/bench/common.sh
source "$(dirname "${BASH_SOURCE[0]}")/common.sh"
root="$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)"
data="${DATA_ROOT:-$root/../shared/data}"

[[ $# -ge 1 ]] || bench_usage
out="$1"
shift
configs=("$@")
[[ ${#configs[@]} -gt 0 ]] || configs=(native repeat threads2 onednn-avx2 onednn-sse41 aten-default portable)
bench_omniglot "$data"

header="config,environment,workers,threads,cpu,avx512,study,trial_value,final_mean,final_ci95,commit"
bench_csv "$out" "$header"
cpu="$(bench_cpu_model)"
avx512="$(bench_avx512)"
commit="$(cd "$root" && git rev-parse --short HEAD)"

for config in "${configs[@]}"; do
  threads=1
  environment=()
  case "$config" in
    native|repeat) ;;
    threads2) threads=2 ;;
    onednn-avx2) environment=(ONEDNN_MAX_CPU_ISA=AVX2) ;;
    onednn-sse41) environment=(ONEDNN_MAX_CPU_ISA=SSE41) ;;
    aten-default) environment=(ATEN_CPU_CAPABILITY=default) ;;
    portable) environment=(METATUNE_KERNELS=portable) ;;
    *) echo "reproducibility: unknown CONFIG '$config' (native, repeat, threads2, onednn-avx2, onednn-sse41, aten-default, portable)" >&2; exit 2 ;;
  esac
  run="$(mktemp -d)"
  echo "reproducibility: $config: ${environment[*]:-} ./metatune run suites/bench/reproducibility.yaml --workers 1 --threads $threads" >&2
  (cd "$root" && env "${environment[@]}" ./metatune run suites/bench/reproducibility.yaml --data-dir "$data" --out "$run/out" \
      --workers 1 --threads "$threads" > "$run/log" 2>&1) || { cat "$run/log" >&2; exit 1; }
  python3 - "$run/out" "$config" "${environment[*]:-}" "$threads" "$cpu" "$avx512" "$commit" >> "$out" <<'PY'
import csv, sys
out, config, environment, threads, cpu, avx512, commit = sys.argv[1:]
finals = {row["algorithm"]: row for row in csv.DictReader(open(out + "/comparison.csv"))}
for trial in csv.DictReader(open(out + "/trials.csv")):
    algorithm = trial["study"].split("-omniglot")[0]
    final = finals[algorithm]
    csv.writer(sys.stdout, lineterminator="\n").writerow(
        [config, environment, 1, threads, cpu, avx512, trial["study"], trial["value"], final["mean"], final["ci95"], commit])
PY
  rm -rf "$run"
done
