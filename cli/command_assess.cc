// `warden assess`: the approval requirement for one command (SPEC-runtime
// R1), computed without running anything: skip / needs_approval /
// forbidden, Codex's reason, whether the sandbox may be bypassed and the
// allow rule to propose.
//
//   warden assess [--rules F]... [--approval-policy P] [--sandbox M]
//                 [--sandbox-permissions S] [--prefix-rule JSON_ARRAY]
//                 [--decompose warden|codex] [-c K=V]... [--json] -- CMD...
//
// Exit 0 whatever the requirement; 2 on bad input or rules that do not load.
#include <cstdio>
#include <memory>
#include <optional>
#include <string>
#include <vector>

#include "cli/approval_flags.h"
#include "cli/command.h"
#include "cli/policy_loading.h"
#include "engine/approval/assess.h"
#include "engine/approval/assess_output.h"
#include "engine/json_output.h"

namespace warden::cli {
namespace {

struct AssessFlags {
  std::vector<std::string> rules;
  ApprovalFlags approval;
  bool json = false;
  std::vector<std::string> command;  // words after `--`
};

int Fail(const std::string& message) {
  std::fprintf(stderr, "warden: error: %s\n", message.c_str());
  return kExitUsage;
}

int RunAssess(const AssessFlags& flags, const std::vector<std::string>& argv) {
  std::string error;
  std::optional<engine::approval::AssessSettings> settings =
      ResolveApprovalSettings(flags.approval, &error);
  if (!settings) return Fail(error);
  if (argv.empty()) return Fail("no command given");
  std::optional<engine::Policy> policy = LoadPolicyOrReport(flags.rules);
  if (!policy) return kExitUsage;
  engine::approval::Assessment assessment =
      engine::approval::Assess(*policy, argv, *settings);
  std::string out =
      flags.json ? engine::DumpJson(engine::approval::AssessJson(assessment),
                                    /*pretty=*/false) +
                       "\n"
                 : engine::approval::AssessText(assessment);
  std::fwrite(out.data(), 1, out.size(), stdout);
  return kExitOk;
}

const bool registered = RegisterCommand({
    .name = "assess",
    .order = 12,
    .attach =
        [](CLI::App& root, int* exit_code) {
          auto flags = std::make_shared<AssessFlags>();
          auto* sub = root.add_subcommand(
              "assess",
              "Decide skip / needs_approval / forbidden for a command, as "
              "Codex's approval pipeline would");
          sub->add_option("--rules", flags->rules,
                          "A .rules file or a directory of them (repeatable; "
                          "none: an empty policy)")
              ->allow_extra_args(false);
          AddApprovalFlags(sub, &flags->approval, /*with_assess_only=*/true);
          sub->add_flag("--json", flags->json,
                        "Print {\"requirement\",\"reason\",\"bypassSandbox\","
                        "\"proposedAmendment\",\"decision\",\"matchedRules\","
                        "\"knownSafe\",\"dangerous\",\"parts\"}");
          sub->add_option("command", flags->command,
                          "The command (after `--`)");
          sub->footer(
              "Runs nothing. The first line is `<requirement>: <reason>`, or "
              "the heuristic row\n(H1..H7) that decided an unmatched "
              "command; then each part with the rule or\nrow that decided "
              "it, the sandbox bypass and the proposed allow rule.\n\n"
              "Examples:\n"
              "  warden assess -- cargo build\n"
              "  warden assess --approval-policy untrusted --sandbox "
              "read-only --json -- cargo build\n"
              "  warden assess --rules examples/default.rules -- bash -lc "
              "'git status && rm -rf build'\n"
              "  warden assess --sandbox-permissions require-escalated "
              "--prefix-rule '[\"npm\",\"test\"]' -- npm test\n"
              "  warden assess --decompose codex --json -- bash -lc 'ls && "
              "pwd'");
          sub->callback([flags, exit_code] {
            *exit_code =
                RunAssess(*flags, CommandSeparatorSeen() ? CommandWords()
                                                         : flags->command);
          });
        },
});

}  // namespace
}  // namespace warden::cli
