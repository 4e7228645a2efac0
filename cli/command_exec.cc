// `warden exec`: runs a command inside the sandbox and passes its exit status
// through (SPEC-sandbox.md: 124 timeout, 125 set-up failed, 126 not
// executable, 127 not found, 128+N killed by signal N).
#include <chrono>
#include <cmath>
#include <cstdio>
#include <cstdlib>
#include <optional>
#include <string>
#include <vector>

#include "absl/status/statusor.h"
#include "cli/command.h"
#include "cli/test_hooks.h"
#include "sandbox/environment.h"
#include "sandbox/executor.h"
#include "sandbox/kernel_probe.h"
#include "sandbox/profile.h"

namespace warden::cli {
namespace {

struct ExecFlags {
  std::string mode = "workspace-write";
  std::string cwd;
  std::vector<std::string> writable_roots;
  bool allow_network = false;
  bool no_tmp = false;
  double timeout_seconds = 0;
  bool best_effort = false;
  bool require_landlock = false;
  std::string env_inherit = "all";
  std::vector<std::string> env_keep;
  std::vector<std::string> env_set;
  std::vector<std::string> command;
};

extern "C" char** environ;

// The command's environment (SPEC-sandbox "Environment"), or an error for a
// malformed --env-set.
absl::StatusOr<std::vector<std::string>> CommandEnvironment(
    const ExecFlags& flags, sandbox::Mode mode) {
  sandbox::EnvironmentPolicy policy;
  auto inherit = sandbox::ParseEnvInherit(flags.env_inherit);
  if (!inherit.ok()) return inherit.status();
  policy.inherit = *inherit;
  policy.keep = flags.env_keep;
  policy.restricted = mode != sandbox::Mode::kDangerFullAccess;
  for (const auto& entry : flags.env_set) {
    size_t eq = entry.find('=');
    if (eq == std::string::npos || eq == 0) {
      return absl::InvalidArgumentError("--env-set expects NAME=VALUE, got \"" +
                                        entry + "\"");
    }
    policy.set[entry.substr(0, eq)] = entry.substr(eq + 1);
  }
  return sandbox::BuildEnvironment(policy, environ);
}

int RunExec(const ExecFlags& flags) {
  auto mode = sandbox::ParseMode(flags.mode);
  if (!mode.ok()) {
    std::fprintf(stderr, "warden: %s\n",
                 std::string(mode.status().message()).c_str());
    return kExitUsage;
  }
  sandbox::Profile profile;
  profile.mode = *mode;
  profile.cwd = flags.cwd;
  profile.writable_roots = flags.writable_roots;
  profile.allow_network = flags.allow_network;
  profile.writable_tmp = !flags.no_tmp;
  profile.best_effort = flags.best_effort;
  profile.require_landlock = flags.require_landlock;
  profile.timeout = std::chrono::milliseconds(
      static_cast<int64_t>(std::ceil(flags.timeout_seconds * 1000)));

  auto environment = CommandEnvironment(flags, *mode);
  if (!environment.ok()) {
    std::fprintf(stderr, "warden: %s\n",
                 std::string(environment.status().message()).c_str());
    return kExitUsage;
  }
  std::vector<char*> envp;
  for (auto& entry : *environment) envp.push_back(entry.data());
  envp.push_back(nullptr);

  sandbox::ExecOptions options;
  options.forward_signals = true;
  options.foreground_terminal = true;
  options.envp = envp.data();
  // Test builds only: behave as on a kernel without some layers.
  std::optional<sandbox::KernelSupport> pretend = KernelTestOverride();
  if (pretend) options.kernel = &*pretend;
  sandbox::ExecResult result =
      sandbox::Execute(profile, flags.command, options);
  for (const auto& warning : result.warnings) {
    // Notices say how the run is sandboxed; warnings say what is weaker.
    bool notice = warning.rfind("notice: ", 0) == 0;
    std::fprintf(stderr, "warden: %s%s\n",
                 notice ? "" : "warning: ", warning.c_str());
  }
  if (!result.message.empty()) {
    std::fprintf(stderr, "warden: %s\n", result.message.c_str());
  }
  return result.exit_code;
}

const bool registered = RegisterCommand({
    .name = "exec",
    .order = 60,
    .attach =
        [](CLI::App& root, int* exit_code) {
          auto flags = std::make_shared<ExecFlags>();
          auto* sub = root.add_subcommand(
              "exec",
              "Run a command inside the sandbox and pass its exit status "
              "through");
          sub->add_option("--sandbox", flags->mode,
                          "read-only | workspace-write (default) | "
                          "danger-full-access")
              ->check(CLI::IsMember(
                  {"read-only", "workspace-write", "danger-full-access"}));
          sub->add_option("--cwd", flags->cwd,
                          "Working directory (default: the current one); "
                          "writable in workspace-write mode");
          sub->add_option("--writable-root", flags->writable_roots,
                          "Another writable directory (repeatable; relative "
                          "to --cwd)")
              ->allow_extra_args(false);
          sub->add_flag("--allow-network", flags->allow_network,
                        "Allow network sockets in workspace-write mode");
          sub->add_flag("--no-tmp", flags->no_tmp,
                        "Keep the run's private /tmp read-only");
          sub->add_option("--timeout", flags->timeout_seconds,
                          "Kill every process of the run after SECONDS "
                          "(exit status 124)")
              ->check(CLI::PositiveNumber);
          sub->add_flag("--best-effort", flags->best_effort,
                        "Run even if a kernel layer is missing, saying what "
                        "is missing");
          sub->add_flag("--require-landlock", flags->require_landlock,
                        "Refuse to run when the kernel's Landlock is missing "
                        "or older than ABI 3 (instead of relying on the "
                        "namespaces and seccomp alone)");
          sub->add_option("--env-inherit", flags->env_inherit,
                          "Which variables of this environment the command "
                          "gets: all (default), core (HOME, LOGNAME, PATH, "
                          "SHELL, USER, USERNAME, TMPDIR, TEMP, TMP) or none; "
                          "names matching *KEY*, *SECRET*, *TOKEN* and, in "
                          "restricted modes, host agent sockets "
                          "(SSH_AUTH_SOCK, DBUS_SESSION_BUS_ADDRESS, ...) are "
                          "dropped")
              ->check(CLI::IsMember({"all", "core", "none"}));
          sub->add_option("--env-keep", flags->env_keep,
                          "Pass this variable through whatever the rules "
                          "above say (repeatable)")
              ->allow_extra_args(false);
          sub->add_option("--env-set", flags->env_set,
                          "Set NAME=VALUE in the command's environment "
                          "(repeatable)")
              ->allow_extra_args(false);
          sub->add_option("command", flags->command,
                          "The command and its arguments, after --");
          sub->footer(
              "Exit status: the command's, 128+N if killed by signal N, 124 "
              "on timeout, 125 if the sandbox could not be set up, 126 if "
              "the command is not executable, 127 if not found.\n"
              "Every process the command starts ends with the run; only "
              "stdin, stdout and stderr pass in; /tmp is your private "
              "directory for runs (kept between runs), TMPDIR=/tmp.\n"
              "Examples:\n"
              "  warden exec --sandbox read-only -- git status\n"
              "  warden exec --timeout 600 -- cargo test\n"
              "  warden exec --env-inherit core --env-keep GOPATH -- go build "
              "./...");
          sub->callback([flags, exit_code] {
            flags->command = CommandLine(flags->command);
            if (flags->command.empty()) {
              std::fprintf(stderr,
                           "warden: exec: no command given (usage: warden "
                           "exec [FLAGS] -- CMD ARGS...)\n");
              *exit_code = kExitUsage;
              return;
            }
            *exit_code = RunExec(*flags);
          });
        },
});

}  // namespace
}  // namespace warden::cli
