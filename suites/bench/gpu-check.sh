#!/usr/bin/env bash
# The GPU check, for a CUDA machine that has Python and PyTorch but no Java and no network.
#
#   suites/bench/gpu-check.sh prepare [BUNDLE]   here (a JDK and the build): makes the bundle the check carries,
#                                                default suites/target/gpu-bundle (under 64 MiB)
#   suites/bench/gpu-check.sh run [RESULTS]      there: finds that machine's PyTorch, runs on its libtorch, writes
#                                                RESULTS (default $OUT/gpu-check when OUT is set, else
#                                                suites/target/gpu-check-results)
#
# prepare: builds the application, copies the jar without the CPU natives (metatune-no-natives.jar) leaving out the
# natives of other platforms, and a Java runtime made with jlink from the modules `jdeps --print-module-deps` names;
# packs both (and the Omniglot archives when they are at $DATA_ROOT/omniglot and fit) into BUNDLE/metatune-gpu.tar.xz.
#
# run: unpacks the bundle, asks `python3` where torch is and points METATUNE_LIBTORCH at its lib folder, then
#   1. `metatune devices --json` (devices.jsonl); when that libtorch does not load, the launcher's and DJL's exact
#      errors and what would fix them (libtorch-error.txt): then only the peer's steps run, and the exit code is 1;
#   2. MAML (5-way 1-shot, meta-batch 32, second order) and ProtoNet (60-way 5-shot) `bench` steps on the GPU and
#      the same steps in that machine's PyTorch (the peer ../shared/peers/pytorch_fewshot.py, which prepare packs
#      into the bundle, or $PEER; run on the GPU through suites/bench/gpu/peer_on_device.py), on Omniglot when the data is there, else synthetic images
#      for Metatune only (the peer reads only Omniglot);
#   3. a short Omniglot ProtoNet eval on the GPU when the data is there;
#   4. summary.csv: one row a check (check, device, status, metatune_s_per_step, peer_s_per_step, peer_over_metatune,
#      detail). Where PyTorch sees no GPU the same steps run on the CPU, marked so (the plumbing, not a GPU figure).
#
# Environment: PYTHON (default python3), PEER, DATA_ROOT (holding omniglot/; default the bundle's data, else
# ../shared/data), STEPS (timed steps, default 10), TRAIN_STEPS (eval, default 100).
set -euo pipefail
root="$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)"
here="$root/suites/bench"
libtorch_version="2.7.1"
say() { echo "gpu-check: $*" >&2; }

