// `warden check`: the decision for one command, as JSON (SPEC A8; the same
// shape as `codex execpolicy check`).
//
//   warden check --rules FILE [--rules FILE]... [--pretty]
//                [--resolve-host-executables] [--no-split] -- CMD ARGS...
//
// Exit 0 whatever the decision; 2 on a usage or load error (diagnostics on
// stderr).
#include <cstdio>
#include <cstdlib>
#include <memory>
#include <optional>
#include <string>
#include <vector>

#include "cli/command.h"
#include "cli/policy_loading.h"
#include "cli/system_path_resolver.h"
#include "engine/check.h"
#include "engine/json_output.h"
#include "engine/rules/loader.h"

namespace warden::cli {
namespace {

struct CheckFlags {
  std::vector<std::string> rules;
  bool pretty = false;
  bool resolve = false;
  bool no_split = false;
  std::vector<std::string> command;  // words after `--`
};

int RunCheck(const CheckFlags& flags, const std::vector<std::string>& argv) {
  if (argv.empty()) {
    std::fputs(
        "warden check: no command given (usage: warden check --rules "
        "FILE -- CMD ARGS...)\n",
        stderr);
    return kExitUsage;
  }
  std::optional<engine::Policy> policy = LoadPolicyOrReport(flags.rules);
  if (!policy) return kExitUsage;
  engine::CommandCheck check =
      engine::CheckCommand(*policy, argv,
                           {.resolve_host_executables = flags.resolve,
                            .split = !flags.no_split,
                            .path_resolver = &SystemPathResolver()});
  std::string out =
      engine::DumpJson(engine::CheckJson(check), flags.pretty) + "\n";
  std::fwrite(out.data(), 1, out.size(), stdout);
  return kExitOk;
}

const bool registered = RegisterCommand({
    .name = "check",
    .order = 10,
    .attach =
        [](CLI::App& root, int* exit_code) {
          auto flags = std::make_shared<CheckFlags>();
          auto* sub = root.add_subcommand(
              "check", "Decide allow/prompt/forbidden for a command (JSON)");
          sub->add_option("--rules", flags->rules,
                          "A .rules file or a directory of them (repeatable; "
                          "loaded in order)")
              ->required()
              ->allow_extra_args(false);
          sub->add_flag("--pretty", flags->pretty, "Indent the JSON output");
          sub->add_flag("--resolve-host-executables", flags->resolve,
                        "Match /abs/path/prog against rules for `prog` "
                        "(subject to host_executable)");
          sub->add_flag("--no-split", flags->no_split,
                        "Match the argv exactly as given, without "
                        "decomposing `bash -c` scripts and wrappers");
          // The command: the words after `--` (see CommandWords()), or
          // plain words without `--`.
          sub->add_option("command", flags->command,
                          "The command (after `--`)");
          sub->footer(
              "The command follows `--`. Output: {\"matchedRules\":[...],"
              "\"decision\":...}\n"
              "(no \"decision\" key when nothing matched; \"complete\":false "
              "when part of\nthe command cannot be inspected).\n\n"
              "Examples:\n"
              "  warden check --rules examples/default.rules -- git push "
              "--force\n"
              "  warden check --rules ~/.codex/rules --pretty -- bash -lc "
              "'git status && rm -rf build'\n"
              "  warden check --rules a.rules --rules b.rules --no-split -- "
              "/usr/bin/git status");
          sub->callback([flags, exit_code] {
            // main.cc keeps the words after `--` away from CLI11.
            *exit_code =
                RunCheck(*flags, CommandSeparatorSeen() ? CommandWords()
                                                        : flags->command);
          });
        },
});

}  // namespace
}  // namespace warden::cli
