#!/usr/bin/env bash
# shell-oracle.sh [BUILD_DIR] [HOURS] — long campaign of the real-shell oracle
# (SPEC B2, tests/engine/shell_oracle_test.cc): generated scripts run in the
# real bash, dash and zsh with recorders on PATH; every program that ran must
# be among warden's parts unless warden said incomplete. Runs rounds of
# 20000 scripts with a fresh seed each until HOURS (default 1) have passed;
# a round with a finding stops the campaign and prints the scripts.
set -euo pipefail
root="$(cd "$(dirname "$0")/.." && pwd)"
build="${1:-$root/build}"
hours="${2:-1}"
test_bin="$build/tests/engine/warden_engine_test"
[[ -x "$test_bin" ]] || { echo "build $test_bin first" >&2; exit 2; }
end=$(( $(date +%s) + ${hours%.*} * 3600 ))
seed="${WARDEN_ORACLE_SEED:-$(date +%s)}"
rounds=0
while (( $(date +%s) < end )); do
  WARDEN_ORACLE_SEED="$seed" WARDEN_ORACLE_ITERATIONS=20000 \
    nice -n 10 "$test_bin" --gtest_filter='ShellOracleTest.GeneratedScripts' \
    --gtest_brief=1 || { echo "finding with seed $seed" >&2; exit 1; }
  rounds=$((rounds + 1))
  echo "round $rounds (seed $seed): no finding"
  seed=$((seed + 1))
done
echo "$rounds rounds of 20000 scripts, no finding"
