// What the running kernel offers the sandbox: Landlock ABI, seccomp filters,
// unprivileged user namespaces. Probed once per process and cached; every
// missing layer carries the reason a user can act on.
#ifndef WARDEN_SANDBOX_KERNEL_PROBE_H_
#define WARDEN_SANDBOX_KERNEL_PROBE_H_

#include <string>
#include <string_view>
#include <vector>

namespace warden::sandbox {

// Landlock ABI from which warden's filesystem boundary is complete: ABI 3
// adds LANDLOCK_ACCESS_FS_TRUNCATE, without which truncate(2) of any file
// outside the writable roots is not controlled.
inline constexpr int kRequiredLandlockAbi = 3;

struct KernelSupport {
  std::string release;   // uname -r
  std::string machine;   // uname -m
  int landlock_abi = 0;  // 0 when unavailable
  std::string landlock_error;
  bool seccomp = false;
  std::string seccomp_error;
  // Unknown until probed (it costs a fork); exec only needs it in advance in
  // best-effort mode, otherwise a failure surfaces from the child itself.
  bool user_namespaces_probed = false;
  bool user_namespaces = false;
  std::string user_namespaces_error;
};

// Probes the kernel now. `user_namespaces` also forks a child that tries
// unshare(CLONE_NEWUSER | CLONE_NEWNS).
KernelSupport ProbeKernel(bool user_namespaces);

// Cached ProbeKernel(); thread-safe. Probing user namespaces is cached
// separately so a plain exec never pays for the fork.
const KernelSupport& CachedKernelSupport(bool user_namespaces);

// Test and diagnostic hook: marks layers in a comma-separated list
// ("landlock", "seccomp", "userns", "landlock-abi=N") as missing, as if on an
// older kernel. It can only take layers away.
void PretendMissing(std::string_view list, KernelSupport* support);

// Landlock features by ABI, e.g. {"filesystem", "refer", "truncate", ...}.
std::vector<std::string> LandlockFeatures(int abi);

}  // namespace warden::sandbox

#endif  // WARDEN_SANDBOX_KERNEL_PROBE_H_
