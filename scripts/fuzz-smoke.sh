#!/usr/bin/env bash
# fuzz-smoke.sh BINARY SECONDS CORPUS [-dict=FILE] — fuzz for SECONDS from CORPUS.
# New inputs are written to a scratch folder, never into the checked-in corpus.
set -euo pipefail
bin="$1"; seconds="$2"; corpus="$3"; shift 3
scratch="$(mktemp -d)"
trap 'rm -rf "$scratch"' EXIT
seeds=()
[ -d "$corpus" ] && seeds+=("$corpus")
# WARDEN_EXTRA_SEEDS: colon-separated folders read as extra seeds (never written).
IFS=: read -r -a extra <<< "${WARDEN_EXTRA_SEEDS:-}"
for d in "${extra[@]}"; do [ -d "$d" ] && seeds+=("$d"); done
exec_args=(-max_total_time="$seconds" -timeout=10 -rss_limit_mb=2048 -print_final_stats=1 "$@")
"$bin" "${exec_args[@]}" "$scratch" "${seeds[@]}"
