#include "sandbox/run_child.h"

#include <errno.h>
#include <linux/close_range.h>
#include <sched.h>
#include <signal.h>
#include <sys/mman.h>
#include <sys/prctl.h>
#include <sys/syscall.h>
#include <sys/wait.h>
#include <termios.h>
#include <unistd.h>

#include "sandbox/capabilities.h"
#include "sandbox/seccomp_filter.h"

namespace warden::sandbox {
namespace {

void CopyString(char* dst, size_t size, const char* src) {
  size_t i = 0;
  for (; src != nullptr && src[i] != '\0' && i + 1 < size; ++i) dst[i] = src[i];
  dst[i] = '\0';
}

[[noreturn]] void ChildReport(const RunPlan& plan, Report::Kind kind,
                              const ChildFailure& f) {
  Report r;
  r.kind = kind;
  r.err = f.err;
  CopyString(r.step, sizeof r.step, f.step);
  CopyString(r.path, sizeof r.path, f.path);
  ssize_t ignored = write(plan.report_fd, &r, sizeof r);
  (void)ignored;
  _exit(kind == Report::kExec ? kExitNotFound : kExitSetupFailed);
}

void SendEvent(const RunPlan& plan, InitEvent::Kind kind, int status) {
  InitEvent e = {kind, status};
  ssize_t ignored = write(plan.event_fd, &e, sizeof e);
  (void)ignored;
}

// Only stdin, stdout and stderr pass into the run: every other descriptor
// the caller left open would be a hole in every other layer (a writable fd
// outside the roots, a directory fd beneath a read-only bind).
bool CloseInheritedDescriptors(ChildFailure* f) {
  // Close-on-exec rather than closed: the report and events pipes must stay
  // usable until exec.
  if (syscall(SYS_close_range, 3U, ~0U, CLOSE_RANGE_CLOEXEC) == 0) return true;
  return Fail(f, "close_range(CLOSE_RANGE_CLOEXEC)", errno);
}

void SetSignals(const int* sigs, size_t n, void (*handler)(int)) {
  for (size_t i = 0; i < n; ++i) signal(sigs[i], handler);
}

constexpr int kResetSignals[] = {SIGINT,  SIGTERM,  SIGHUP,  SIGQUIT, SIGPIPE,
                                 SIGTSTP, SIGTTIN,  SIGTTOU, SIGCHLD, SIGUSR1,
                                 SIGUSR2, SIGWINCH, SIGCONT};

[[noreturn]] void CommandMain(const RunPlan& plan, bool under_init) {
  ChildFailure f;
  // The command starts with a clean mask and default dispositions.
  SetSignals(kResetSignals, std::size(kResetSignals), SIG_DFL);
  sigset_t none;
  sigemptyset(&none);
  sigprocmask(SIG_SETMASK, &none, nullptr);
  if (!under_init) {
    if (prctl(PR_SET_PDEATHSIG, SIGKILL, 0, 0, 0) != 0 ||
        getppid() != plan.parent) {
      ChildReport(plan, Report::kSetup, {"prctl(PR_SET_PDEATHSIG)", "", errno});
    }
    for (int i = 0; i < 3; ++i) {
      if (plan.stdio[i] >= 0 && dup2(plan.stdio[i], i) < 0) {
        ChildReport(plan, Report::kSetup, {"dup2", "", errno});
      }
    }
    if (!CloseInheritedDescriptors(&f)) ChildReport(plan, Report::kSetup, f);
  }
  setpgid(0, 0);
  if (plan.tty_fd >= 0) {
    signal(SIGTTOU, SIG_IGN);
    tcsetpgrp(plan.tty_fd, getpid());
    signal(SIGTTOU, SIG_DFL);
  }
  if (plan.sandbox && !under_init) {
    if (!DropCapabilities(geteuid() == 0, &f)) {
      ChildReport(plan, Report::kSetup, f);
    }
  }
  if (chdir(plan.cwd) != 0) {
    ChildReport(plan, Report::kSetup, {"chdir", plan.cwd, errno});
  }
  if (plan.sandbox) {
    if (prctl(PR_SET_NO_NEW_PRIVS, 1, 0, 0, 0) != 0) {
      ChildReport(plan, Report::kSetup,
                  {"prctl(PR_SET_NO_NEW_PRIVS)", "", errno});
    }
    if (plan.layers.landlock && !ApplyLandlock(plan.landlock, &f)) {
      ChildReport(plan, Report::kSetup, f);
    }
    // Under init the filter is inherited from it.
    if (!under_init && plan.layers.seccomp &&
        !InstallSeccompFilter(plan.seccomp, &f)) {
      ChildReport(plan, Report::kSetup, f);
    }
  }
  execvpe(plan.argv[0], plan.argv.data(), plan.envp);
  ChildReport(plan, Report::kExec, {"execvp", plan.argv[0], errno});
}

struct CommandArgs {
  const RunPlan* plan;
  bool under_init;
};

// Unused in sanitizer builds, which fork instead of clone(CLONE_VM).
[[maybe_unused]] int CommandEntry(void* arg) {
  auto* a = static_cast<const CommandArgs*>(arg);
  CommandMain(*a->plan, a->under_init);
}

#if defined(__SANITIZE_ADDRESS__)
#define WARDEN_SANITIZED 1
#elif defined(__has_feature)
#if __has_feature(address_sanitizer)
#define WARDEN_SANITIZED 1
#endif
#endif

// The command's stack, one per calling thread and kept for the thread's
// lifetime: mapping a fresh one and faulting its pages in costs more than
// the rest of the parent's work (about 0.13 ms per run on a VM whose page
// faults trap to the hypervisor). Reusing it is safe because CLONE_VFORK
// suspends the calling thread until the child has exec'd or exited, after
// which nothing runs on it, and one thread runs one Execute at a time.
class ChildStack {
 public:
  static constexpr size_t kSize = 256 * 1024;
  ~ChildStack() {
    if (base_ != nullptr) munmap(base_, kSize);
  }
  // The top of the stack (it grows down), or nullptr with errno set.
  char* Top() {
    if (base_ == nullptr) {
      void* p = mmap(nullptr, kSize, PROT_READ | PROT_WRITE,
                     MAP_PRIVATE | MAP_ANONYMOUS | MAP_STACK, -1, 0);
      if (p == MAP_FAILED) return nullptr;
      base_ = p;
    }
    return static_cast<char*>(base_) + kSize;
  }

