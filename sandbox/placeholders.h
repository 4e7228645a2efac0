// Placeholders for protected names that do not exist yet (`.codex` in a
// fresh workspace). Landlock cannot forbid creating one name inside a
// writable directory, so warden creates an empty directory with mode 0000
// there, the child mounts it read-only, and warden removes it after the
// command ends, leaving the workspace as it found it.
//
// Concurrent warden runs in one workspace share a placeholder: each holds a
// shared flock(2) on it while its command runs; whoever can take the
// exclusive lock after its own run is the last user and removes it. An
// empty mode-0000 directory at a protected name is taken for a placeholder
// (so one left behind by a killed warden is cleaned up by the next run).
#ifndef WARDEN_SANDBOX_PLACEHOLDERS_H_
#define WARDEN_SANDBOX_PLACEHOLDERS_H_

#include <string>
#include <utility>
#include <vector>

#include "absl/status/status.h"

namespace warden::sandbox {

class Placeholders {
 public:
  Placeholders() = default;
  Placeholders(const Placeholders&) = delete;
  Placeholders& operator=(const Placeholders&) = delete;
  ~Placeholders() { Release(); }

  // For each missing path: creates or joins a placeholder (listed in
  // placeholders()), or, if a real entry appeared meanwhile, lists it in
  // appeared() so it is protected as an existing path. A path whose parent
  // refuses the mkdir (EACCES, EROFS) cannot be created by the command
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
