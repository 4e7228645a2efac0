// Dropping every capability set (bounding, permitted, effective, inheritable,
// ambient) so that even root inside the sandbox cannot unmount the read-only
// binds or regain privileges through execve.
#ifndef WARDEN_SANDBOX_CAPABILITIES_H_
#define WARDEN_SANDBOX_CAPABILITIES_H_

#include "sandbox/child_failure.h"

namespace warden::sandbox {

// Child side; async-signal-safe. `privileged` says the caller holds
// CAP_SETPCAP (root, or root of a fresh user namespace); an unprivileged
// caller has nothing in its bounding set to lose through exec with
// no_new_privs, so EPERM from the bounding-set calls is tolerated then.
bool DropCapabilities(bool privileged, ChildFailure* failure);

}  // namespace warden::sandbox

#endif  // WARDEN_SANDBOX_CAPABILITIES_H_
