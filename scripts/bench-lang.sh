#!/usr/bin/env bash
# Whole-process speed of `warden eval` against the reference interpreter
# (starlark-go, built from ../shared/tools/starlark-ref) and CPython 3, on
# the workloads of ../shared/tools/bench: the 10k-rule file, loop.star,
# strings.star and calls.star. Prints hyperfine's table and the ratios.
#   usage: scripts/bench-lang.sh [BUILD_DIR]     (default: build)
set -euo pipefail
root="$(cd "$(dirname "$0")/.." && pwd)"
build="${1:-$root/build}"
shared="${WARDEN_SHARED_DIR:-$root/../shared}"
warden="$build/cli/warden"
[ -x "$warden" ] || { echo "no warden binary at $warden (build first)" >&2; exit 2; }
command -v hyperfine >/dev/null || { echo "hyperfine is not installed" >&2; exit 2; }
ref="$(bash "$shared/tools/starlark-ref/build.sh" | tail -1)"
work="$(mktemp -d)"
trap 'rm -rf "$work"' EXIT
python3 "$shared/tools/bench/gen_rules.py" 10000 --stub > "$work/rules10k.star"
cp "$shared"/tools/bench/{loop,strings,calls}.star "$work/"

ratio() {  # ratio NAME JSON: mean times of warden vs the others
  python3 - "$1" "$2" <<'PY'
import json, sys
name, path = sys.argv[1], sys.argv[2]
res = {r["command"].split()[0]: r["mean"] for r in json.load(open(path))["results"]}
w = [v for k, v in res.items() if k.endswith("warden")][0]
go = [v for k, v in res.items() if "starlark-ref" in k][0]
py = [v for k, v in res.items() if k.endswith("python3")][0]
print(f"RATIO {name:14s} warden {w*1000:8.1f} ms | starlark-go {go*1000:8.1f} ms "
      f"({go/w:5.1f}x) | python3 {py*1000:8.1f} ms ({py/w:5.1f}x)")
PY
}

summary=()
for w in rules10k loop strings calls; do
  f="$work/$w.star"
  hyperfine -N --warmup 2 --runs "${RUNS:-10}" --export-json "$work/$w.json" \
    "$warden eval $f" "$ref $f" "python3 $f"
  summary+=("$(ratio "$w" "$work/$w.json")")
done
echo
printf '%s\n' "${summary[@]}"
