#include "sandbox/kernel_probe.h"

#include <errno.h>
#include <fcntl.h>
#include <linux/seccomp.h>
#include <sched.h>
#include <string.h>
#include <sys/prctl.h>
#include <sys/syscall.h>
#include <sys/utsname.h>
#include <sys/wait.h>
#include <unistd.h>

#include <mutex>

#include "absl/strings/numbers.h"
#include "absl/strings/str_cat.h"
#include "absl/strings/str_split.h"
#include "absl/strings/strip.h"

namespace warden::sandbox {
namespace {

constexpr unsigned kLandlockCreateRulesetVersion = 1U << 0;

void ProbeLandlock(KernelSupport& s) {
  long abi = syscall(SYS_landlock_create_ruleset, nullptr, 0,
                     kLandlockCreateRulesetVersion);
  if (abi > 0) {
    s.landlock_abi = static_cast<int>(abi);
    return;
  }
  int err = errno;
  if (err == EOPNOTSUPP) {
    s.landlock_error =
        "Landlock is built into this kernel but disabled at boot "
        "(add \"landlock\" to the lsm= kernel parameter)";
  } else if (err == ENOSYS) {
    s.landlock_error =
        "this kernel does not support Landlock (landlock_create_ruleset: "
        "Function not implemented; needs Linux >= 5.13 built with "
        "CONFIG_SECURITY_LANDLOCK=y)";
  } else {
    s.landlock_error =
        absl::StrCat("landlock_create_ruleset failed: ", strerror(err));
  }
}

void ProbeSeccomp(KernelSupport& s) {
  if (prctl(PR_GET_SECCOMP, 0, 0, 0, 0) < 0) {
    s.seccomp_error = absl::StrCat(
        "seccomp is not available (prctl(PR_GET_SECCOMP): ", strerror(errno),
        "; needs CONFIG_SECCOMP)");
    return;
  }
  unsigned action = SECCOMP_RET_ERRNO;
  if (syscall(SYS_seccomp, SECCOMP_GET_ACTION_AVAIL, 0, &action) != 0) {
    s.seccomp_error = absl::StrCat(
        "seccomp filters are not available "
        "(seccomp(SECCOMP_GET_ACTION_AVAIL): ",
        strerror(errno), "; needs CONFIG_SECCOMP_FILTER)");
    return;
  }
  s.seccomp = true;
}

// Ubuntu 24.04 and later deny unprivileged user namespaces to programs
// without an AppArmor profile that allows them.
bool AppArmorRestrictsUserNamespaces() {
  int fd = open("/proc/sys/kernel/apparmor_restrict_unprivileged_userns",
                O_RDONLY | O_CLOEXEC);
  if (fd < 0) return false;
  char c = '0';
  bool on = read(fd, &c, 1) == 1 && c == '1';
  close(fd);
  return on;
}

void ProbeUserNamespaces(KernelSupport& s) {
  s.user_namespaces_probed = true;
  pid_t pid = fork();
  if (pid < 0) {
    s.user_namespaces_error =
        absl::StrCat("cannot fork to probe user namespaces: ", strerror(errno));
    return;
  }
  if (pid == 0) {
    _exit(unshare(CLONE_NEWUSER | CLONE_NEWNS) == 0 ? 0 : (errno & 0xff));
  }
  int status = 0;
  while (waitpid(pid, &status, 0) < 0 && errno == EINTR) {
  }
  if (WIFEXITED(status) && WEXITSTATUS(status) == 0) {
    s.user_namespaces = true;
    return;
  }
  int err = WIFEXITED(status) ? WEXITSTATUS(status) : EINVAL;
  if (AppArmorRestrictsUserNamespaces()) {
    s.user_namespaces_error = absl::StrCat(
        "user namespaces are not available (unshare(CLONE_NEWUSER|"
        "CLONE_NEWNS): ",
        strerror(err),
        "): AppArmor restricts unprivileged user namespaces "
        "(kernel.apparmor_restrict_unprivileged_userns = 1, as on Ubuntu "
        ">= 24.04); fix: load an AppArmor profile for warden granting "
        "`userns,` (the Debian package's /etc/apparmor.d/warden), or as root "
        "`sysctl -w kernel.apparmor_restrict_unprivileged_userns=0`");
    return;
  }
  s.user_namespaces_error = absl::StrCat(
      "user namespaces are not available (unshare(CLONE_NEWUSER|CLONE_NEWNS): ",
      strerror(err),
      "; check /proc/sys/user/max_user_namespaces, "
      "kernel.unprivileged_userns_clone and AppArmor's "
      "kernel.apparmor_restrict_unprivileged_userns)");
}

}  // namespace

KernelSupport ProbeKernel(bool user_namespaces) {
  KernelSupport s;
  struct utsname u;
  if (uname(&u) == 0) {
    s.release = u.release;
    s.machine = u.machine;
  }
  ProbeLandlock(s);
  ProbeSeccomp(s);
  if (user_namespaces) ProbeUserNamespaces(s);
  return s;
}

const KernelSupport& CachedKernelSupport(bool user_namespaces) {
  static std::once_flag basic_once, full_once;
  static KernelSupport basic, full;
  if (user_namespaces) {
    std::call_once(full_once, [] { full = ProbeKernel(true); });
    return full;
  }
  std::call_once(basic_once, [] { basic = ProbeKernel(false); });
  return basic;
}

void PretendMissing(std::string_view list, KernelSupport* s) {
  absl::string_view all(list.data(), list.size());
  for (absl::string_view item : absl::StrSplit(all, ',', absl::SkipEmpty())) {
    item = absl::StripAsciiWhitespace(item);
    int abi = 0;
    if (item == "landlock") {
      s->landlock_abi = 0;
      s->landlock_error =
          "this kernel does not support Landlock (landlock_create_ruleset: "
          "Function not implemented; needs Linux >= 5.13 built with "
          "CONFIG_SECURITY_LANDLOCK=y)";
    } else if (absl::ConsumePrefix(&item, "landlock-abi=") &&
               absl::SimpleAtoi(item, &abi) && abi >= 0 &&
               abi < s->landlock_abi) {
      s->landlock_abi = abi;
    } else if (item == "seccomp") {
      s->seccomp = false;
      s->seccomp_error =
          "seccomp filters are not available (needs CONFIG_SECCOMP_FILTER)";
    } else if (item == "userns") {
      s->user_namespaces_probed = true;
      s->user_namespaces = false;
      s->user_namespaces_error =
          "user namespaces are not available (unshare(CLONE_NEWUSER|"
          "CLONE_NEWNS): Operation not permitted)";
    }
  }
}

std::vector<std::string> LandlockFeatures(int abi) {
  std::vector<std::string> f;
  if (abi >= 1) f.push_back("filesystem");
  if (abi >= 2) f.push_back("refer");
  if (abi >= 3) f.push_back("truncate");
  if (abi >= 4) f.push_back("tcp-bind-connect");
  if (abi >= 5) f.push_back("device-ioctl");
  if (abi >= 6) f.push_back("signal-scoping");
  return f;
}

}  // namespace warden::sandbox
