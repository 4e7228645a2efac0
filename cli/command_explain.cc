// `warden explain`: how a command is decomposed and which rules match each
// part, for people (text) or tools (--json).
//
//   warden explain [--json] [--rules FILE]... [--resolve-host-executables]
//                  [--no-split] -- CMD ARGS...
#include <cstdio>
#include <cstdlib>
#include <memory>
#include <optional>
#include <string>
#include <vector>

#include "cli/command.h"
#include "cli/policy_loading.h"
#include "engine/check.h"
#include "engine/json_output.h"
#include "engine/loader.h"
#include "engine/shell_words.h"

namespace warden::cli {
namespace {

struct ExplainFlags {
  std::vector<std::string> rules;
  bool json = false;
  bool resolve = false;
  bool no_split = false;
  std::vector<std::string> command;  // words after `--`
};

std::string MatchLine(const engine::RuleMatch& m) {
  std::string line = "      " + std::string(DecisionName(m.decision()));
  line.resize(std::max<size_t>(line.size(), 16), ' ');
  line += engine::ShellJoin(m.matched_prefix);
  if (m.resolved_program) line += "  (resolved " + *m.resolved_program + ")";
  line += "  [" + m.rule->source.ToString() + "]";
  if (m.rule->justification) line += "  " + *m.rule->justification;
  return line + "\n";
}

std::string ExplainText(const std::vector<std::string>& argv,
                        const engine::CommandCheck& check) {
  std::string out = "command: " + engine::ShellJoin(argv) + "\nparts:\n";
  for (const engine::PartCheck& part : check.parts) {
    std::string kind(engine::PartKindName(part.part.kind));
    kind.resize(9, ' ');
    out += "  " + kind + engine::ShellJoin(part.part.argv) + "\n";
    if (part.matches.empty()) out += "      (no matching rule)\n";
    for (const engine::RuleMatch& m : part.matches) out += MatchLine(m);
  }
  out += std::string("complete: ") + (check.complete ? "yes" : "no") + "\n";
  for (const std::string& note : check.notes) out += "  note: " + note + "\n";
  out += "decision: ";
  out += check.decision ? std::string(DecisionName(*check.decision))
                        : std::string("none (no rule matched)");
  return out + "\n";
}

int RunExplain(const ExplainFlags& flags,
               const std::vector<std::string>& argv) {
  if (argv.empty()) {
    std::fputs(
        "warden explain: no command given (usage: warden explain "
        "[--rules FILE] -- CMD ARGS...)\n",
        stderr);
    return kExitUsage;
  }
  std::optional<engine::Policy> policy = LoadPolicyOrReport(flags.rules);
  if (!policy) return kExitUsage;
  engine::CommandCheck check = engine::CheckCommand(
      *policy, argv,
      {.resolve_host_executables = flags.resolve, .split = !flags.no_split});
  std::string out = flags.json ? engine::DumpJson(engine::ExplainJson(check),
                                                  /*pretty=*/false) +
                                     "\n"
                               : ExplainText(argv, check);
  std::fwrite(out.data(), 1, out.size(), stdout);
  return kExitOk;
}

const bool registered = RegisterCommand({
    .name = "explain",
    .order = 11,
    .attach =
        [](CLI::App& root, int* exit_code) {
          auto flags = std::make_shared<ExplainFlags>();
          auto* sub = root.add_subcommand(
              "explain", "Show how a command is decomposed and matched");
          sub->add_option("--rules", flags->rules,
                          "A .rules file or a directory of them (repeatable; "
                          "none: an empty policy)")
              ->allow_extra_args(false);
          sub->add_flag("--json", flags->json,
                        "Print {\"commands\",\"complete\",\"matchedRules\","
                        "\"decision\",\"parts\",\"notes\"}");
          sub->add_flag("--resolve-host-executables", flags->resolve,
                        "Match /abs/path/prog against rules for `prog`");
          sub->add_flag("--no-split", flags->no_split,
                        "Match the argv exactly as given");
          // The command: the words after `--` (see CommandWords()), or
          // plain words without `--`.
          sub->add_option("command", flags->command,
                          "The command (after `--`)");
          sub->footer(
              "Examples:\n"
              "  warden explain -- bash -lc 'git status && rm -rf x'\n"
              "  warden explain --rules examples/default.rules --json -- "
              "timeout 5 git push");
          sub->callback([flags, exit_code] {
            // main.cc keeps the words after `--` away from CLI11.
            *exit_code =
                RunExplain(*flags, CommandSeparatorSeen() ? CommandWords()
                                                          : flags->command);
          });
        },
});

}  // namespace
}  // namespace warden::cli
