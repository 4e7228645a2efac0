#!/usr/bin/env bash
# fuzz-campaign.sh [MINUTES_PER_TARGET] [BUILD_DIR] — a long fuzzing run: every
# libFuzzer target in turn (one at a time, nice 19 by default), MINUTES_PER_TARGET each
# (default 10), from its seed corpus (+ the conformance programs for the
# Starlark targets, as fuzz-smoke.sh does).
#
# BUILD_DIR (default build-fuzz) must be configured with -DWARDEN_FUZZ=ON and
# the fuzz targets built:
#   cmake -S . -B build-fuzz -G Ninja -DWARDEN_FUZZ=ON -DWARDEN_BENCH=OFF \
#     -DCMAKE_CXX_COMPILER=clang++ -DCMAKE_C_COMPILER=clang
#   cmake --build build-fuzz --target <each fuzz_* target>
#
# Inside BUILD_DIR it writes only:
#   fuzz-campaign/corpus/<target>/  grown corpus (kept between campaigns, so
#                                   they accumulate; the checked-in corpus is
#                                   only read)
#   fuzz-campaign/crashes/<target>/ every crash/leak/timeout/oom input found
#   fuzz-campaign/logs/<target>.log the fuzzer's output of the last campaign
#   fuzz-campaign.log               (or $WARDEN_FUZZ_LOG) one line appended per
#                                   target: "target seconds executions crashes
#                                   cpu_seconds",
#                                   after a "# date ..." comment line per campaign
# Environment: WARDEN_FUZZ_TARGETS="fuzz_parser fuzz_eval" runs only those;
# WARDEN_FUZZ_NICE (default 19) is the fuzzers' niceness;
# WARDEN_FUZZ_MAX_LEN (default 4096) caps input size (longer seeds are cut):
# small inputs run many times faster, and mutations of them find more; 0 lets
# libFuzzer pick (the largest seed, 18 KB for the conformance programs).
# Exit status: 0 when no target crashed, 1 if any did, 2 on a usage error.
set -euo pipefail
root="$(cd "$(dirname "$0")/.." && pwd)"
minutes="${1:-10}"
build="${2:-$root/build-fuzz}"
if ! [[ "$minutes" =~ ^[0-9]+$ ]] || [ "$minutes" -eq 0 ]; then
  echo "usage: $0 [MINUTES_PER_TARGET] [BUILD_DIR]" >&2
  exit 2
fi
build="$(cd "$build" 2>/dev/null && pwd)" || {
  echo "fuzz-campaign: no build folder ${2:-$root/build-fuzz}" >&2
  exit 2
}
log="${WARDEN_FUZZ_LOG:-$build/fuzz-campaign.log}"
shared="$root/../shared"
[ -f "$build/CMakeCache.txt" ] &&
  shared="$(sed -n 's/^WARDEN_SHARED_DIR:PATH=//p' "$build/CMakeCache.txt")"
seconds=$((minutes * 60))
max_len="${WARDEN_FUZZ_MAX_LEN:-4096}"
niceness="${WARDEN_FUZZ_NICE:-19}"

# Targets: one per fuzz/fuzz_<what>.cc, unless WARDEN_FUZZ_TARGETS says.
targets=()
if [ -n "${WARDEN_FUZZ_TARGETS:-}" ]; then
  read -r -a targets <<< "$WARDEN_FUZZ_TARGETS"
else
  for src in "$root"/fuzz/fuzz_*.cc; do
    targets+=("$(basename "$src" .cc)")
  done
fi
missing=()
for t in "${targets[@]}"; do
  [ -x "$build/fuzz/$t" ] || missing+=("$t")
done
if [ "${#missing[@]}" -gt 0 ]; then
  echo "fuzz-campaign: not built in $build: ${missing[*]}" >&2
  echo "  cmake --build $build --target ${missing[*]}" >&2
  exit 2
fi

export ASAN_OPTIONS="${ASAN_OPTIONS:-detect_leaks=1}"
export UBSAN_OPTIONS="${UBSAN_OPTIONS:-print_stacktrace=1:halt_on_error=1}"
work="$build/fuzz-campaign"
mkdir -p "$work/corpus" "$work/crashes" "$work/logs"
echo "# $(date -u +%Y-%m-%dT%H:%M:%SZ) campaign: ${#targets[@]} targets," \
  "$minutes min each, from $root" >> "$log"

