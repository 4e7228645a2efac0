#include "sandbox/capabilities.h"

#include <errno.h>
#include <linux/capability.h>
#include <linux/securebits.h>
#include <sys/prctl.h>
#include <sys/syscall.h>
#include <unistd.h>

namespace warden::sandbox {

bool DropCapabilities(bool privileged, ChildFailure* f) {
  // Root (uid 0) must not get capabilities back on execve.
  const unsigned long securebits =
      SECBIT_NOROOT | SECBIT_NOROOT_LOCKED | SECBIT_NO_SETUID_FIXUP |
      SECBIT_NO_SETUID_FIXUP_LOCKED | SECBIT_KEEP_CAPS_LOCKED |
      SECBIT_NO_CAP_AMBIENT_RAISE | SECBIT_NO_CAP_AMBIENT_RAISE_LOCKED;
  if (prctl(PR_SET_SECUREBITS, securebits, 0, 0, 0) != 0 &&
      (privileged || errno != EPERM)) {
    return Fail(f, "prctl(PR_SET_SECUREBITS)", errno);
  }
  for (int cap = 0; cap < 64; ++cap) {
    if (prctl(PR_CAPBSET_DROP, cap, 0, 0, 0) != 0) {
      if (errno == EINVAL) break;  // past CAP_LAST_CAP
      if (privileged || errno != EPERM) {
        return Fail(f, "prctl(PR_CAPBSET_DROP)", errno);
      }
    }
  }
  if (prctl(PR_CAP_AMBIENT, PR_CAP_AMBIENT_CLEAR_ALL, 0, 0, 0) != 0 &&
      errno != EINVAL) {
    return Fail(f, "prctl(PR_CAP_AMBIENT_CLEAR_ALL)", errno);
  }
  struct __user_cap_header_struct header = {_LINUX_CAPABILITY_VERSION_3, 0};
  struct __user_cap_data_struct data[2] = {};
  if (syscall(SYS_capset, &header, data) != 0) {
    return Fail(f, "capset", errno);
  }
  return true;
}

}  // namespace warden::sandbox
