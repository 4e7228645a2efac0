#include "sandbox/seccomp_filter.h"

#include <errno.h>
#include <linux/audit.h>
#include <linux/seccomp.h>
#include <sched.h>
#include <stddef.h>
#include <sys/ioctl.h>
#include <sys/prctl.h>
#include <sys/socket.h>
#include <sys/syscall.h>
#include <unistd.h>

namespace warden::sandbox {
namespace {

#if defined(__x86_64__)
constexpr uint32_t kAuditArch = AUDIT_ARCH_X86_64;
// x32 system calls share the x86_64 arch token but set this bit.
constexpr uint32_t kX32Bit = 0x40000000;
#elif defined(__aarch64__)
constexpr uint32_t kAuditArch = AUDIT_ARCH_AARCH64;
#else
#error "warden's seccomp filter knows x86_64 and aarch64 only"
#endif

struct Denied {
  const char* name;
  long nr;
};

constexpr Denied kAlwaysDenied[] = {
    {"ptrace", SYS_ptrace},
    {"process_vm_readv", SYS_process_vm_readv},
    {"process_vm_writev", SYS_process_vm_writev},
    {"io_uring_setup", SYS_io_uring_setup},
    {"io_uring_enter", SYS_io_uring_enter},
    {"io_uring_register", SYS_io_uring_register},
    {"mount", SYS_mount},
    {"umount2", SYS_umount2},
    {"mount_setattr", SYS_mount_setattr},
    {"open_tree", SYS_open_tree},
    {"move_mount", SYS_move_mount},
    {"fsopen", SYS_fsopen},
    {"fsconfig", SYS_fsconfig},
    {"fsmount", SYS_fsmount},
    {"fspick", SYS_fspick},
    {"pivot_root", SYS_pivot_root},
    {"chroot", SYS_chroot},
    {"unshare", SYS_unshare},
    {"setns", SYS_setns},
    {"open_by_handle_at", SYS_open_by_handle_at},
    {"bpf", SYS_bpf},
    {"perf_event_open", SYS_perf_event_open},
#ifdef SYS_kexec_load
    {"kexec_load", SYS_kexec_load},
#endif
#ifdef SYS_kexec_file_load
    {"kexec_file_load", SYS_kexec_file_load},
#endif
    {"init_module", SYS_init_module},
    {"finit_module", SYS_finit_module},
    {"delete_module", SYS_delete_module},
    {"keyctl", SYS_keyctl},
    {"add_key", SYS_add_key},
    {"request_key", SYS_request_key},
    {"userfaultfd", SYS_userfaultfd},
};

// open_tree_attr (Linux 6.15) postdates most installed headers.
#if defined(__x86_64__) || defined(__aarch64__)
constexpr long kOpenTreeAttr = 467;
#endif

constexpr uint32_t kNamespaceFlags =
    CLONE_NEWNS | CLONE_NEWCGROUP | CLONE_NEWUTS | CLONE_NEWIPC |
    CLONE_NEWUSER | CLONE_NEWPID | CLONE_NEWNET;

constexpr uint32_t kRetAllow = SECCOMP_RET_ALLOW;
constexpr uint32_t kRetEperm = SECCOMP_RET_ERRNO | (EPERM & SECCOMP_RET_DATA);
constexpr uint32_t kRetEnosys = SECCOMP_RET_ERRNO | (ENOSYS & SECCOMP_RET_DATA);

// Offset of the low 32 bits of argument `i` (little-endian only, which both
// supported architectures are).
constexpr uint32_t ArgLow(int i) {
  return offsetof(struct seccomp_data, args) + 8 * i;
}

class Builder {
 public:
  void Load(uint32_t offset) {
    out_.push_back(BPF_STMT(BPF_LD | BPF_W | BPF_ABS, offset));
  }
  void Ret(uint32_t value) { out_.push_back(BPF_STMT(BPF_RET | BPF_K, value)); }
  // if (A == nr) return value;  A is unchanged either way.
  void DenyNr(long nr, uint32_t value) {
    out_.push_back(
        BPF_JUMP(BPF_JMP | BPF_JEQ | BPF_K, static_cast<uint32_t>(nr), 0, 1));
    Ret(value);
  }
  // if (A != nr) skip the next `len` instructions (a block that returns).
  void IfNr(long nr, uint8_t len) {
    out_.push_back(
        BPF_JUMP(BPF_JMP | BPF_JEQ | BPF_K, static_cast<uint32_t>(nr), 0, len));
  }
  void Raw(sock_filter f) { out_.push_back(f); }
  std::vector<sock_filter> Take() { return std::move(out_); }

