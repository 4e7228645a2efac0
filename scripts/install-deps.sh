#!/usr/bin/env bash
# Installs every Debian 12 package warden needs to build, test, fuzz and benchmark.
# Idempotent; run as root (or with sudo available). Only Debian's archive is used.
set -euo pipefail
packages=(
  build-essential cmake ninja-build pkg-config git python3
  clang clang-format libclang-rt-14-dev            # libFuzzer + sanitizers, format check
  libabsl-dev libre2-dev libfmt-dev libtomlplusplus-dev nlohmann-json3-dev
  libcli11-dev libgmp-dev libgtest-dev libgmock-dev libbenchmark-dev
  bash dash zsh git                                 # real shells/tools the tests run
  bubblewrap hyperfine                              # scripts/bench-sandbox.sh: yardstick, timer
)
missing=()
for p in "${packages[@]}"; do
  dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q "install ok installed" || missing+=("$p")
done
if [ "${#missing[@]}" -eq 0 ]; then
  exit 0
fi
SUDO=""
if [ "$(id -u)" -ne 0 ]; then SUDO="sudo"; fi
export DEBIAN_FRONTEND=noninteractive
$SUDO apt-get update -qq
$SUDO apt-get install -y -qq --no-install-recommends "${missing[@]}"
