#!/usr/bin/env bash
# The bring-your-own-libtorch path on CPU, as CI runs it: unpacks the CPU libtorch that the build already has
# (the pytorch-native-cpu jar beside the application) into a temporary folder, points METATUNE_LIBTORCH at it, and
# checks that `metatune devices --json` loaded that folder and that its device check passed, that a short ProtoNet
# eval runs through it, and that the errors a user can make are exit 2 with a message, not a stack trace.
# Usage: suites/bench/gpu/byo-libtorch-cpu.sh   (from anywhere; builds the application if needed, ~1 minute)
set -euo pipefail
root="$(cd "$(dirname "${BASH_SOURCE[0]}")/../../.." && pwd)"
cd "$root"
fail() { echo "byo-libtorch: FAILED: $*" >&2; exit 1; }

./metatune --version >/dev/null   # builds both application jars when they are missing or stale
native_jar="suites/target/lib/pytorch-native-cpu-linux-x86_64.jar"
[[ -f "$native_jar" ]] || fail "$native_jar is missing (run ./mvnw -B package -DskipTests)"

work="$(mktemp -d)"
trap 'rm -rf "$work"' EXIT
if command -v unzip >/dev/null 2>&1; then
  unzip -q -j "$native_jar" 'pytorch/cpu/linux-x86_64/*' -d "$work/lib"
else
  (cd "$work" && jar xf "$root/$native_jar" pytorch/cpu/linux-x86_64 && mv pytorch/cpu/linux-x86_64 lib && rm -rf pytorch)
fi
[[ -f "$work/lib/libtorch.so" ]] || fail "no libtorch.so in $native_jar"
lib="$(cd "$work/lib" && pwd)"

echo "byo-libtorch: METATUNE_LIBTORCH=$lib"
devices="$(METATUNE_LIBTORCH="$lib" ./metatune devices --json)" || fail "metatune devices exited $?: $devices"
echo "$devices"
engine="$(grep '"kind":"engine"' <<<"$devices")"
grep -qF "\"libtorch_path\":\"$lib\"" <<<"$engine" || fail "devices did not load the libtorch in $lib: $engine"
grep -qF '"libtorch_source":"METATUNE_LIBTORCH"' <<<"$engine" || fail "devices says the libtorch is not the one brought"
grep -qF '"flavor":"cpu"' <<<"$engine" || fail "flavor is not cpu: $engine"
grep -q '"kind":"check","device":"cpu","passed":true' <<<"$devices" || fail "the CPU forward/backward check did not pass"

METATUNE_LIBTORCH="$lib" ./metatune eval --algorithm protonet --dataset synthetic --ways 5 --shots 1 --train-steps 5 \
  --test-episodes 5 --threads 2 --json >"$work/eval.json" || fail "eval through METATUNE_LIBTORCH exited $?"
cat "$work/eval.json"
grep -q '"algorithm":"protonet"' "$work/eval.json" || fail "eval printed no result line"

# Mistakes a user can make: exit 2 and a message naming what to do, never a stack trace.
expect_exit2() {
  local what="$1" needle="$2"
  shift 2
  local code=0
  "$@" >"$work/out" 2>"$work/err" || code=$?
  [[ "$code" == 2 ]] || fail "$what: exit $code, expected 2: $(cat "$work/err")"
  grep -qF "$needle" "$work/err" || fail "$what: the message does not say '$needle': $(cat "$work/err")"
  if grep -qE '^\s+at [a-z]' "$work/err"; then fail "$what: a stack trace: $(cat "$work/err")"; fi
  echo "byo-libtorch: $what: exit 2, $(head -c 160 "$work/err")..."
}
expect_exit2 "a folder that is not there" "is not a folder" env METATUNE_LIBTORCH="$work/none" ./metatune devices
expect_exit2 "a folder without libtorch.so" "holds no libtorch.so" env METATUNE_LIBTORCH="$work" ./metatune devices
expect_exit2 "--device gpu on a CPU libtorch" "METATUNE_LIBTORCH" env METATUNE_LIBTORCH="$lib" ./metatune devices --device gpu
expect_exit2 "eval --device gpu without CUDA" "METATUNE_LIBTORCH" ./metatune eval --algorithm protonet --dataset synthetic \
  --ways 5 --shots 1 --train-steps 1 --test-episodes 1 --device gpu
# A CUDA build is told apart by its CUDA libraries: a copy of the CPU folder with an (empty, unloadable)
# libc10_cuda.so and a pip-style CUDA runtime beside it makes the launcher choose the cu128 JNI and hand the runtime
# to JNA; DJL then fails on that library, which the JSON line reports, exit 2.
mkdir -p "$work/fakecuda/torch/lib" "$work/fakecuda/nvidia/cuda_runtime/lib"
ln -s "$lib"/* "$work/fakecuda/torch/lib/"
: >"$work/fakecuda/torch/lib/libc10_cuda.so"
: >"$work/fakecuda/nvidia/cuda_runtime/lib/libcudart.so.12"
code=0
METATUNE_LIBTORCH="$work/fakecuda/torch/lib" ./metatune devices --json >"$work/out" 2>"$work/err" || code=$?
[[ "$code" == 2 ]] || fail "a CUDA folder whose libraries do not load: exit $code, expected 2"
grep -qF '"loaded":false' "$work/out" || fail "no loaded:false line: $(cat "$work/out")"
grep -qF '"flavor":"cu128"' "$work/out" || fail "the launcher did not choose cu128 for a folder with libc10_cuda.so: $(cat "$work/out")"
grep -qF 'libc10_cuda.so' "$work/out" || fail "DJL's error does not name the CUDA library: $(cat "$work/out")"
[[ "$(readlink "${TMPDIR:-/tmp}/metatune-cudart-$(id -u)/libcudart.so")" == *"/nvidia/cuda_runtime/lib/libcudart.so.12" ]] ||
  fail "the launcher did not offer the wheel's CUDA runtime to JNA"
echo "byo-libtorch: a CUDA folder: flavor cu128, CUDA runtime linked for JNA, DJL's error reported, exit 2"
echo "byo-libtorch: passed"
