// The executor: starts a run — in every restricted mode a container of
// processes (user, mount, PID, IPC and, unless the network is direct,
// network namespaces, with warden's init as PID 1; see run_child.h) — puts
// the command into the profile (mount tree, capabilities dropped,
// no_new_privs, seccomp, Landlock) and execs it; warden forwards signals,
// enforces the timeout on the whole run and maps the outcome to an exit
// status (SPEC-sandbox.md). A set-up step that fails ends the run before
// exec: the command never runs unsandboxed.
#ifndef WARDEN_SANDBOX_EXECUTOR_H_
#define WARDEN_SANDBOX_EXECUTOR_H_

#include <string>
#include <vector>

#include "absl/status/statusor.h"
#include "sandbox/kernel_probe.h"
#include "sandbox/profile.h"

namespace warden::sandbox {

inline constexpr int kExitTimeout = 124;
inline constexpr int kExitSetupFailed = 125;
inline constexpr int kExitNotExecutable = 126;
inline constexpr int kExitNotFound = 127;

// Which kernel layers a run applies.
struct Layers {
  bool landlock = false;
  bool seccomp = false;
  // User, mount, PID, IPC (and network) namespaces with an init: the run is
  // contained as a whole (SPEC-sandbox "Containment").
  bool namespaces = false;
};

// Chooses the layers for `profile` on `kernel`. A required layer that is
// missing is an error naming it and why, unless the profile is best-effort:
// then the layer is skipped and `warnings` says what is missing.
absl::StatusOr<Layers> PlanLayers(const ResolvedProfile& profile,
                                  const KernelSupport& kernel,
                                  std::vector<std::string>* warnings);

// Whether `profile` needs the namespace layer (every restricted mode).
bool NeedsNamespaces(const ResolvedProfile& profile);

struct ExecOptions {
  // Forward SIGINT, SIGTERM, SIGHUP, SIGQUIT, SIGUSR1, SIGUSR2 and SIGWINCH
  // received by the calling thread to the command's process group (the CLI
  // sets this; it blocks those signals in the calling thread while the
  // command runs).
  bool forward_signals = false;
  // Hand the controlling terminal's foreground to the command when stdin is
  // a terminal this process group owns, so interactive commands can read it.
  bool foreground_terminal = false;
  // Kernel support to plan against; nullptr probes (cached per process).
  const KernelSupport* kernel = nullptr;
  // Environment of the command; nullptr passes this process's environment
  // (front ends build it with BuildEnvironment, environment.h).
  char** envp = nullptr;
  // Descriptors to give the command as stdin/stdout/stderr; -1 inherits.
  int stdin_fd = -1;
  int stdout_fd = -1;
  int stderr_fd = -1;
};

enum class Outcome {
  kExited,
  kSignaled,
  kTimedOut,
  kSetupFailed,
  kNotExecutable,
  kNotFound
};

struct ExecResult {
  Outcome outcome = Outcome::kSetupFailed;
  // The command's status, 128+N for signal N, or 124/125/126/127.
  int exit_code = kExitSetupFailed;
  // Why, for 124-127 (e.g. "sandbox set-up failed: ..."); empty otherwise.
  std::string message;
  // Skipped roots, missing layers in best-effort mode.
  std::vector<std::string> warnings;
};

// Runs argv[0] (looked up in PATH) with `argv` inside `profile`. Never throws;
// every failure is an ExecResult. When it returns, no process of a
// namespaced run exists any more — whatever the command did (setsid, double
// fork, daemonising) — and only then are the placeholders that protect
// missing names released. A run without namespaces (danger-full-access, or
// best-effort without user namespaces) loses only its process group. The run
// is killed if the calling thread exits (PR_SET_PDEATHSIG).
ExecResult Execute(const Profile& profile, const std::vector<std::string>& argv,
                   const ExecOptions& options = {});

}  // namespace warden::sandbox

#endif  // WARDEN_SANDBOX_EXECUTOR_H_