prepare() {
  local bundle="${1:-$root/suites/target/gpu-bundle}"
  command -v jlink >/dev/null && command -v jdeps >/dev/null || { say "prepare needs a JDK (jlink, jdeps)"; exit 2; }
  "$root/metatune" --version >/dev/null   # builds the application jars when missing or stale
  local jar="$root/suites/target/metatune-no-natives.jar"
  [[ -f "$jar" ]] || { say "no $jar after the build"; exit 1; }
  stage="$(mktemp -d)"
  trap 'rm -rf "$stage"' EXIT
  mkdir -p "$stage/metatune-gpu"
  local app="$stage/metatune-gpu/metatune-no-natives.jar"
  cp "$jar" "$app"
  # Only linux-x86_64 natives travel: the CUDA machine is one.
  zip -q -d "$app" 'org/sqlite/native/FreeBSD/*' 'org/sqlite/native/Linux-Android/*' 'org/sqlite/native/Linux-Musl/*' \
    'org/sqlite/native/Mac/*' 'org/sqlite/native/Windows/*' 'org/sqlite/native/Linux/a*' 'org/sqlite/native/Linux/p*' \
    'org/sqlite/native/Linux/r*' 'org/sqlite/native/Linux/s*' 'org/sqlite/native/Linux/x86/*' \
    'org/sqlite/native/Linux/l*' 'org/sqlite/native/Linux/m*' 'jnilib/linux-aarch64/*' 'jnilib/osx-*' 'jnilib/win-*' \
    'com/sun/jna/aix-*' 'com/sun/jna/darwin-*' 'com/sun/jna/*bsd-*' 'com/sun/jna/sunos-*' 'com/sun/jna/win32-*' \
    'com/sun/jna/linux-a*' 'com/sun/jna/linux-l*' 'com/sun/jna/linux-m*' 'com/sun/jna/linux-p*' 'com/sun/jna/linux-r*' \
    'com/sun/jna/linux-s*' 'com/sun/jna/linux-x86/*' 'org/jline/nativ/FreeBSD/*' 'org/jline/nativ/Mac/*' \
    'org/jline/nativ/Windows/*' 'org/jline/nativ/Linux/a*' 'org/jline/nativ/Linux/p*' 'org/jline/nativ/Linux/x86/*' \
    >/dev/null || true
  unzip -l "$app" 'jnilib/linux-x86_64/cu128/*' >/dev/null || { say "the jar holds no cu128 JNI"; exit 1; }
  local modules
  modules="$(jdeps --ignore-missing-deps --multi-release 17 --print-module-deps "$app" | tail -n 1)"
  # jdk.crypto.ec: TLS to PostgreSQL servers; jdk.zipfs: reading zip data sets (both found only at run time)
  modules="$modules,jdk.crypto.ec,jdk.zipfs"
  say "jlink: $modules"
  # uncompressed modules: the xz of the whole bundle compresses them better than jlink's zip would
  jlink --add-modules "$modules" --strip-debug --no-header-files --no-man-pages --compress=0 \
    --output "$stage/metatune-gpu/runtime"
  strip --strip-unneeded "$stage/metatune-gpu/runtime/lib/server/libjvm.so" 2>/dev/null || true
  "$stage/metatune-gpu/runtime/bin/java" -version 2>&1 | head -n 1 >&2
  {
    echo "commit $(git -C "$root" rev-parse --short HEAD 2>/dev/null || echo unknown)$(git -C "$root" diff --quiet 2>/dev/null || echo ' (with changes)')"
    echo "built $(date -u +%Y-%m-%dT%H:%M:%SZ)"
    echo "java modules $modules"
    echo "libtorch $libtorch_version (JNI cpu and cu128 in the jar; libtorch itself comes from the machine)"
  } >"$stage/metatune-gpu/BUILD-INFO"
  # The PyTorch peer travels in the bundle (a build output, not part of the repository): the GPU machine gets only
  # the working tree and what the check carries.
  local peer="${PEER:-$root/../shared/peers/pytorch_fewshot.py}"
  if [[ -f "$peer" ]]; then
    mkdir -p "$stage/metatune-gpu/peer" && cp "$peer" "$stage/metatune-gpu/peer/"
  else
    say "no peer at $peer (set PEER): the bundle goes without it"
  fi
  local data="${DATA_ROOT:-$root/../shared/data}"
  if [[ -f "$data/omniglot/images_background.zip" && -f "$data/omniglot/images_evaluation.zip" ]]; then
    mkdir -p "$stage/metatune-gpu/data"
    cp -r "$data/omniglot" "$stage/metatune-gpu/data/"
  else
    say "no Omniglot at $data/omniglot: the bundle goes without it (benches on synthetic images, no peer, no eval)"
  fi
  mkdir -p "$bundle"
  rm -f "$bundle/metatune-gpu.tar.xz"
  say "packing (xz) ..."
  tar -C "$stage" -cf - metatune-gpu | xz -T2 -6 >"$bundle/metatune-gpu.tar.xz"
  local bytes limit=$((60 * 1024 * 1024))
  bytes="$(stat -c %s "$bundle/metatune-gpu.tar.xz")"
  if ((bytes > limit)) && [[ -d "$stage/metatune-gpu/data" ]]; then
    say "$((bytes / 1048576)) MiB with Omniglot: over 60 MiB, packing without it"
    rm -rf "$stage/metatune-gpu/data"
    tar -C "$stage" -cf - metatune-gpu | xz -T2 -6 >"$bundle/metatune-gpu.tar.xz"
    bytes="$(stat -c %s "$bundle/metatune-gpu.tar.xz")"
  fi
  ((bytes <= limit)) || { say "the bundle is $((bytes / 1048576)) MiB, over 60 MiB"; exit 1; }
  cp "$stage/metatune-gpu/BUILD-INFO" "$bundle/BUILD-INFO"
  say "bundle: $bundle/metatune-gpu.tar.xz, $((bytes / 1048576)) MiB (unpacked $(du -sm "$stage/metatune-gpu" | cut -f1) MiB)"
}

