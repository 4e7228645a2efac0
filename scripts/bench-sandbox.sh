#!/usr/bin/env bash
# Whole-process cost of a sandboxed `true`, interleaved in one hyperfine run:
#   /bin/true                     the floor
#   warden exec -- true           workspace-write (the default), a full run: user, mount,
#                                 PID, IPC and network namespaces, init, Landlock, seccomp
#   warden exec --sandbox read-only -- true
#   bwrap ... true                bubblewrap doing the same job (new user, mount, PID, IPC,
#                                 network namespaces; read-only root, writable workspace,
#                                 private /tmp, /proc and /dev), the yardstick
#   unshare ... true              util-linux unshare creating the same five namespaces with
#                                 a fresh /proc and nothing else (no file-system policy, no
#                                 Landlock, no seccomp): the kernel's own floor for a run
# Prints the table and the differences to /bin/true (issue 19's goal: within 3 ms, and
# faster than bwrap). Usage: scripts/bench-sandbox.sh [BUILD_DIR] (RUNS=N to change runs).
set -euo pipefail
root="$(cd "$(dirname "$0")/.." && pwd)"
build="${1:-$root/build}"
runs="${RUNS:-200}"
warden="$build/cli/warden"
command -v hyperfine >/dev/null || { echo "needs hyperfine (apt-get install hyperfine)" >&2; exit 2; }
[ -x "$warden" ] || { echo "no $warden: build first (scripts/build.sh build)" >&2; exit 2; }
ws="$(mktemp -d /var/tmp/warden-bench-ws-XXXXXX)"
trap 'rm -rf "$ws"' EXIT
cd "$ws"
cmds=("/bin/true" "$warden exec -- true" "$warden exec --sandbox read-only -- true")
names=("true" "warden workspace-write" "warden read-only")
if command -v bwrap >/dev/null; then
  cmds+=("bwrap --unshare-user --unshare-pid --unshare-ipc --unshare-net --die-with-parent \
--ro-bind / / --bind $ws $ws --tmpfs /tmp --proc /proc --dev /dev --chdir $ws -- true")
  names+=("bwrap")
else
  echo "note: bubblewrap not installed; its row is skipped (apt-get install bubblewrap)"
fi
if command -v unshare >/dev/null; then
  cmds+=("unshare --user --map-root-user --mount --pid --ipc --net --fork --mount-proc true")
  names+=("unshare (namespaces only)")
fi
args=()
for i in "${!cmds[@]}"; do args+=(-n "${names[$i]}" "${cmds[$i]}"); done
out="$(mktemp --suffix=.json)"
hyperfine -N --warmup 20 --runs "$runs" --export-json "$out" "${args[@]}"
python3 - "$out" <<'PY'
import json, sys
res = {r["command"]: r for r in json.load(open(sys.argv[1]))["results"]}
base = res["true"]["mean"] * 1000
print(f"\n{'command':<26} {'mean ms':>8} {'median ms':>10} {'- true ms':>10} {'user ms':>8} {'sys ms':>7}")
for name, r in res.items():
    print(f"{name:<26} {r['mean']*1000:8.2f} {r['median']*1000:10.2f} {r['mean']*1000-base:10.2f}"
          f" {r['user']*1000:8.2f} {r['system']*1000:7.2f}")
if "bwrap" in res:
    w = res["warden workspace-write"]["mean"]; b = res["bwrap"]["mean"]
    print(f"\nwarden workspace-write / bwrap: {w/b:.2f}x the time ({'faster' if w < b else 'slower'})")
PY
rm -f "$out"
