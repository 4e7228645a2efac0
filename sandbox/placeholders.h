// Placeholders for protected names that do not exist yet (`.codex` in a
// fresh workspace). Landlock cannot forbid creating one name inside a
// writable directory, so warden creates a placeholder there, the child
// mounts it read-only (a mount point can be neither removed, renamed nor
// replaced, and nothing can be created under its name), and warden removes
// it after the command ends, leaving the workspace as it found it.
//
// A placeholder is an empty regular file with mode 01400 (r-------T: the
// sticky bit means nothing on a regular file, so no tool sets it), except
// for `.git`, which gets an empty directory with mode 01500. A file rather
// than a directory because a directory owns a data block: removing it frees
// the block, and on a filesystem mounted with `discard` that waits for the
// device (about 4 ms per placeholder on the CI machine), while an empty file
// has no blocks. `.git` is the exception because git takes a `.git` regular
// file for a gitfile and dies on an empty one ("invalid gitfile format"),
// where an empty directory makes it look further up: a workspace inside a
// repository must keep working. Owner-readable because the lock below needs
// an open descriptor, and a user without CAP_DAC_OVERRIDE cannot open a
// mode-0000 entry. An empty mode-0000 directory (what earlier versions
// created) is still taken for a placeholder, so one they left behind is
// cleaned up too.
//
// Concurrent warden runs in one workspace share a placeholder: each holds a
// shared flock(2) on it while its command runs; whoever can take the
// exclusive lock after its own run is the last user and removes it. A
// placeholder left behind by a killed warden is found by the next run,
// joined, and removed by it.
#ifndef WARDEN_SANDBOX_PLACEHOLDERS_H_
#define WARDEN_SANDBOX_PLACEHOLDERS_H_

#include <sys/stat.h>

#include <string>
#include <utility>
#include <vector>

#include "absl/status/status.h"

namespace warden::sandbox {

inline constexpr mode_t kPlaceholderMode = 01400;
inline constexpr mode_t kPlaceholderDirMode = 01500;

// Whether `st` (from lstat) looks like a placeholder: an empty regular file
// with mode 01400, or a directory with mode 01500 or 0000.
bool IsPlaceholder(const struct stat& st);

class Placeholders {
 public:
  Placeholders() = default;
  Placeholders(const Placeholders&) = delete;
  Placeholders& operator=(const Placeholders&) = delete;
  ~Placeholders() { Release(); }

  // For each missing path: creates or joins a placeholder (listed in
  // placeholders()), or, if a real entry appeared meanwhile, lists it in
  // appeared() so it is protected as an existing path. A path whose parent
  // refuses the creation (EACCES, EROFS) cannot be created by the command
  // either and is skipped.
  absl::Status Acquire(const std::vector<std::string>& missing);

  const std::vector<std::string>& placeholders() const { return paths_; }
  const std::vector<std::string>& appeared() const { return appeared_; }

  // Removes the placeholders this process was the last user of. Idempotent.
  void Release();

 private:
  std::vector<std::string> paths_;
  std::vector<int> fds_;  // shared-locked, parallel to paths_
  std::vector<std::string> appeared_;
};

}  // namespace warden::sandbox

#endif  // WARDEN_SANDBOX_PLACEHOLDERS_H_
