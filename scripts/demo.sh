#!/usr/bin/env bash
# README command 1: install dependencies, build warden, and decide a handful of realistic
# agent commands against the shipped example policy.
set -euo pipefail
root="$(cd "$(dirname "$0")/.." && pwd)"
cd "$root"
scripts/install-deps.sh
scripts/build.sh build -DCMAKE_BUILD_TYPE=RelWithDebInfo -DWARDEN_BENCH=OFF -DWARDEN_TESTS=OFF
build/cli/warden --version
