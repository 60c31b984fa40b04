# What the bench scripts share; each sources it after `set -euo pipefail`:
#   source "$(dirname "${BASH_SOURCE[0]}")/common.sh"
# Messages name the script that calls, so they read as before.

# The calling script's name, without .sh, for its messages.
bench_name() { basename "${BASH_SOURCE[-1]}" .sh; }

# Prints the calling script's usage (its leading comment block, without the #) and exits 2.
bench_usage() {
  awk 'NR == 1 { next } /^#/ { sub(/^# ?/, ""); print; next } { exit }' "${BASH_SOURCE[-1]}" >&2
  exit 2
}

# bench_csv OUT HEADER: writes HEADER to OUT when OUT is empty or absent; exits 2 when OUT has another
# header, so that rows of another layout are never appended to it.
bench_csv() {
  if [[ ! -s "$1" ]]; then
    echo "$2" > "$1"
  elif [[ "$(head -n 1 "$1")" != "$2" ]]; then
    echo "$(bench_name): $1 exists with another header; give a new file" >&2
    exit 2
  fi
}

# bench_omniglot DATA: exits 2 unless DATA holds omniglot/.
bench_omniglot() {
  [[ -d "$1/omniglot" ]] || { echo "$(bench_name): no omniglot/ under $1 (set DATA_ROOT)" >&2; exit 2; }
}

# The processor's model name, commas replaced so that it sits in one CSV field.
bench_cpu_model() { grep -m 1 '^model name' /proc/cpuinfo | sed 's/^[^:]*: *//; s/,/ /g'; }

# yes when the processor has AVX-512 (the vector width PyTorch's CPU kernels pick by default), no otherwise.
bench_avx512() { grep -q -m 1 -w avx512f /proc/cpuinfo && echo yes || echo no; }
