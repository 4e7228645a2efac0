// The processes of a run, on the child side of fork: the run's init (PID 1
// of its PID namespace, when the run has namespaces) and the command. Both
// run between fork and exec of a possibly multi-threaded parent, so they
// only read the plan the parent prepared and issue system calls: no
// allocation, no locks.
//
// A namespaced run:
//   warden ── clone(new user, mount, PID, IPC [, net] namespaces) ──▶ init
//   init: mount tree, capabilities dropped, not dumpable, no_new_privs,
//         seccomp ── vfork ──▶ command: process group, terminal, cwd,
//         Landlock, exec
//   init waits: forwards signals to the command's process group, reaps
//   orphans, reports the command's stops and its end to warden (events
//   pipe), then kills everything left in the namespace and exits. warden
//   reaps init only after the kernel has torn the PID namespace down, so
//   nothing of the run outlives `Execute`.
// Without namespaces (danger-full-access, or best-effort without user
// namespaces) warden vforks the command directly.
#ifndef WARDEN_SANDBOX_RUN_CHILD_H_
#define WARDEN_SANDBOX_RUN_CHILD_H_

#include <limits.h>
#include <linux/filter.h>
#include <signal.h>
#include <sys/types.h>

#include <cstdint>
#include <vector>

#include "sandbox/child_failure.h"
#include "sandbox/executor.h"
#include "sandbox/landlock.h"
#include "sandbox/namespaces.h"

namespace warden::sandbox {

// What a process of the run writes to the report pipe when the command is
// not reached. The pipe is O_CLOEXEC, so a successful exec writes nothing.
struct Report {
  enum Kind : int32_t { kSetup = 1, kExec = 2 };
  int32_t kind;
  int32_t err;
  char step[96];
  char path[PATH_MAX];
};

// What init tells warden on the events pipe.
struct InitEvent {
  enum Kind : int32_t { kStopped = 1, kExited = 2 };
  int32_t kind;
  int32_t status;  // wait status of the command
};

struct RunPlan {
  bool sandbox = false;
  Layers layers;
  NamespacePlan namespaces;
  LandlockPlan landlock;
  std::vector<sock_filter> seccomp;
  const char* cwd = nullptr;
  std::vector<char*> argv;
  char** envp = nullptr;
  int report_fd = -1;
  int event_fd = -1;
  int tty_fd = -1;  // hand the terminal's foreground to the command
  int stdio[3] = {-1, -1, -1};
  pid_t parent = 0;
};

// Signals warden passes on to the run (to init, which passes them on to the
// command's process group).
inline constexpr int kForwardedSignals[] = {SIGINT,  SIGTERM, SIGHUP,  SIGQUIT,
                                            SIGUSR1, SIGUSR2, SIGWINCH};

// Starts the command directly (no namespaces) like posix_spawn does; -1 with
// *err set on failure.
pid_t SpawnCommand(const RunPlan& plan, int* err);

// Starts the run's init in new namespaces (`clone_flags` from
// NamespaceCloneFlags); -1 with *err set on failure.
pid_t SpawnInit(const RunPlan& plan, int clone_flags, int* err);

}  // namespace warden::sandbox

#endif  // WARDEN_SANDBOX_RUN_CHILD_H_
