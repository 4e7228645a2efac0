// User + mount namespace: the whole mount tree read-only except the writable
// roots (Landlock does not cover chmod, chown, utimes or xattrs; a read-only
// mount does), and read-only bind mounts over protected paths inside
// writable roots, because Landlock can only grant rights, never carve a
// read-only hole beneath a writable root. EnterNamespaces() runs in the
// child, before capabilities are dropped and seccomp denies the mount API,
// so nothing it sets up can be undone by the command.
#ifndef WARDEN_SANDBOX_NAMESPACES_H_
#define WARDEN_SANDBOX_NAMESPACES_H_

#include <string>
#include <vector>

#include "sandbox/child_failure.h"
#include "sandbox/profile.h"

namespace warden::sandbox {

struct NamespacePlan {
  std::string uid_map;  // "UID UID 1\n": the caller's own id, mapped to itself
  std::string gid_map;
  // Writable roots, outermost first, bound onto themselves and made
  // writable again after the whole tree went read-only. Being mount points
  // they also cannot be renamed away (EBUSY), so a command cannot move a
  // root aside and put a new `.git` where the old one was.
  std::vector<std::string> writable;
  // Protected paths and placeholders, mounted read-only, outermost first.
  std::vector<std::string> read_only;
};

NamespacePlan PlanNamespaces(const ResolvedProfile& profile,
                             const std::vector<std::string>& placeholders);

// Child side; async-signal-safe.
bool EnterNamespaces(const NamespacePlan& plan, ChildFailure* failure);

}  // namespace warden::sandbox

#endif  // WARDEN_SANDBOX_NAMESPACES_H_