 private:
  std::vector<sock_filter> out_;
};

}  // namespace

std::vector<sock_filter> BuildSeccompFilter(bool allow_network) {
  Builder b;
  // A foreign architecture (e.g. int 0x80 on x86_64) would index a different
  // syscall table; deny it wholesale.
  b.Load(offsetof(struct seccomp_data, arch));
  b.Raw(BPF_JUMP(BPF_JMP | BPF_JEQ | BPF_K, kAuditArch, 1, 0));
  b.Ret(kRetEperm);
  b.Load(offsetof(struct seccomp_data, nr));
#if defined(__x86_64__)
  b.Raw(BPF_JUMP(BPF_JMP | BPF_JGE | BPF_K, kX32Bit, 0, 1));
  b.Ret(kRetEperm);
#endif
  for (const auto& d : kAlwaysDenied) b.DenyNr(d.nr, kRetEperm);
  b.DenyNr(kOpenTreeAttr, kRetEperm);
  // clone3 passes its flags in memory a filter cannot read; ENOSYS makes
  // libc fall back to clone(2), whose flags are checked below.
  b.DenyNr(SYS_clone3, kRetEnosys);
  // clone: namespace flags -> EPERM.
  b.IfNr(SYS_clone, 4);
  b.Load(ArgLow(0));
  b.Raw(BPF_JUMP(BPF_JMP | BPF_JSET | BPF_K, kNamespaceFlags, 0, 1));
  b.Ret(kRetEperm);
  b.Ret(kRetAllow);
  // ioctl: TIOCSTI/TIOCLINUX would let a command type into the terminal of
  // the user outside the sandbox.
  b.IfNr(SYS_ioctl, 5);
  b.Load(ArgLow(1));
  b.Raw(BPF_JUMP(BPF_JMP | BPF_JEQ | BPF_K, TIOCSTI, 1, 0));
  b.Raw(BPF_JUMP(BPF_JMP | BPF_JEQ | BPF_K, TIOCLINUX, 0, 1));
  b.Ret(kRetEperm);
  b.Ret(kRetAllow);
  if (!allow_network) {
    // socket: only AF_UNIX; everything else fails fast with EPERM.
    b.IfNr(SYS_socket, 4);
    b.Load(ArgLow(0));
    b.Raw(BPF_JUMP(BPF_JMP | BPF_JEQ | BPF_K, AF_UNIX, 0, 1));
    b.Ret(kRetAllow);
    b.Ret(kRetEperm);
  }
  b.Ret(kRetAllow);
  return b.Take();
}

std::vector<std::string> AlwaysDeniedSyscalls() {
  std::vector<std::string> names;
  for (const auto& d : kAlwaysDenied) names.push_back(d.name);
  names.push_back("open_tree_attr");
  names.push_back("clone/clone3 with namespace flags");
  names.push_back("ioctl TIOCSTI/TIOCLINUX");
  return names;
}

bool InstallSeccompFilter(const std::vector<sock_filter>& filter,
                          ChildFailure* failure) {
  sock_fprog prog = {static_cast<unsigned short>(filter.size()),
                     const_cast<sock_filter*>(filter.data())};
  if (syscall(SYS_seccomp, SECCOMP_SET_MODE_FILTER, 0, &prog) == 0) return true;
  if (errno == ENOSYS &&
      prctl(PR_SET_SECCOMP, SECCOMP_MODE_FILTER, &prog, 0, 0) == 0) {
    return true;
  }
  return Fail(failure, "seccomp(SECCOMP_SET_MODE_FILTER)", errno);
}

}  // namespace warden::sandbox
