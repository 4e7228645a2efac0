#!/usr/bin/env bash
# Fails (listing the files) when a tracked C++ source is not in .clang-format layout.
set -euo pipefail
cd "$(dirname "$0")/.."
mapfile -t files < <(git ls-files '*.cc' '*.h' 2>/dev/null || true)
if [ "${#files[@]}" -eq 0 ]; then
  # Not a git checkout (a source tarball): check every source we can find.
  mapfile -t files < <(find base lang stdlib engine sandbox cli fuzz tests -name '*.cc' -o -name '*.h')
fi
bad=()
for f in "${files[@]}"; do
  [ -f "$f" ] || continue
  if ! clang-format --style=file --dry-run --Werror "$f" >/dev/null 2>&1; then
    bad+=("$f")
  fi
done
if [ "${#bad[@]}" -ne 0 ]; then
  echo "not clang-formatted (run: clang-format -i FILE):"
  printf '  %s\n' "${bad[@]}"
  exit 1
fi
echo "clang-format: ${#files[@]} files ok"
