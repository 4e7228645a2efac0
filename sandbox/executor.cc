#include "sandbox/executor.h"

#include <errno.h>
#include <fcntl.h>
#include <limits.h>
#include <poll.h>
#include <sched.h>
#include <signal.h>
#include <stdlib.h>
#include <string.h>
#include <sys/mman.h>
#include <sys/prctl.h>
#include <sys/signalfd.h>
#include <sys/syscall.h>
#include <sys/wait.h>
#include <termios.h>
#include <time.h>
#include <unistd.h>

#include <chrono>

#include "absl/strings/str_cat.h"
#include "sandbox/capabilities.h"
#include "sandbox/landlock.h"
#include "sandbox/namespaces.h"
#include "sandbox/placeholders.h"
#include "sandbox/seccomp_filter.h"

extern char** environ;

namespace warden::sandbox {
namespace {

// What the child writes to the status pipe when it does not reach exec.
// The pipe is O_CLOEXEC, so a successful exec shows up as end-of-file.
struct Report {
  enum Kind : int32_t { kSetup = 1, kExec = 2 };
  int32_t kind;
  int32_t err;
  char step[96];
  char path[PATH_MAX];
};

// Everything the child needs, prepared before fork so the child allocates
// nothing.
struct ChildPlan {
  bool sandbox = false;
  Layers layers;
  NamespacePlan namespaces;
  LandlockPlan landlock;
  std::vector<sock_filter> seccomp;
  const char* cwd = nullptr;
  std::vector<char*> argv;
  char** envp = nullptr;
  int report_fd = -1;
  int tty_fd = -1;  // hand the terminal's foreground to the child
  int stdio[3] = {-1, -1, -1};
  pid_t parent = 0;
};

void CopyString(char* dst, size_t size, const char* src) {
  size_t i = 0;
  for (; src != nullptr && src[i] != '\0' && i + 1 < size; ++i) dst[i] = src[i];
  dst[i] = '\0';
}

[[noreturn]] void ChildReport(const ChildPlan& plan, Report::Kind kind,
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

[[noreturn]] void ChildMain(const ChildPlan& plan) {
  ChildFailure f;
  // The parent blocked the forwarded signals; the command starts with a
  // clean mask and default dispositions for them.
  for (int sig : {SIGINT, SIGTERM, SIGHUP, SIGQUIT, SIGPIPE, SIGTSTP, SIGTTIN,
                  SIGTTOU, SIGCHLD}) {
    signal(sig, SIG_DFL);
  }
  sigset_t none;
  sigemptyset(&none);
  sigprocmask(SIG_SETMASK, &none, nullptr);
  if (prctl(PR_SET_PDEATHSIG, SIGKILL, 0, 0, 0) != 0 ||
      getppid() != plan.parent) {
    ChildReport(plan, Report::kSetup, {"prctl(PR_SET_PDEATHSIG)", "", errno});
  }
  for (int i = 0; i < 3; ++i) {
    if (plan.stdio[i] >= 0 && dup2(plan.stdio[i], i) < 0) {
      ChildReport(plan, Report::kSetup, {"dup2", "", errno});
    }
  }
  setpgid(0, 0);
  if (plan.tty_fd >= 0) {
    signal(SIGTTOU, SIG_IGN);
    tcsetpgrp(plan.tty_fd, getpid());
    signal(SIGTTOU, SIG_DFL);
  }
  if (plan.sandbox) {
    if (plan.layers.namespaces && !EnterNamespaces(plan.namespaces, &f)) {
      ChildReport(plan, Report::kSetup, f);
    }
    bool privileged = plan.layers.namespaces || geteuid() == 0;
    if (!DropCapabilities(privileged, &f)) ChildReport(plan, Report::kSetup, f);
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
    if (plan.layers.seccomp && !InstallSeccompFilter(plan.seccomp, &f)) {
      ChildReport(plan, Report::kSetup, f);
    }
  }
  execvpe(plan.argv[0], plan.argv.data(), plan.envp);
  ChildReport(plan, Report::kExec, {"execvp", plan.argv[0], errno});
}

// Unused in sanitizer builds, which fork instead of clone(CLONE_VM).
[[maybe_unused]] int ChildEntry(void* arg) {
  ChildMain(*static_cast<const ChildPlan*>(arg));
}

#if defined(__SANITIZE_ADDRESS__)
#define WARDEN_SANITIZED 1
#elif defined(__has_feature)
#if __has_feature(address_sanitizer)
#define WARDEN_SANITIZED 1
#endif
#endif

// The child's stack, one per calling thread and kept for the thread's
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

// Starts the child like posix_spawn does: clone(CLONE_VM | CLONE_VFORK) on a
// stack of its own, which spares copying this process's page tables (the
// largest part of fork's cost) and suspends this thread until the child has
// exec'd or exited. The child only reads `plan` and issues system calls, so
// sharing the address space is safe. Sanitizer builds use plain fork, whose
// runtime does not expect code running on a foreign stack in its memory.
pid_t SpawnChild(const ChildPlan& plan, int* err) {
#ifdef WARDEN_SANITIZED
  pid_t pid = fork();
  if (pid == 0) ChildMain(plan);
#else
  thread_local ChildStack stack;
  char* top = stack.Top();
  if (top == nullptr) {
    *err = errno;
    return -1;
  }
  pid_t pid = clone(ChildEntry, top, CLONE_VM | CLONE_VFORK | SIGCHLD,
                    const_cast<ChildPlan*>(&plan));
#endif
  if (pid < 0) *err = errno;
  return pid;
}

std::string DescribeReport(const Report& r) {
  std::string where = r.path[0] != '\0' ? absl::StrCat(" ", r.path) : "";
  return absl::StrCat("sandbox set-up failed: ", r.step, where, ": ",
                      strerror(r.err));
}

int64_t NowMs() {
  struct timespec ts;
  clock_gettime(CLOCK_MONOTONIC, &ts);
  return int64_t{ts.tv_sec} * 1000 + ts.tv_nsec / 1000000;
}

ExecResult SetupFailed(std::string message, std::vector<std::string> warnings) {
  ExecResult r;
  r.outcome = Outcome::kSetupFailed;
  r.exit_code = kExitSetupFailed;
  r.message = std::move(message);
  r.warnings = std::move(warnings);
  return r;
}

// Waits for the child, forwarding signals from `sigfd` (or -1) and killing
// the process group at `deadline_ms` (0: none). Returns the wait status, or
// -1 on timeout.
int WaitForChild(pid_t pid, int sigfd, int64_t deadline_ms) {
  int pidfd = static_cast<int>(syscall(SYS_pidfd_open, pid, 0));
  int status = 0;
  siginfo_t info;
  for (;;) {
    info.si_pid = 0;
    if (pidfd < 0 &&
        waitid(P_PID, pid, &info, WEXITED | WNOHANG | WNOWAIT) == 0 &&
        info.si_pid == pid) {
      kill(-pid, SIGKILL);
      while (waitpid(pid, &status, 0) < 0 && errno == EINTR) {
      }
      break;
    }
    int wait_ms = pidfd < 0 ? 10 : -1;
    if (deadline_ms > 0) {
      int64_t left = deadline_ms - NowMs();
      if (left <= 0) {
        kill(-pid, SIGKILL);
        kill(pid, SIGKILL);
        while (waitpid(pid, &status, 0) < 0 && errno == EINTR) {
        }
        if (pidfd >= 0) close(pidfd);
        return -1;
      }
      wait_ms = wait_ms < 0
                    ? static_cast<int>(std::min<int64_t>(left, INT_MAX))
                    : static_cast<int>(std::min<int64_t>(left, wait_ms));
    }
    struct pollfd fds[2] = {{pidfd, POLLIN, 0}, {sigfd, POLLIN, 0}};
    int n = poll(fds, 2, wait_ms);
    if (n < 0 && errno != EINTR) continue;
    if (sigfd >= 0 && (fds[1].revents & POLLIN)) {
      struct signalfd_siginfo forwarded;
      if (read(sigfd, &forwarded, sizeof forwarded) == sizeof forwarded) {
        kill(-pid, static_cast<int>(forwarded.ssi_signo));
      }
    }
    if (pidfd >= 0 && (fds[0].revents & (POLLIN | POLLHUP))) {
      // Kill what the command left running in its process group before
      // reaping it: while the zombie holds the pid, the group id cannot be
      // reused by an unrelated process.
      kill(-pid, SIGKILL);
      while (waitpid(pid, &status, 0) < 0 && errno == EINTR) {
      }
      break;
    }
  }
  if (pidfd >= 0) close(pidfd);
  return status;
}

}  // namespace

bool NeedsNamespaces(const ResolvedProfile& profile) {
  return profile.mode != Mode::kDangerFullAccess;
}

absl::StatusOr<Layers> PlanLayers(const ResolvedProfile& profile,
                                  const KernelSupport& kernel,
                                  std::vector<std::string>* warnings) {
  Layers layers;
  if (profile.mode == Mode::kDangerFullAccess) return layers;
  std::vector<std::string> missing;
  if (kernel.landlock_abi == 0) {
    missing.push_back(absl::StrCat("Landlock: ", kernel.landlock_error,
                                   "; without it the filesystem is not "
                                   "restricted"));
  } else {
    layers.landlock = true;
    if (kernel.landlock_abi < kRequiredLandlockAbi) {
      missing.push_back(absl::StrCat(
          "Landlock truncate control: this kernel has Landlock ABI ",
          kernel.landlock_abi, ", truncate(2) needs ABI ", kRequiredLandlockAbi,
          " (Linux >= 6.2)"));
    }
  }
  if (kernel.seccomp) {
    layers.seccomp = true;
  } else {
    missing.push_back(absl::StrCat("seccomp: ", kernel.seccomp_error,
                                   "; without it network sockets and "
                                   "dangerous system calls are not denied"));
  }
  if (NeedsNamespaces(profile)) {
    if (!kernel.user_namespaces_probed || kernel.user_namespaces) {
      layers.namespaces = true;
    } else {
      missing.push_back(absl::StrCat(
          "namespaces: ", kernel.user_namespaces_error,
          "; without them chmod, chown, utimes and xattrs outside the "
          "writable roots are not denied, and .git, .codex, .agents and "
          ".warden stay writable"));
    }
  }
  if (missing.empty()) return layers;
  if (!profile.best_effort) {
    std::string text = "sandbox unavailable, refusing to run the command: ";
    for (size_t i = 0; i < missing.size(); ++i) {
      absl::StrAppend(&text, i ? "; " : "", missing[i]);
    }
    absl::StrAppend(&text, " (--best-effort runs without the missing layer)");
    return absl::FailedPreconditionError(text);
  }
  for (const auto& m : missing) {
    warnings->push_back(absl::StrCat("best-effort: running without ", m));
  }
  return layers;
}

ExecResult Execute(const Profile& input, const std::vector<std::string>& argv,
                   const ExecOptions& options) {
  if (argv.empty()) return SetupFailed("no command given", {});
  auto resolved = ResolveProfile(input, getenv("TMPDIR"));
  if (!resolved.ok()) {
    return SetupFailed(std::string(resolved.status().message()), {});
  }
  ResolvedProfile& profile = *resolved;
  std::vector<std::string> warnings = profile.warnings;

  const KernelSupport* kernel = options.kernel;
  if (kernel == nullptr) {
    bool probe_userns = profile.best_effort && NeedsNamespaces(profile);
    kernel = &CachedKernelSupport(probe_userns);
  }
  auto layers = PlanLayers(profile, *kernel, &warnings);
  if (!layers.ok()) {
    return SetupFailed(std::string(layers.status().message()), warnings);
  }

  ChildPlan plan;
  plan.sandbox = profile.mode != Mode::kDangerFullAccess;
  plan.layers = *layers;
  Placeholders placeholders;
  if (plan.layers.namespaces) {
    if (auto st = placeholders.Acquire(profile.blocked_paths); !st.ok()) {
      return SetupFailed(absl::StrCat("sandbox set-up failed: ", st.message()),
                         warnings);
    }
    for (const auto& p : placeholders.appeared()) {
      profile.read_only_paths.push_back(p);
    }
    plan.namespaces = PlanNamespaces(profile, placeholders.placeholders());
  }
  if (plan.layers.landlock) {
    plan.landlock = PlanLandlock(profile, kernel->landlock_abi);
  }
  if (plan.layers.seccomp) {
    plan.seccomp = BuildSeccompFilter(profile.allow_network);
  }
  plan.cwd = profile.cwd.c_str();
  for (const auto& arg : argv)
    plan.argv.push_back(const_cast<char*>(arg.c_str()));
  plan.argv.push_back(nullptr);
  plan.envp = options.envp != nullptr ? options.envp : environ;
  plan.parent = getpid();
  plan.stdio[0] = options.stdin_fd;
  plan.stdio[1] = options.stdout_fd;
  plan.stdio[2] = options.stderr_fd;

  int pipe_fds[2];
  if (pipe2(pipe_fds, O_CLOEXEC) != 0) {
    return SetupFailed(
        absl::StrCat("sandbox set-up failed: pipe: ", strerror(errno)),
        warnings);
  }
  plan.report_fd = pipe_fds[1];

  // Terminal hand-over: only when this process group owns the terminal.
  if (options.foreground_terminal && isatty(STDIN_FILENO) &&
      tcgetpgrp(STDIN_FILENO) == getpgrp()) {
    plan.tty_fd = STDIN_FILENO;
  }

  // Block the forwarded signals before fork so none is lost between fork and
  // the signalfd read; the child unblocks them.
  sigset_t forwarded, old_mask;
  sigemptyset(&forwarded);
  for (int sig : {SIGINT, SIGTERM, SIGHUP}) sigaddset(&forwarded, sig);
  int sigfd = -1;
  if (options.forward_signals) {
    pthread_sigmask(SIG_BLOCK, &forwarded, &old_mask);
    sigfd = signalfd(-1, &forwarded, SFD_CLOEXEC);
  }

  int fork_errno = 0;
  pid_t pid = SpawnChild(plan, &fork_errno);
  close(pipe_fds[1]);

  auto restore = [&] {
    if (plan.tty_fd >= 0) {
      // Taking the terminal back from the background needs SIGTTOU blocked.
      sigset_t ttou, saved;
      sigemptyset(&ttou);
      sigaddset(&ttou, SIGTTOU);
      pthread_sigmask(SIG_BLOCK, &ttou, &saved);
      tcsetpgrp(plan.tty_fd, getpgrp());
      pthread_sigmask(SIG_SETMASK, &saved, nullptr);
    }
    if (sigfd >= 0) close(sigfd);
    if (options.forward_signals)
      pthread_sigmask(SIG_SETMASK, &old_mask, nullptr);
    close(pipe_fds[0]);
  };
  if (pid < 0) {
    restore();
    return SetupFailed(
        absl::StrCat("sandbox set-up failed: fork: ", strerror(fork_errno)),
        warnings);
  }
  setpgid(pid, pid);  // also done by the child; whichever runs first wins
  if (plan.tty_fd >= 0) tcsetpgrp(plan.tty_fd, pid);

  // Wait for the exit first and read the report afterwards: one wake-up per
  // run instead of two (exec closing the pipe, then the exit). The timeout
  // therefore also covers a set-up that hangs.
  int64_t deadline =
      input.timeout.count() > 0 ? NowMs() + input.timeout.count() : 0;
  int status = WaitForChild(pid, sigfd, deadline);
  // The child has exited, so a report it wrote is in the pipe already; read
  // without blocking in case another thread's fork still holds the write end.
  fcntl(pipe_fds[0], F_SETFL, O_NONBLOCK);
  Report report;
  size_t got = 0;
  while (got < sizeof report) {
    ssize_t n = read(pipe_fds[0], reinterpret_cast<char*>(&report) + got,
                     sizeof report - got);
    if (n < 0 && errno == EINTR) continue;
    if (n <= 0) break;
    got += static_cast<size_t>(n);
  }
  restore();
  placeholders.Release();

  ExecResult result;
  result.warnings = std::move(warnings);
  if (got == sizeof report && status != -1) {
    if (report.kind == Report::kExec) {
      bool missing = report.err == ENOENT || report.err == ENOTDIR;
      result.outcome = missing ? Outcome::kNotFound : Outcome::kNotExecutable;
      result.exit_code = missing ? kExitNotFound : kExitNotExecutable;
      result.message = missing
                           ? absl::StrCat(argv[0], ": command not found")
                           : absl::StrCat(argv[0], ": ", strerror(report.err));
    } else {
      result.outcome = Outcome::kSetupFailed;
      result.exit_code = kExitSetupFailed;
      result.message = DescribeReport(report);
    }
  } else if (status == -1) {
    result.outcome = Outcome::kTimedOut;
    result.exit_code = kExitTimeout;
    result.message =
        absl::StrCat("timed out after ", input.timeout.count() / 1000.0,
                     "s; killed the command's process group");
  } else if (WIFSIGNALED(status)) {
    result.outcome = Outcome::kSignaled;
    result.exit_code = 128 + WTERMSIG(status);
  } else {
    result.outcome = Outcome::kExited;
    result.exit_code = WEXITSTATUS(status);
  }
  return result;
}

}  // namespace warden::sandbox
