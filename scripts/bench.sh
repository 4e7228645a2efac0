#!/usr/bin/env bash
# Runs the whole benchmark suite in one go and prints the ratios the issues ask for:
#   1. warden_bench (Google Benchmark): trie vs linear matcher, loading, decomposition,
#      sandbox start vs bare/bubblewrap — each measured beside its baseline in one run;
#   2. scripts/bench-lang.sh: warden's interpreter vs the reference starlark-go and
#      CPython on the same workloads (hyperfine, whole process).
# Usage: scripts/bench.sh [--quick] [--no-lang] [extra warden_bench flags...]
set -euo pipefail
root="$(cd "$(dirname "$0")/.." && pwd)"
cd "$root"
quick=0 lang=1 extra=()
for arg in "$@"; do
  case "$arg" in
    --quick) quick=1 ;;
    --no-lang) lang=0 ;;
    *) extra+=("$arg") ;;
  esac
done
scripts/install-deps.sh
command -v bwrap >/dev/null || { echo "note: bubblewrap not installed; the bwrap yardstick is skipped (apt-get install bubblewrap)"; }
scripts/build.sh build -DCMAKE_BUILD_TYPE=RelWithDebInfo -DWARDEN_BENCH=ON
out="$(mktemp --suffix=.json)"
reps=5
[ "$quick" = 1 ] && reps=1
build/tests/bench/warden_bench --benchmark_repetitions="$reps" \
  --benchmark_report_aggregates_only=true --benchmark_out="$out" \
  --benchmark_out_format=json "${extra[@]}"
echo
python3 scripts/bench_ratios.py "$out"
rm -f "$out"
if [ "$lang" = 1 ] && [ -x scripts/bench-lang.sh ]; then
  echo
  scripts/bench-lang.sh
fi