# Inputs libFuzzer keeps for a failure (slow-unit-* are only notes).
count_crashes() {
  find "$1" -type f \( -name 'crash-*' -o -name 'leak-*' -o -name 'timeout-*' \
    -o -name 'oom-*' \) | wc -l
}

total_seconds=0
total_execs=0
crashed=()
summary=()
for t in "${targets[@]}"; do
  corpus="$work/corpus/$t"
  crashes="$work/crashes/$t"
  mkdir -p "$corpus" "$crashes"
  seeds=()
  [ -d "$root/fuzz/corpus/$t" ] && seeds+=("$root/fuzz/corpus/$t")
  # Starlark-reading targets: the conformance programs too (read in place).
  if [[ "$t" =~ ^fuzz_(scanner|parser|resolver|eval|format_roundtrip)$ ]]; then
    for d in subset syntax resolve; do
      [ -d "$shared/conformance/starlark/$d" ] &&
        seeds+=("$shared/conformance/starlark/$d")
    done
  fi
  args=(-max_total_time="$seconds" -timeout=10 -rss_limit_mb=2048
    -print_final_stats=1 -artifact_prefix="$crashes/")
  [ "$max_len" != 0 ] && args+=(-max_len="$max_len")
  # The Starlark token dictionary helps only targets that read Starlark.
  if [[ "$t" =~ ^fuzz_(scanner|parser|resolver|eval|format_roundtrip|rules_loader|json_output)$ ]] &&
    [ -f "$root/fuzz/starlark.dict" ]; then
    args+=(-dict="$root/fuzz/starlark.dict")
  fi
  before="$(count_crashes "$crashes")"
  echo "== $t: $minutes min (crashes kept in $crashes)"
  start=$(date +%s)
  # A crash ends the run with a non-zero status; it is counted below. The
  # CPU time (user+system) says how much of the wall time it really ran.
  TIMEFORMAT='%U %S'
  { time nice -n "$niceness" "$build/fuzz/$t" "${args[@]}" "$corpus" \
    "${seeds[@]}" > "$work/logs/$t.log" 2>&1 || true; } 2> "$work/logs/$t.cpu"
  elapsed=$(($(date +%s) - start))
  cpu="$(awk '{printf "%d", $1 + $2}' "$work/logs/$t.cpu")"
  execs="$(sed -n 's/^stat::number_of_executed_units: *//p' "$work/logs/$t.log" |
    tail -n 1)"
  if [ -z "$execs" ]; then  # no final stats: the last "#N" status line
    execs="$(grep -o '^#[0-9]*' "$work/logs/$t.log" | tail -n 1 | tr -d '#')"
  fi
  execs="${execs:-0}"
  found=$(($(count_crashes "$crashes") - before))
  echo "$t $elapsed $execs $found $cpu" >> "$log"
  summary+=("$(printf '%-24s %6ds (cpu %6ds) %12s execs %8s/s  %d crash(es)' \
    "$t" "$elapsed" "$cpu" "$execs" "$((execs / (elapsed > 0 ? elapsed : 1)))" \
    "$found")")
  total_seconds=$((total_seconds + elapsed))
  total_execs=$((total_execs + execs))
  if [ "$found" -gt 0 ]; then
    crashed+=("$t")
    grep -m 3 -E 'ERROR|runtime error|fuzz_[a-z_]*:' "$work/logs/$t.log" || true
  fi
done

echo
echo "== fuzz campaign summary (log: $log)"
printf '%s\n' "${summary[@]}"
printf 'total: %d targets, %dm%02ds of fuzzing, %d executions\n' \
  "${#targets[@]}" $((total_seconds / 60)) $((total_seconds % 60)) \
  "$total_execs"
if [ "${#crashed[@]}" -gt 0 ]; then
  echo "CRASHED: ${crashed[*]}" >&2
  echo "minimise each crash (BIN -minimize_crash=1 -runs=10000 FILE) and keep" \
    "it under tests/fuzz_regressions/<target>/ (see its README)" >&2
  exit 1
fi