 private:
  void* base_ = nullptr;
};

// This thread's command stack. Its first use registers a thread-local
// destructor, which may allocate: it happens in warden itself, never in a
// child (see SpawnInit).
[[maybe_unused]] char* CommandStackTop() {
  thread_local ChildStack stack;
  return stack.Top();
}

// Like posix_spawn: clone(CLONE_VM | CLONE_VFORK) on `stack_top`, which
// spares copying the page tables (the largest part of fork's cost) and
// suspends the caller until the child has exec'd or exited. The child only
// reads `plan` and issues system calls, so sharing the address space is
// safe. Sanitizer builds use fork semantics instead, whose runtime does not
// expect code running on a foreign stack in its memory: plain fork() in
// warden, a raw clone in init (init is a copy of one thread of a possibly
// multi-threaded warden, so the sanitizer's fork hook could wait forever on
// a lock another thread of warden held).
pid_t VforkCommand(const RunPlan& plan, bool under_init, char* stack_top,
                   int* err) {
  CommandArgs args = {&plan, under_init};
#ifdef WARDEN_SANITIZED
  (void)args;
  (void)stack_top;
  pid_t pid = under_init
                  ? static_cast<pid_t>(syscall(SYS_clone, SIGCHLD, nullptr,
                                               nullptr, nullptr, 0))
                  : fork();
  if (pid == 0) CommandMain(plan, under_init);
#else
  if (stack_top == nullptr) {
    *err = errno;
    return -1;
  }
  pid_t pid =
      clone(CommandEntry, stack_top, CLONE_VM | CLONE_VFORK | SIGCHLD, &args);
#endif
  if (pid < 0) *err = errno;
  return pid;
}

// Signals init waits for: the command's end and stops, and what it passes
// on to the command's process group.
void InitWaitSet(sigset_t* set) {
  sigemptyset(set);
  sigaddset(set, SIGCHLD);
  sigaddset(set, SIGCONT);
  for (int sig : kForwardedSignals) sigaddset(set, sig);
}

// PID 1 of the run. An init ignores signals left at their default action,
// so the command cannot be PID 1 (it would not stop on Ctrl-C); this one
// holds no capabilities once the mount tree is built, is not dumpable, runs
// under the run's seccomp filter, and only waits, forwards and reaps.
[[noreturn]] void InitMain(const RunPlan& plan, char* stack_top) {
  ChildFailure f;
  SetSignals(kResetSignals, std::size(kResetSignals), SIG_DFL);
  signal(SIGTTOU, SIG_IGN);  // tcsetpgrp from the background
  sigset_t wait_set;
  InitWaitSet(&wait_set);
  sigprocmask(SIG_SETMASK, &wait_set, nullptr);
  // Parent gone => the whole run goes (killing init tears down the PID
  // namespace). A parent that died before this prctl is noticed when the
  // events pipe breaks.
  if (prctl(PR_SET_PDEATHSIG, SIGKILL, 0, 0, 0) != 0) {
    ChildReport(plan, Report::kSetup, {"prctl(PR_SET_PDEATHSIG)", "", errno});
  }
  for (int i = 0; i < 3; ++i) {
    if (plan.stdio[i] >= 0 && dup2(plan.stdio[i], i) < 0) {
      ChildReport(plan, Report::kSetup, {"dup2", "", errno});
    }
  }
  if (!CloseInheritedDescriptors(&f) || !EnterNamespaces(plan.namespaces, &f) ||
      !DropCapabilities(true, &f)) {
    ChildReport(plan, Report::kSetup, f);
  }
  if (prctl(PR_SET_DUMPABLE, 0, 0, 0, 0) != 0) {
    ChildReport(plan, Report::kSetup, {"prctl(PR_SET_DUMPABLE)", "", errno});
  }
  if (prctl(PR_SET_NO_NEW_PRIVS, 1, 0, 0, 0) != 0) {
    ChildReport(plan, Report::kSetup,
                {"prctl(PR_SET_NO_NEW_PRIVS)", "", errno});
  }
  if (plan.layers.seccomp && !InstallSeccompFilter(plan.seccomp, &f)) {
    ChildReport(plan, Report::kSetup, f);
  }
  int err = 0;
  pid_t command = VforkCommand(plan, true, stack_top, &err);
  if (command < 0) ChildReport(plan, Report::kSetup, {"clone", "", err});
  // The command has exec'd or failed (vfork): its report, if any, is in the
  // pipe; warden reads it after init is gone.
  close(plan.report_fd);
  setpgid(command, command);

  int command_status = 0;
  for (bool done = false; !done;) {
    siginfo_t info;
    int sig = sigwaitinfo(&wait_set, &info);
    if (sig < 0) continue;
    if (sig == SIGCHLD) {
      int status;
      pid_t pid;
      while ((pid = waitpid(-1, &status, WNOHANG | WUNTRACED)) > 0) {
        if (pid != command) continue;  // an orphan, reaped
        if (WIFSTOPPED(status)) {
          SendEvent(plan, InitEvent::kStopped, status);
        } else {
          command_status = status;
          done = true;
        }
      }
      continue;
    }
    if (sig == SIGCONT && plan.tty_fd >= 0) tcsetpgrp(plan.tty_fd, command);
    if (kill(-command, sig) != 0) kill(command, sig);
  }
  // The command is done: so is everything it left behind.
  kill(-1, SIGKILL);
  while (waitpid(-1, nullptr, 0) > 0 || errno == EINTR) {
  }
  SendEvent(plan, InitEvent::kExited, command_status);
  _exit(0);
}

}  // namespace

pid_t SpawnCommand(const RunPlan& plan, int* err) {
#ifdef WARDEN_SANITIZED
  return VforkCommand(plan, false, nullptr, err);
#else
  return VforkCommand(plan, false, CommandStackTop(), err);
#endif
}

pid_t SpawnInit(const RunPlan& plan, int clone_flags, int* err) {
  // A fork into new namespaces: init gets its own copy of this process's
  // memory (it outlives this call, so it cannot share it), and returns here
  // on that copy's stack, as after fork().
  // Init allocates nothing: the command's stack is mapped here, in warden,
  // and init's copy of memory has it.
#ifdef WARDEN_SANITIZED
  char* stack_top = nullptr;
#else
  char* stack_top = CommandStackTop();
  if (stack_top == nullptr) {
    *err = errno;
    return -1;
  }
#endif
  long pid =
      syscall(SYS_clone, clone_flags | SIGCHLD, nullptr, nullptr, nullptr, 0);
  if (pid == 0) InitMain(plan, stack_top);
  if (pid < 0) *err = errno;
  return static_cast<pid_t>(pid);
}

}  // namespace warden::sandbox