# ---- run ---------------------------------------------------------------------------------------------------------

json_field() { # json_field FILE KIND FIELD: FIELD of the first line of FILE whose kind is KIND
  "$python" - "$1" "$2" "$3" <<'PY'
import json, sys
path, kind, field = sys.argv[1:]
for line in open(path):
    line = line.strip()
    if line.startswith("{"):
        d = json.loads(line)
        if d.get("kind") == kind or kind == "*":
            v = d.get(field)
            print("" if v is None else (str(v).lower() if isinstance(v, bool) else v))
            break
PY
}

last_json_field() { # last_json_field FILE FIELD: FIELD of the last JSON line of FILE
  "$python" -c 'import json,sys; l=[x for x in open(sys.argv[1]) if x.strip().startswith("{")]; print(json.loads(l[-1]).get(sys.argv[2], "")) if l else print("")' "$1" "$2"
}

row() { echo "$1,$2,$3,$4,$5,$6,\"${7//\"/\'}\"" >>"$results/summary.csv"; }

run_check() {
  python="${PYTHON:-python3}"
  local default_results="$root/suites/target/gpu-check-results"
  [[ -n "${OUT:-}" ]] && default_results="$OUT/gpu-check"
  results="${1:-$default_results}"
  mkdir -p "$results"
  echo "check,device,status,metatune_s_per_step,peer_s_per_step,peer_over_metatune,detail" >"$results/summary.csv"
  local tarball="${BUNDLE:-$root/suites/target/gpu-bundle}/metatune-gpu.tar.xz"
  [[ -f "$tarball" ]] || { say "no bundle at $tarball: run 'suites/bench/gpu-check.sh prepare' where there is a JDK"; exit 2; }
  unpacked="$(mktemp -d)"
  trap 'rm -rf "$unpacked"' EXIT
  if command -v xz >/dev/null 2>&1; then
    xz -dc "$tarball" | tar -C "$unpacked" -xf -
  else
    "$python" -c 'import sys, tarfile; tarfile.open(sys.argv[1]).extractall(sys.argv[2])' "$tarball" "$unpacked"
  fi
  local bundle="$unpacked/metatune-gpu"
  cp "$bundle/BUILD-INFO" "$results/"
  export METATUNE_JAR="$bundle/metatune-no-natives.jar" METATUNE_JAVA="$bundle/runtime/bin/java"
  # DJL extracts the JNI into its cache: keep that beside the unpacked bundle, whatever HOME is
  export DJL_CACHE_DIR="$unpacked/djl-cache" ENGINE_CACHE_DIR="$unpacked/djl-cache"
  "$METATUNE_JAVA" -version >"$results/java-version.txt" 2>&1

  # 0. The machine's PyTorch
  if ! "$python" - >"$results/torch.json" 2>"$results/torch.stderr" <<'PY'
import json, os, torch
info = {"torch_dir": os.path.dirname(torch.__file__), "version": torch.__version__, "cuda": torch.version.cuda,
        "cuda_available": torch.cuda.is_available(), "gpus": torch.cuda.device_count() if torch.cuda.is_available() else 0}
if info["gpus"]:
    info["gpu0"] = torch.cuda.get_device_name(0)
print(json.dumps(info))
PY
  then
    row torch-found none failed "" "" "" "$python cannot import torch: $(tail -n 1 "$results/torch.stderr")"
    say "$python cannot import torch (see $results/torch.stderr)"
    exit 1
  fi
  cat "$results/torch.json" >&2
  local torch_dir torch_version lib
  torch_dir="$(json_field "$results/torch.json" '*' torch_dir)"
  torch_version="$(json_field "$results/torch.json" '*' version)"
  lib="$torch_dir/lib"
  row torch-found "" passed "" "" "" "torch $torch_version at $torch_dir, CUDA $(json_field "$results/torch.json" '*' cuda), GPUs $(json_field "$results/torch.json" '*' gpus)"

  # 1. Metatune on that libtorch
  local code=0 metatune_ok=1 device
  METATUNE_LIBTORCH="$lib" "$root/metatune" devices --json >"$results/devices.jsonl" 2>"$results/devices.stderr" || code=$?
  if [[ "$code" != 0 ]] && ! grep -q '"kind":"engine","loaded":true' "$results/devices.jsonl"; then
    local any=0
    METATUNE_LIBTORCH_ANY_VERSION=1 METATUNE_LIBTORCH="$lib" "$root/metatune" devices --json \
      >"$results/devices-any-version.jsonl" 2>"$results/devices-any-version.stderr" || any=$?
    {
      echo "The libtorch of this machine's PyTorch does not load in Metatune."
      echo "torch: $torch_version at $torch_dir"
      echo
      echo "Launcher (METATUNE_LIBTORCH=$lib), exit $code:"
      cat "$results/devices.stderr"
      echo
      echo "DJL, trying it anyway (METATUNE_LIBTORCH_ANY_VERSION=1), exit $any:"
      cat "$results/devices-any-version.jsonl" "$results/devices-any-version.stderr"
      echo
      echo "What would fix it: Metatune's JNI (ai.djl.pytorch:pytorch-jni 2.7.1-0.35.1, inside the jar) is built against"
      echo "libtorch $libtorch_version and loads no other version. Either bring libtorch $libtorch_version for CUDA 12.8 to this"
      echo "machine (a torch==$libtorch_version cu128 wheel installed into a virtual environment, or the libtorch $libtorch_version"
      echo "cu128 archive: about 2-3 GB, so it cannot travel in the 64 MiB the check carries; install it where the machine"
      echo "has it) and set METATUNE_LIBTORCH to its lib folder, or build DJL's JNI for torch ${torch_version%%+*} from DJL's"
      echo "pytorch-native sources (needs CMake, a C++ compiler, JNI headers and this torch's include/ and share/cmake)"
      echo "and a DJL release whose engine matches it."
    } >"$results/libtorch-error.txt"
    row devices "" failed "" "" "" "libtorch $torch_version does not load: $(head -c 300 "$results/devices.stderr" | tr '\n' ' ')"
    say "the machine's libtorch does not load: see $results/libtorch-error.txt; only the peer's steps run"
    cat "$results/libtorch-error.txt" >&2
    metatune_ok=0
    device=cpu
    [[ "$(json_field "$results/torch.json" '*' gpus)" -gt 0 ]] && device=gpu
  else
    cat "$results/devices.jsonl" >&2
    local gpus failed_checks
    gpus="$(json_field "$results/devices.jsonl" engine gpus)"
    if [[ "${gpus:-0}" -gt 0 ]]; then device=gpu; else device=cpu; fi
    failed_checks="$(grep -c '"passed":false' "$results/devices.jsonl" || true)"
    row devices "$device" "$([[ "$code" == 0 ]] && echo passed || echo failed)" "" "" "" \
      "libtorch $(json_field "$results/devices.jsonl" engine libtorch_path) flavor $(json_field "$results/devices.jsonl" engine flavor), GPUs $gpus, failed checks $failed_checks"
    [[ "$device" == gpu ]] || say "PyTorch sees no GPU through Metatune: the steps run on the CPU (plumbing only)"
  fi

  # 2. Steps, Metatune and the peer
  local data="${DATA_ROOT:-}"
  if [[ -z "$data" ]]; then
    if [[ -d "$bundle/data/omniglot" ]]; then data="$bundle/data"; else data="$root/../shared/data"; fi
  fi
  local dataset=synthetic data_args=()
  if [[ -f "$data/omniglot/images_background.zip" ]]; then dataset=omniglot; data_args=(--data-dir "$data"); fi
  local peer="${PEER:-$bundle/peer/pytorch_fewshot.py}"
  [[ -f "$peer" ]] || peer="$root/../shared/peers/pytorch_fewshot.py"
  local steps="${STEPS:-10}" threads
  threads="$(nproc 2>/dev/null || echo 2)"
  for method in maml protonet; do
    local shape extra peer_args mode
    case "$method" in
      maml) shape=(--ways 5 --shots 1 --queries 15); extra=(--meta-batch 32 --inner-steps 1); mode=maml
            peer_args=(--ways 5 --shots 1 --queries 15 --meta-batch 32 --inner-steps 1) ;;
      protonet) shape=(--ways 60 --shots 5 --queries 5); extra=(); mode=proto
            peer_args=(--proto-ways 60 --proto-shots 5 --proto-queries 5) ;;
    esac
    local ours="" theirs="" ratio="" status=passed detail="$dataset ${shape[*]} ${extra[*]}"
    if [[ "$metatune_ok" != 1 ]]; then
      status=skipped
      detail="$detail; Metatune cannot load this libtorch (libtorch-error.txt)"
    elif METATUNE_LIBTORCH="$lib" "$root/metatune" bench --algorithm "$method" --dataset "$dataset" "${data_args[@]}" \
        "${shape[@]}" "${extra[@]}" --warmup 3 --steps "$steps" --threads "$threads" --device "$device" --json \
        >"$results/bench-$method.json" 2>"$results/bench-$method.stderr"; then
      ours="$(last_json_field "$results/bench-$method.json" median_s_per_step)"
    else
      status=failed
      detail="metatune bench failed: $(tail -n 2 "$results/bench-$method.stderr" | tr '\n' ' ')"
    fi
    if [[ "$dataset" == omniglot && -f "$peer" ]]; then
      local peer_device=cpu
      [[ "$device" == gpu ]] && peer_device=cuda:0
      if OMP_NUM_THREADS="$threads" "$python" "$here/gpu/peer_on_device.py" --peer "$peer" --device "$peer_device" -- \
          --mode "$mode" --data-dir "$data/omniglot" --threads "$threads" "${peer_args[@]}" --warmup 3 --steps "$steps" \
          >"$results/peer-$method.json" 2>"$results/peer-$method.stderr"; then
        theirs="$(last_json_field "$results/peer-$method.json" median_s_per_step)"
        [[ -n "$ours" && -n "$theirs" ]] && ratio="$("$python" -c "print(round($theirs / $ours, 3))")"
      else
        detail="$detail; the peer failed: $(tail -n 2 "$results/peer-$method.stderr" | tr '\n' ' ')"
      fi
    else
      detail="$detail; no peer ($([[ "$dataset" != omniglot ]] && echo "it reads only Omniglot" || echo "no $peer"))"
    fi
    row "bench-$method" "$device" "$status" "$ours" "$theirs" "$ratio" "$detail"
  done

  # 3. A short Omniglot eval
  if [[ "$metatune_ok" != 1 ]]; then
    row eval-protonet-omniglot-5w1s "$device" skipped "" "" "" "Metatune cannot load this libtorch (libtorch-error.txt)"
  elif [[ "$dataset" == omniglot ]]; then
    local status=passed detail=""
    if METATUNE_LIBTORCH="$lib" "$root/metatune" eval --algorithm protonet --dataset omniglot "${data_args[@]}" \
        --ways 5 --shots 1 --train-steps "${TRAIN_STEPS:-100}" --test-episodes 100 --threads "$threads" \
        --device "$device" --json >"$results/eval-protonet.json" 2>"$results/eval-protonet.stderr"; then
      detail="accuracy $(last_json_field "$results/eval-protonet.json" accuracy) +- $(last_json_field "$results/eval-protonet.json" ci95), ${TRAIN_STEPS:-100} train steps in $(last_json_field "$results/eval-protonet.json" train_seconds) s"
    else
      status=failed
      detail="$(tail -n 2 "$results/eval-protonet.stderr" | tr '\n' ' ')"
    fi
    row eval-protonet-omniglot-5w1s "$device" "$status" "" "" "" "$detail"
  else
    row eval-protonet-omniglot-5w1s "$device" skipped "" "" "" "no Omniglot at $data/omniglot"
  fi
  say "results in $results"
  cat "$results/summary.csv" >&2
  [[ "$metatune_ok" == 1 ]] || exit 1
}

case "${1:-}" in
  prepare) shift; prepare "$@" ;;
  run) shift; run_check "$@" ;;
  *) sed -n '2,9p' "${BASH_SOURCE[0]}" >&2; exit 2 ;;
esac
