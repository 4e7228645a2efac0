#include "sandbox/landlock.h"

#include <errno.h>
#include <fcntl.h>
#include <sys/stat.h>
#include <sys/syscall.h>
#include <unistd.h>

#include "absl/strings/str_join.h"

namespace warden::sandbox {
namespace {

// The uapi header of the build machine may predate the running kernel, so
// the ABI is spelled out here (include/uapi/linux/landlock.h).
constexpr uint64_t kExecute = 1ULL << 0;
constexpr uint64_t kWriteFile = 1ULL << 1;
constexpr uint64_t kReadFile = 1ULL << 2;
constexpr uint64_t kReadDir = 1ULL << 3;
constexpr uint64_t kRemoveDir = 1ULL << 4;
constexpr uint64_t kRemoveFile = 1ULL << 5;
constexpr uint64_t kMakeChar = 1ULL << 6;
constexpr uint64_t kMakeDir = 1ULL << 7;
constexpr uint64_t kMakeReg = 1ULL << 8;
constexpr uint64_t kMakeSock = 1ULL << 9;
constexpr uint64_t kMakeFifo = 1ULL << 10;
constexpr uint64_t kMakeBlock = 1ULL << 11;
constexpr uint64_t kMakeSym = 1ULL << 12;
constexpr uint64_t kRefer = 1ULL << 13;             // ABI 2
constexpr uint64_t kTruncate = 1ULL << 14;          // ABI 3
constexpr uint64_t kIoctlDev = 1ULL << 15;          // ABI 5
constexpr uint64_t kNetBindTcp = 1ULL << 0;         // ABI 4
constexpr uint64_t kNetConnectTcp = 1ULL << 1;      // ABI 4
constexpr uint64_t kScopeAbstractUnix = 1ULL << 0;  // ABI 6
constexpr uint64_t kScopeSignal = 1ULL << 1;        // ABI 6
constexpr int kRulePathBeneath = 1;

// Rights that make sense on a file (not a directory) rule.
constexpr uint64_t kFileRights =
    kExecute | kWriteFile | kReadFile | kTruncate | kIoctlDev;

struct RulesetAttr {
  uint64_t handled_access_fs;
  uint64_t handled_access_net;
  uint64_t scoped;
};

struct __attribute__((packed)) PathBeneathAttr {
  uint64_t allowed_access;
  int32_t parent_fd;
};

uint64_t HandledFs(int abi) {
  uint64_t fs = kExecute | kWriteFile | kReadFile | kReadDir | kRemoveDir |
                kRemoveFile | kMakeChar | kMakeDir | kMakeReg | kMakeSock |
                kMakeFifo | kMakeBlock | kMakeSym;
  if (abi >= 2) fs |= kRefer;
  if (abi >= 3) fs |= kTruncate;
  if (abi >= 5) fs |= kIoctlDev;
  return fs;
}

// Devices a read-only command may still write or drive (SPEC: /dev/null,
// /dev/zero and terminal-like devices).
constexpr const char* kWritableDevices[] = {
    "/dev/null",    "/dev/zero", "/dev/full", "/dev/random",
    "/dev/urandom", "/dev/tty",  "/dev/ptmx", "/dev/pts"};

}  // namespace

LandlockPlan PlanLandlock(const ResolvedProfile& profile, int abi) {
  LandlockPlan plan;
  plan.abi = abi;
  plan.handled_fs = HandledFs(abi);
  if (abi >= 4 && !profile.allow_network) {
    plan.handled_net = kNetBindTcp | kNetConnectTcp;
  }
  // Abstract Unix sockets of anything outside the run (the network
  // namespace cuts them off too, except with direct network), signals to
  // processes outside it.
  if (abi >= 6) plan.scoped = kScopeAbstractUnix | kScopeSignal;

  const uint64_t read = kExecute | kReadFile | kReadDir;
  const uint64_t write = kWriteFile | kRemoveDir | kRemoveFile | kMakeDir |
                         kMakeReg | kMakeSock | kMakeFifo | kMakeSym | kRefer |
                         kTruncate;
  auto add = [&](const std::string& path, uint64_t access) {
    struct stat st;
    if (stat(path.c_str(), &st) != 0) return;
    if (!S_ISDIR(st.st_mode)) access &= kFileRights;
    access &= plan.handled_fs;
    if (access != 0) plan.rules.push_back({path, access});
  };
  add("/", read);
  add("/dev", kIoctlDev);
  for (const char* dev : kWritableDevices) {
    add(dev, kReadFile | kWriteFile | kTruncate | kIoctlDev);
  }
  for (const auto& root : profile.writable_roots) {
    add(root.path, read | write);
  }
  // The run's own /dev/shm (a private tmpfs) and the terminal it was started
  // on (its path is hidden by the run's devpts instance; reopening it through
  // /proc/self/fd still works).
  if (profile.private_mounts) {
    add("/dev/shm", read | write);
    plan.terminal_fds = true;
  }
  return plan;
}

bool ApplyLandlock(const LandlockPlan& plan, ChildFailure* failure) {
  RulesetAttr attr = {plan.handled_fs, plan.handled_net, plan.scoped};
  size_t size = plan.abi >= 6   ? sizeof(RulesetAttr)
                : plan.abi >= 4 ? 2 * sizeof(uint64_t)
                                : sizeof(uint64_t);
  int ruleset =
      static_cast<int>(syscall(SYS_landlock_create_ruleset, &attr, size, 0U));
  if (ruleset < 0) return Fail(failure, "landlock_create_ruleset", errno);
  for (const auto& rule : plan.rules) {
    int fd = open(rule.path.c_str(), O_PATH | O_CLOEXEC);
    if (fd < 0) {
      int err = errno;
      close(ruleset);
      return Fail(failure, "open", err, rule.path.c_str());
    }
    PathBeneathAttr beneath = {rule.access, fd};
    if (syscall(SYS_landlock_add_rule, ruleset, kRulePathBeneath, &beneath,
                0U) != 0) {
      int err = errno;
      close(fd);
      close(ruleset);
      return Fail(failure, "landlock_add_rule", err, rule.path.c_str());
    }
    close(fd);
  }
  for (int fd = 0; plan.terminal_fds && fd < 3; ++fd) {
    if (!isatty(fd)) continue;
    PathBeneathAttr beneath = {
        (kReadFile | kWriteFile | kTruncate | kIoctlDev) & plan.handled_fs, fd};
    if (syscall(SYS_landlock_add_rule, ruleset, kRulePathBeneath, &beneath,
                0U) != 0) {
      int err = errno;
      close(ruleset);
      return Fail(failure, "landlock_add_rule", err, "terminal");
    }
  }
  if (syscall(SYS_landlock_restrict_self, ruleset, 0U) != 0) {
    int err = errno;
    close(ruleset);
    return Fail(failure, "landlock_restrict_self", err);
  }
  close(ruleset);
  return true;
}

std::string DescribeFsAccess(uint64_t access) {
  std::vector<std::string> parts;
  if (access & (kReadFile | kReadDir)) parts.push_back("read");
  if (access & kExecute) parts.push_back("execute");
  if (access & kWriteFile) parts.push_back("write");
  if (access & (kMakeReg | kMakeDir | kMakeSym)) parts.push_back("create");
  if (access & (kRemoveFile | kRemoveDir)) parts.push_back("remove");
  if (access & kRefer) parts.push_back("refer");
  if (access & kTruncate) parts.push_back("truncate");
  if (access & kIoctlDev) parts.push_back("ioctl");
  return absl::StrJoin(parts, ",");
}

}  // namespace warden::sandbox
