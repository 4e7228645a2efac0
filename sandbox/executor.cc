#include "sandbox/executor.h"

#include <errno.h>
#include <fcntl.h>
#include <limits.h>
#include <poll.h>
#include <sched.h>
#include <signal.h>
#include <stdio.h>
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
#include "sandbox/host_sockets.h"
#include "sandbox/landlock.h"
#include "sandbox/namespaces.h"
#include "sandbox/placeholders.h"
#include "sandbox/private_tmp.h"
#include "sandbox/run_child.h"
#include "sandbox/seccomp_filter.h"

extern char** environ;

namespace warden::sandbox {
namespace {

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

// The host pty the command starts on (the first of stdin, stdout, stderr
// that is one), for the run's devpts instance to show it by name.
void SetOwnTerminal(const int stdio[3], NamespacePlan* plan) {
  for (int i = 0; i < 3; ++i) {
    int fd = stdio[i] >= 0 ? stdio[i] : i;
    char name[64];
    unsigned n = 0;
    if (isatty(fd) && ttyname_r(fd, name, sizeof name) == 0 &&
        sscanf(name, "/dev/pts/%u", &n) == 1) {
      plan->own_pts = static_cast<int>(n);
      plan->own_pts_path = name;
      return;
    }
  }
}

// How a run ended, as seen from warden.
struct Waited {
  int status = 0;  // wait status of the child warden started
  bool timed_out = false;
  // Namespaced runs: the command's own wait status, reported by init.
  bool command_ended = false;
  int command_status = 0;
};

// Makes warden's process group the terminal's foreground again; from the
// background that needs SIGTTOU blocked.
void TakeTerminalBack(int tty_fd) {
  sigset_t ttou, saved;
  sigemptyset(&ttou);
  sigaddset(&ttou, SIGTTOU);
  pthread_sigmask(SIG_BLOCK, &ttou, &saved);
  tcsetpgrp(tty_fd, getpgrp());
  pthread_sigmask(SIG_SETMASK, &saved, nullptr);
}

// Takes the terminal back while the command is stopped and stops warden
// itself, as the command's job: the user's shell then sees a stopped job and
// gets its terminal back. When warden is continued, so is the command (init
// hands it the terminal again). Without a terminal a stop is left alone: the
// command stays stopped until someone continues it (SIGCONT reaches init
// with warden's process group).
void StopWithCommand(pid_t init, int tty_fd) {
  if (tty_fd < 0) return;
  TakeTerminalBack(tty_fd);
  // Returns once warden is continued, or at once when its process group is
  // orphaned (nobody could continue it; POSIX discards the stop).
  raise(SIGTSTP);
  kill(init, SIGCONT);
}

// Waits for the child `pid`, forwarding signals from `sigfd` (or -1),
// reading init's events from `event_fd` (or -1), and killing the run at
// `deadline_ms` (0: none). `whole_group` kills and signals the child's
// process group (a run without init); with init, killing init tears the
// PID namespace down.
Waited WaitForChild(pid_t pid, bool whole_group, int sigfd, int event_fd,
                    int tty_fd, int64_t deadline_ms) {
  Waited w;
  int pidfd = static_cast<int>(syscall(SYS_pidfd_open, pid, 0));
  auto kill_run = [&](int sig) {
    if (whole_group) kill(-pid, sig);
    kill(pid, sig);
  };
  auto reap = [&] {
    while (waitpid(pid, &w.status, 0) < 0 && errno == EINTR) {
    }
  };
  auto read_events = [&] {
    InitEvent e;
    while (event_fd >= 0 && read(event_fd, &e, sizeof e) == sizeof e) {
      if (e.kind == InitEvent::kExited) {
        w.command_ended = true;
        w.command_status = e.status;
      } else if (e.kind == InitEvent::kStopped) {
        StopWithCommand(pid, tty_fd);
      }
    }
  };
  for (;;) {
    siginfo_t info;
    info.si_pid = 0;
    if (pidfd < 0 &&
        waitid(P_PID, pid, &info, WEXITED | WNOHANG | WNOWAIT) == 0 &&
        info.si_pid == pid) {
      if (whole_group) kill(-pid, SIGKILL);
      reap();
      break;
    }
    int wait_ms = pidfd < 0 ? 10 : -1;
    if (deadline_ms > 0) {
      int64_t left = deadline_ms - NowMs();
      if (left <= 0) {
        kill_run(SIGKILL);
        reap();
        w.timed_out = true;
        break;
      }
      wait_ms = wait_ms < 0
                    ? static_cast<int>(std::min<int64_t>(left, INT_MAX))
                    : static_cast<int>(std::min<int64_t>(left, wait_ms));
    }
    struct pollfd fds[3] = {
        {pidfd, POLLIN, 0}, {sigfd, POLLIN, 0}, {event_fd, POLLIN, 0}};
    int n = poll(fds, 3, wait_ms);
    if (n < 0) continue;
    if (sigfd >= 0 && (fds[1].revents & POLLIN)) {
      struct signalfd_siginfo forwarded;
      if (read(sigfd, &forwarded, sizeof forwarded) == sizeof forwarded) {
        kill_run(static_cast<int>(forwarded.ssi_signo));
      }
    }
    if (fds[2].revents & POLLIN) read_events();
    if (pidfd >= 0 && (fds[0].revents & (POLLIN | POLLHUP))) {
      // Kill what the command left running in its process group before
      // reaping it: while the zombie holds the pid, the group id cannot be
      // reused by an unrelated process. (With init, the kernel has already
      // killed the rest of the namespace.)
      if (whole_group) kill(-pid, SIGKILL);
      reap();
      break;
    }
  }
  read_events();  // init's last event is in the pipe before it exits
  if (pidfd >= 0) close(pidfd);
  return w;
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
          "; without them the run is not contained (processes may outlive "
          "it, host IPC and Unix sockets stay reachable) and protected "
          "paths such as .git stay writable"));
    }
  }
  // Landlock: below ABI 3 (or absent), namespaces and seccomp hold the
  // boundary on their own, as bubblewrap's does (a read-only mount tree but
  // for the writable roots); say which layer is missing, or refuse when the
  // profile requires it.
  std::string landlock_gap;
  if (kernel.landlock_abi == 0) {
    landlock_gap = absl::StrCat("Landlock: ", kernel.landlock_error);
  } else {
    layers.landlock = true;
    if (kernel.landlock_abi < kRequiredLandlockAbi) {
      landlock_gap = absl::StrCat(
          "Landlock truncate control: this kernel has Landlock ABI ",
          kernel.landlock_abi, ", truncate(2) needs ABI ", kRequiredLandlockAbi,
          " (Linux >= 6.2)");
    }
  }
  if (!landlock_gap.empty()) {
    if (profile.require_landlock || !layers.namespaces || !layers.seccomp) {
      missing.push_back(absl::StrCat(
          landlock_gap, "; without it the filesystem is not restricted",
          profile.require_landlock ? " (--require-landlock)" : ""));
    } else {
      warnings->push_back(absl::StrCat(
          "notice: running without ", landlock_gap,
          "; the namespaces (read-only mount tree but for the writable "
          "roots) and seccomp hold the boundary"));
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
  auto resolved = ResolveProfile(input);
  if (!resolved.ok()) {
    return SetupFailed(std::string(resolved.status().message()), {});
  }
  ResolvedProfile& profile = *resolved;
  std::vector<std::string> warnings = profile.warnings;

  const KernelSupport* kernel = options.kernel;
  if (kernel == nullptr) {
    // User namespaces are probed (a fork) only when the plan depends on
    // knowing in advance: best-effort runs, and kernels whose Landlock
    // leaves the boundary to the namespaces.
    bool probe_userns =
        NeedsNamespaces(profile) &&
        (profile.best_effort ||
         CachedKernelSupport(false).landlock_abi < kRequiredLandlockAbi);
    kernel = &CachedKernelSupport(probe_userns);
  }
  auto layers = PlanLayers(profile, *kernel, &warnings);
  if (!layers.ok()) {
    return SetupFailed(std::string(layers.status().message()), warnings);
  }

  RunPlan plan;
  plan.sandbox = profile.mode != Mode::kDangerFullAccess;
  plan.layers = *layers;
  Placeholders placeholders;
  if (plan.layers.namespaces) {
    auto private_tmp = EnsurePrivateTmp("/tmp", geteuid());
    if (!private_tmp.ok()) {
      return SetupFailed(absl::StrCat("sandbox set-up failed: ",
                                      private_tmp.status().message()),
                         warnings);
    }
    if (auto st = placeholders.Acquire(profile.blocked_paths); !st.ok()) {
      return SetupFailed(absl::StrCat("sandbox set-up failed: ", st.message()),
                         warnings);
    }
    for (const auto& p : placeholders.appeared()) {
      profile.read_only_paths.push_back(p);
    }
    plan.namespaces =
        PlanNamespaces(profile, placeholders.placeholders(), *private_tmp,
                       ListeningUnixSockets(),
                       CoveredSocketDirectories(getenv("XDG_RUNTIME_DIR")));
    int stdio[3] = {options.stdin_fd, options.stdout_fd, options.stderr_fd};
    SetOwnTerminal(stdio, &plan.namespaces);
    profile.private_mounts = true;
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

  int report_pipe[2];
  if (pipe2(report_pipe, O_CLOEXEC) != 0) {
    return SetupFailed(
        absl::StrCat("sandbox set-up failed: pipe: ", strerror(errno)),
        warnings);
  }
  plan.report_fd = report_pipe[1];
  int event_pipe[2] = {-1, -1};
  if (plan.layers.namespaces &&
      pipe2(event_pipe, O_CLOEXEC | O_NONBLOCK) != 0) {
    int err = errno;
    close(report_pipe[0]);
    close(report_pipe[1]);
    return SetupFailed(
        absl::StrCat("sandbox set-up failed: pipe: ", strerror(err)), warnings);
  }
  plan.event_fd = event_pipe[1];

  // Terminal hand-over: only when this process group owns the terminal.
  if (options.foreground_terminal && isatty(STDIN_FILENO) &&
      tcgetpgrp(STDIN_FILENO) == getpgrp()) {
    plan.tty_fd = STDIN_FILENO;
  }

  // Block the forwarded signals before fork so none is lost between fork and
  // the signalfd read; the child unblocks them.
  sigset_t forwarded, old_mask;
  sigemptyset(&forwarded);
  for (int sig : kForwardedSignals) sigaddset(&forwarded, sig);
  int sigfd = -1;
  if (options.forward_signals) {
    pthread_sigmask(SIG_BLOCK, &forwarded, &old_mask);
    sigfd = signalfd(-1, &forwarded, SFD_CLOEXEC);
  }

  int fork_errno = 0;
  pid_t pid = plan.layers.namespaces
                  ? SpawnInit(plan, NamespaceCloneFlags(profile.allow_network),
                              &fork_errno)
                  : SpawnCommand(plan, &fork_errno);
  close(report_pipe[1]);
  if (event_pipe[1] >= 0) close(event_pipe[1]);

  auto restore = [&] {
    if (plan.tty_fd >= 0) TakeTerminalBack(plan.tty_fd);
    if (sigfd >= 0) close(sigfd);
    if (options.forward_signals)
      pthread_sigmask(SIG_SETMASK, &old_mask, nullptr);
    close(report_pipe[0]);
    if (event_pipe[0] >= 0) close(event_pipe[0]);
  };
  if (pid < 0) {
    restore();
    return SetupFailed(
        absl::StrCat("sandbox set-up failed: ",
                     plan.layers.namespaces
                         ? "clone(user, mount, PID, IPC namespaces)"
                         : "fork",
                     ": ", strerror(fork_errno)),
        warnings);
  }
  bool with_init = plan.layers.namespaces;
  if (!with_init) {
    setpgid(pid, pid);  // also done by the child; whichever runs first wins
    if (plan.tty_fd >= 0) tcsetpgrp(plan.tty_fd, pid);
  }

  // Wait for the exit first and read the report afterwards: one wake-up per
  // run instead of two (exec closing the pipe, then the exit). The timeout
  // therefore also covers a set-up that hangs.
  int64_t deadline =
      input.timeout.count() > 0 ? NowMs() + input.timeout.count() : 0;
  Waited waited = WaitForChild(pid, !with_init, sigfd, event_pipe[0],
                               plan.tty_fd, deadline);
  // The run is over, so a report it wrote is in the pipe already; read
  // without blocking in case another thread's fork still holds the write end.
  fcntl(report_pipe[0], F_SETFL, O_NONBLOCK);
  Report report;
  size_t got = 0;
  while (got < sizeof report) {
    ssize_t n = read(report_pipe[0], reinterpret_cast<char*>(&report) + got,
                     sizeof report - got);
    if (n < 0 && errno == EINTR) continue;
    if (n <= 0) break;
    got += static_cast<size_t>(n);
  }
  restore();
  // Only now: no process of the run is left to act on the workspace.
  placeholders.Release();

  ExecResult result;
  result.warnings = std::move(warnings);
  int status = with_init ? waited.command_status : waited.status;
  if (got == sizeof report && !waited.timed_out) {
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
  } else if (waited.timed_out) {
    result.outcome = Outcome::kTimedOut;
    result.exit_code = kExitTimeout;
    result.message =
        absl::StrCat("timed out after ", input.timeout.count() / 1000.0,
                     "s; killed every process of the run");
  } else if (with_init && !waited.command_ended) {
    // Init died without reporting: killed from outside (it cannot be from
    // inside the run), or a set-up step crashed.
    result.outcome = Outcome::kSetupFailed;
    result.exit_code = kExitSetupFailed;
    result.message = absl::StrCat(
        "sandbox init ended unexpectedly (",
        WIFSIGNALED(waited.status)
            ? absl::StrCat("killed by signal ", WTERMSIG(waited.status))
            : absl::StrCat("exit status ", WEXITSTATUS(waited.status)),
        "); the run was stopped");
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
