// `warden show`: what rules files compile to — every prefix rule (after
// first-token alternatives are expanded), host executables, and the network
// allow/deny lists.
//
//   warden show [--json] [--pretty] --rules FILE [--rules FILE]...
#include <cstdio>
#include <cstdlib>
#include <memory>
#include <optional>
#include <string>
#include <vector>

#include "cli/command.h"
#include "cli/policy_loading.h"
#include "engine/json_output.h"
#include "engine/rules/loader.h"
#include "engine/rules/rule.h"

namespace warden::cli {
namespace {

struct ShowFlags {
  std::vector<std::string> rules;
  bool json = false;
  bool pretty = false;
};

std::string ShowText(const engine::Policy& policy) {
  std::string out;
  out += "rules (" + std::to_string(policy.rules().size()) + "):\n";
  for (const engine::PrefixRule& rule : policy.rules()) {
    engine::SourceLocation line_only = rule.source;
    line_only.col = 0;
    std::string decision(engine::DecisionName(rule.decision));
    decision.resize(10, ' ');
    out += "  " + decision + engine::RenderPattern(rule.pattern) + "  [" +
           line_only.ToString() + "]";
    if (rule.justification) out += "  " + *rule.justification;
    out += "\n";
  }
  out += "host executables:\n";
  for (const auto& [name, paths] : policy.host_executables()) {
    out += "  " + name + ":";
    if (paths.empty()) out += " (none: every path blocked)";
    for (const std::string& p : paths) out += " " + p;
    out += "\n";
  }
  out += "network allowed:";
  for (const std::string& h : policy.network().allowed) out += " " + h;
  out += "\nnetwork denied:";
  for (const std::string& h : policy.network().denied) out += " " + h;
  return out + "\n";
}

int RunShow(const ShowFlags& flags) {
  std::optional<engine::Policy> policy = LoadPolicyOrReport(flags.rules);
  if (!policy) return kExitUsage;
  std::string out =
      flags.json
          ? engine::DumpJson(engine::ShowJson(*policy), flags.pretty) + "\n"
          : ShowText(*policy);
  std::fwrite(out.data(), 1, out.size(), stdout);
  return kExitOk;
}

const bool registered = RegisterCommand({
    .name = "show",
    .order = 12,
    .attach =
        [](CLI::App& root, int* exit_code) {
          auto flags = std::make_shared<ShowFlags>();
          auto* sub =
              root.add_subcommand("show", "Show what rules files compile to");
          sub->add_option("--rules", flags->rules,
                          "A .rules file or a directory of them (repeatable)")
              ->required()
              ->allow_extra_args(false);
          sub->add_flag("--json", flags->json,
                        "Print {\"rules\",\"hostExecutables\",\"network\"}");
          sub->add_flag("--pretty", flags->pretty, "Indent the JSON output");
          sub->footer(
              "Examples:\n"
              "  warden show --rules examples/default.rules\n"
              "  warden show --json --rules ~/.codex/rules");
          sub->callback([flags, exit_code] { *exit_code = RunShow(*flags); });
        },
});

}  // namespace
}  // namespace warden::cli
