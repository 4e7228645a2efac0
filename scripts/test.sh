#!/usr/bin/env bash
# README command 2: install dependencies, build, and run every test —
#   1. release build: unit, golden, conformance, fuzz-regression and format tests;
#   2. clang build with AddressSanitizer + UndefinedBehaviorSanitizer: the same tests
#      once more, plus every libFuzzer target run for a short time from its corpus.
# CTest's summary line closes the output.
set -euo pipefail
root="$(cd "$(dirname "$0")/.." && pwd)"
cd "$root"
scripts/install-deps.sh
jobs="$(nproc)"

echo "== build (release) =="
scripts/build.sh build -DCMAKE_BUILD_TYPE=RelWithDebInfo -DWARDEN_TESTS=ON -DWARDEN_BENCH=ON
echo "== build (clang, ASan+UBSan, libFuzzer) =="
scripts/build.sh build-asan -DCMAKE_BUILD_TYPE=Debug -DCMAKE_C_COMPILER=clang \
  -DCMAKE_CXX_COMPILER=clang++ -DWARDEN_SANITIZE=ON -DWARDEN_FUZZ=ON -DWARDEN_BENCH=OFF -DWARDEN_TESTS=ON

export ASAN_OPTIONS=detect_leaks=1:abort_on_error=1
export UBSAN_OPTIONS=print_stacktrace=1:halt_on_error=1
echo "== tests (release) =="
ctest --test-dir build --output-on-failure -j "$jobs"
echo "== tests (ASan+UBSan, fuzz smoke) =="
ctest --test-dir build-asan --output-on-failure -j "$jobs"
