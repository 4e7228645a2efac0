// Sandbox profiles: what a sandboxed command may touch, as plain data.
//
// A Profile is what a front end fills in from flags; ResolveProfile() turns it
// into absolute, symlink-free paths and the list of protected paths, checking
// the filesystem once in the parent. Nothing here touches kernel state.
#ifndef WARDEN_SANDBOX_PROFILE_H_
#define WARDEN_SANDBOX_PROFILE_H_

#include <chrono>
#include <string>
#include <string_view>
#include <vector>

#include "absl/status/statusor.h"

namespace warden::sandbox {

enum class Mode { kReadOnly, kWorkspaceWrite, kDangerFullAccess };

// "read-only", "workspace-write", "danger-full-access".
std::string_view ModeName(Mode mode);
absl::StatusOr<Mode> ParseMode(std::string_view name);

// Names that stay read-only inside every writable root (SPEC-sandbox.md).
std::vector<std::string> DefaultProtectedNames();

struct Profile {
  Mode mode = Mode::kWorkspaceWrite;
  // Working directory of the command; empty means warden's own.
  std::string cwd;
  // Extra writable roots; relative ones resolve against `cwd`.
  std::vector<std::string> writable_roots;
  // Whether /tmp and $TMPDIR are writable in workspace-write mode.
  bool writable_tmp = true;
  // Entry names protected inside each writable root.
  std::vector<std::string> protected_names = DefaultProtectedNames();
  bool allow_network = false;
  // Wall-clock limit for the whole process group; zero means none.
  std::chrono::milliseconds timeout{0};
  // Run even when a required kernel layer is missing (and say so).
  bool best_effort = false;
};

struct WritableRoot {
  std::string path;  // absolute, symlinks resolved
  // Workspace roots (the working directory and --writable-root) get missing
  // protected names blocked by placeholders; temporary roots (/tmp, $TMPDIR)
  // only get existing protected entries made read-only.
  bool workspace = false;
};

// A Profile checked against the filesystem. Invariants: every path is
// absolute and canonical; `read_only_paths` and `blocked_paths` lie beneath
// some writable root; `blocked_paths` do not exist at resolution time.
struct ResolvedProfile {
  Mode mode = Mode::kWorkspaceWrite;
  std::string cwd;
  std::vector<WritableRoot> writable_roots;  // empty unless workspace-write
  // Existing protected entries (and the git directory of a worktree) to mount
  // read-only.
  std::vector<std::string> read_only_paths;
  // Missing protected names inside workspace roots that must not be created.
  std::vector<std::string> blocked_paths;
  bool allow_network = false;
  std::chrono::milliseconds timeout{0};
  bool best_effort = false;
  // Human-readable notes, e.g. a writable root that does not exist.
  std::vector<std::string> warnings;
};

// `tmpdir` is the value of $TMPDIR (nullptr when unset). Fails only when the
// working directory cannot be resolved.
absl::StatusOr<ResolvedProfile> ResolveProfile(const Profile& profile,
                                               const char* tmpdir);

// True when `path` equals `root` or lies beneath it (both canonical).
bool IsBeneath(std::string_view path, std::string_view root);

}  // namespace warden::sandbox

#endif  // WARDEN_SANDBOX_PROFILE_H_
