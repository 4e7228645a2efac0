#!/usr/bin/env bash
# build.sh DIR [CMAKE ARGS...] — configure (once) and build warden in DIR with Ninja.
set -euo pipefail
root="$(cd "$(dirname "$0")/.." && pwd)"
dir="$1"; shift
cmake -S "$root" -B "$dir" -G Ninja "$@" >/dev/null
cmake --build "$dir" --parallel "$(nproc)"
