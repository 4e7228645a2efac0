// The executor: forks, puts the child into a profile (user + mount namespace
// for protected paths, capabilities dropped, no_new_privs, Landlock, seccomp,
// in that order) and execs the command; the parent forwards signals, enforces
// the timeout on the whole process group and maps the outcome to an exit
// status (SPEC-sandbox.md). A set-up step that fails ends the child before
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
  bool namespaces = false;  // user + mount namespace for protected paths
};

// Chooses the layers for `profile` on `kernel`. A required layer that is
// missing is an error naming it and why, unless the profile is best-effort:
// then the layer is skipped and `warnings` says what is missing.
absl::StatusOr<Layers> PlanLayers(const ResolvedProfile& profile,
                                  const KernelSupport& kernel,
                                  std::vector<std::string>* warnings);

// Whether `profile` needs the namespace layer at all (read-only mode and
// workspaces without protected entries do not).
bool NeedsNamespaces(const ResolvedProfile& profile);

struct ExecOptions {
  // Forward SIGINT, SIGTERM and SIGHUP received by the calling thread to the
  // command's process group (the CLI sets this; it blocks those signals in
  // the calling thread while the command runs).
  bool forward_signals = false;
  // Hand the controlling terminal's foreground to the command when stdin is
  // a terminal this process group owns, so interactive commands can read it.
  bool foreground_terminal = false;
  // Kernel support to plan against; nullptr probes (cached per process).
  const KernelSupport* kernel = nullptr;
  // Environment of the command; nullptr passes this process's environment.
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
// every failure is an ExecResult. The command runs in a process group of its
// own; when it exits (or times out) whatever it left running in that group is
// killed too, so nothing outlives the placeholders that protect missing
// names. The child is killed if the calling thread exits (PR_SET_PDEATHSIG).
ExecResult Execute(const Profile& profile, const std::vector<std::string>& argv,
                   const ExecOptions& options = {});

}  // namespace warden::sandbox

#endif  // WARDEN_SANDBOX_EXECUTOR_H_
