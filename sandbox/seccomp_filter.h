// seccomp-bpf: socket families other than AF_UNIX (when the network is off)
// and the always-denied calls of SPEC-sandbox.md fail with EPERM. The filter
// is built as raw classic BPF in the parent and installed by the child as its
// last set-up step, after no_new_privs.
#ifndef WARDEN_SANDBOX_SECCOMP_FILTER_H_
#define WARDEN_SANDBOX_SECCOMP_FILTER_H_

#include <linux/filter.h>

#include <string>
#include <vector>

#include "sandbox/child_failure.h"

namespace warden::sandbox {

std::vector<sock_filter> BuildSeccompFilter(bool allow_network);

// Names of the calls the filter denies outright, for `sandbox probe`.
std::vector<std::string> AlwaysDeniedSyscalls();

// Child side; async-signal-safe. Requires no_new_privs.
bool InstallSeccompFilter(const std::vector<sock_filter>& filter,
                          ChildFailure* failure);

}  // namespace warden::sandbox

#endif  // WARDEN_SANDBOX_SECCOMP_FILTER_H_
