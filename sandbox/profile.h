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
  // Whether the run's private /tmp is writable in workspace-write mode (the
  // caller's $TMPDIR is never a writable root: SPEC-sandbox "Temporary
  // directory").
  bool writable_tmp = true;
  // Entry names protected inside each writable root.
  std::vector<std::string> protected_names = DefaultProtectedNames();
  bool allow_network = false;
  // Wall-clock limit for the whole process group; zero means none.
  std::chrono::milliseconds timeout{0};
  // Run even when a required kernel layer is missing (and say so).
  bool best_effort = false;
  // Refuse when Landlock (ABI >= 3) is missing, instead of running with the
  // namespaces and seccomp alone.
  bool require_landlock = false;
};

struct WritableRoot {
  std::string path;  // absolute, symlinks resolved
  // Workspace roots (the working directory and --writable-root) get missing
  // protected names blocked by placeholders; the temporary root (/tmp, which
  // inside a namespaced run is the private one) only gets existing protected
  // entries made read-only.
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
  // Protected entries that are symlinks (dangling or not): the link itself is
  // mounted over itself, so it can be neither removed, renamed nor replaced;
  // its target, when it exists, is in `read_only_paths` too.
  std::vector<std::string> read_only_links;
  // Missing protected names inside workspace roots (and in the ancestors of
  // the working directory inside a writable root, and the missing targets of
  // dangling protected symlinks) that must not be created.
  std::vector<std::string> blocked_paths;
  bool allow_network = false;
  std::chrono::milliseconds timeout{0};
  bool best_effort = false;
  bool require_landlock = false;
  // Set by the executor when the run has its own mount namespace: a private
  // /tmp, /dev/shm and devpts instance (Landlock then grants /dev/shm).
  bool private_mounts = false;
  // Human-readable notes, e.g. a writable root that does not exist.
  std::vector<std::string> warnings;
};

// Fails only when the working directory cannot be resolved.
absl::StatusOr<ResolvedProfile> ResolveProfile(const Profile& profile);

// True when `path` equals `root` or lies beneath it (both canonical).
bool IsBeneath(std::string_view path, std::string_view root);

}  // namespace warden::sandbox

#endif  // WARDEN_SANDBOX_PROFILE_H_
