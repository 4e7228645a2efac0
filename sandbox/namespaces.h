// The run's mount namespace (set up by its init, already inside new user,
// mount, PID, IPC and usually network namespaces):
// - the whole mount tree read-only except the writable roots (Landlock does
//   not cover chmod, chown, utimes or xattrs; a read-only mount does);
// - read-only bind mounts over protected paths inside writable roots, and
//   protected symlinks pinned where they are, because Landlock can only
//   grant rights, never carve a read-only hole beneath a writable root;
// - the user's private directory over /tmp (with the working directory and
//   writable roots beneath /tmp shown again at their paths), a fresh /proc
//   of the run's PID namespace, a fresh devpts instance (no other terminal
//   of the host can be opened) and a private /dev/shm;
// - every Unix socket listening on the host covered, and the directories
//   where session and daemon sockets live hidden under empty tmpfs.
// EnterNamespaces() runs before capabilities are dropped and seccomp denies
// the mount API, so nothing it sets up can be undone by the command.
#ifndef WARDEN_SANDBOX_NAMESPACES_H_
#define WARDEN_SANDBOX_NAMESPACES_H_

#include <string>
#include <vector>

#include "sandbox/child_failure.h"
#include "sandbox/profile.h"

namespace warden::sandbox {

// Most directories beneath /tmp a run can show again over its private /tmp.
inline constexpr int kMaxTmpRebinds = 64;

struct NamespacePlan {
  std::string uid_map;  // "UID UID 1\n": the caller's own id, mapped to itself
  std::string gid_map;
  // The host directory bound over /tmp; empty when the working directory is
  // /tmp itself (then the host's /tmp is the workspace).
  std::string private_tmp;
  bool tmp_writable = false;
  // For the working directory and each writable root beneath /tmp, the
  // first directory beneath /tmp that holds it (`/tmp/x` for `/tmp/x/ws`),
  // bound again at its own path over the private /tmp.
  std::vector<std::string> tmp_rebinds;
  // Writable roots, outermost first, bound onto themselves and made
  // writable again after the whole tree went read-only. Being mount points
  // they also cannot be renamed away (EBUSY), so a command cannot move a
  // root aside and put a new `.git` where the old one was.
  std::vector<std::string> writable;
  // Protected paths and placeholders, mounted read-only, outermost first.
  std::vector<std::string> read_only;
  // Protected symlinks, each pinned by a mount of itself.
  std::vector<std::string> read_only_links;
  // Hidden under an empty read-only tmpfs (socket directories).
  std::vector<std::string> covered_dirs;
  // Listening host sockets, each covered by a read-only bind of /dev/null.
  std::vector<std::string> covered_sockets;
  // The host terminal the command starts on ("/dev/pts/N", its number N),
  // or -1: shown at the same name in the run's devpts instance, so opening
  // it by name (`tty`, `> $(tty)`) still works while no other host
  // terminal is visible.
  int own_pts = -1;
  std::string own_pts_path;
};

// `private_tmp` as EnsurePrivateTmp() made it; `sockets` and `socket_dirs`
// from host_sockets.h.
NamespacePlan PlanNamespaces(const ResolvedProfile& profile,
                             const std::vector<std::string>& placeholders,
                             const std::string& private_tmp,
                             const std::vector<std::string>& sockets,
                             const std::vector<std::string>& socket_dirs);

// The namespaces a run is cloned into: user, mount, PID, IPC, and network
// unless the run has direct network access.
int NamespaceCloneFlags(bool direct_network);

// In the run's init, right after clone(NamespaceCloneFlags()): maps the ids
// and builds the mount tree. Async-signal-safe; allocates nothing.
bool EnterNamespaces(const NamespacePlan& plan, ChildFailure* failure);

}  // namespace warden::sandbox

#endif  // WARDEN_SANDBOX_NAMESPACES_H_
