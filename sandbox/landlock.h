// Landlock: the filesystem boundary (read beneath /, write beneath writable
// roots) and, from ABI 4, TCP bind/connect. PlanLandlock() runs in the parent
// and decides every right; ApplyLandlock() runs in the child and only issues
// syscalls.
#ifndef WARDEN_SANDBOX_LANDLOCK_H_
#define WARDEN_SANDBOX_LANDLOCK_H_

#include <cstdint>
#include <string>
#include <vector>

#include "sandbox/child_failure.h"
#include "sandbox/profile.h"

namespace warden::sandbox {

struct LandlockRule {
  std::string path;
  uint64_t access = 0;  // LANDLOCK_ACCESS_FS_* allowed beneath `path`
};

struct LandlockPlan {
  int abi = 0;
  uint64_t handled_fs = 0;
  uint64_t handled_net = 0;  // ABI >= 4: TCP bind/connect denied unless network
  // ABI >= 6: signals and abstract Unix sockets outside the run denied.
  uint64_t scoped = 0;
  std::vector<LandlockRule> rules;
  // Whether stdin/stdout/stderr, when terminals, get read/write rules of
  // their own (the run's devpts instance hides their paths).
  bool terminal_fds = false;
};

// Rights for `profile` under Landlock `abi` (>= 1). Paths that do not exist
// are left out; rules on non-directories carry only file rights.
LandlockPlan PlanLandlock(const ResolvedProfile& profile, int abi);

// Child side: builds the ruleset and restricts the calling thread. Requires
// no_new_privs (or CAP_SYS_ADMIN). Async-signal-safe.
bool ApplyLandlock(const LandlockPlan& plan, ChildFailure* failure);

// "read", "write", ... for a rights mask, for `sandbox probe`.
std::string DescribeFsAccess(uint64_t access);

}  // namespace warden::sandbox

#endif  // WARDEN_SANDBOX_LANDLOCK_H_
