// `warden exec`: runs a command inside the sandbox and passes its exit status
// through (SPEC-sandbox.md: 124 timeout, 125 set-up failed, 126 not
// executable, 127 not found, 128+N killed by signal N).
#include <chrono>
#include <cmath>
#include <cstdio>
#include <cstdlib>
#include <string>
#include <vector>

#include "cli/command.h"
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
  std::vector<std::string> command;
};

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
  profile.timeout = std::chrono::milliseconds(
      static_cast<int64_t>(std::ceil(flags.timeout_seconds * 1000)));

  sandbox::ExecOptions options;
  options.forward_signals = true;
  options.foreground_terminal = true;
  // Diagnostic hook: behave as on a kernel without the listed layers (it can
  // only take layers away, so it never weakens a run without --best-effort).
  sandbox::KernelSupport pretend;
  if (const char* missing = std::getenv("WARDEN_SANDBOX_PRETEND_MISSING")) {
    pretend = sandbox::ProbeKernel(flags.best_effort);
    sandbox::PretendMissing(missing, &pretend);
    options.kernel = &pretend;
  }
  sandbox::ExecResult result =
      sandbox::Execute(profile, flags.command, options);
  for (const auto& warning : result.warnings) {
    std::fprintf(stderr, "warden: warning: %s\n", warning.c_str());
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
                        "Do not make /tmp and $TMPDIR writable");
          sub->add_option("--timeout", flags->timeout_seconds,
                          "Kill the command's process group after SECONDS "
                          "(exit status 124)")
              ->check(CLI::PositiveNumber);
          sub->add_flag("--best-effort", flags->best_effort,
                        "Run even if a kernel layer is missing, saying what "
                        "is missing");
          sub->add_option("command", flags->command,
                          "The command and its arguments, after --");
          sub->footer(
              "Exit status: the command's, 128+N if killed by signal N, 124 "
              "on timeout, 125 if the sandbox could not be set up, 126 if "
              "the command is not executable, 127 if not found.\n"
              "Example: warden exec --sandbox read-only -- git status");
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
