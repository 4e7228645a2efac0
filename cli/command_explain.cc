// `warden explain`: how a command is decomposed and which rules match each
// part, for people (text) or tools (--json).
//
//   warden explain [--json] [--rules FILE]... [--resolve-host-executables]
//                  [--no-split] [--color WHEN] [--approval-policy P]
//                  [--sandbox M] [--sandbox-permissions S] -- CMD ARGS...
//   warden explain --list-heuristics [--json]
//
// The text form lists each part of the decomposition with the rules that
// matched it (file:line, justification), then the decision and why it is
// that one. Colour (decisions, part kinds) only on a terminal.
#include <cstdio>
#include <cstdlib>
#include <memory>
#include <optional>
#include <string>
#include <vector>

#include "cli/approval_flags.h"
#include "cli/command.h"
#include "cli/policy_loading.h"
#include "cli/system_path_resolver.h"
#include "cli/terminal.h"
#include "engine/approval/assess.h"
#include "engine/approval/assess_output.h"
#include "engine/approval/heuristics.h"
#include "engine/check.h"
#include "engine/json_output.h"
#include "engine/rules/loader.h"
#include "engine/shell/shell_words.h"

namespace warden::cli {
namespace {

struct ExplainFlags {
  std::vector<std::string> rules;
  bool json = false;
  bool resolve = false;
  bool no_split = false;
  ColorMode color = ColorMode::kAuto;
  bool list_heuristics = false;
  ApprovalFlags approval;  // when given: the approval row of each part (R2.3)
  std::vector<std::string> command;  // words after `--`
};

// A decision name padded to `width`, coloured by severity. Padding happens
// before colouring so columns line up either way.
std::string DecisionText(engine::Decision decision, size_t width,
                         const Style& style) {
  std::string name(engine::DecisionName(decision));
  if (name.size() < width) name.resize(width, ' ');
  switch (decision) {
    case engine::Decision::kAllow:
      return style.Green(name);
    case engine::Decision::kPrompt:
      return style.Yellow(name);
    case engine::Decision::kForbidden:
      break;
  }
  return style.BoldRed(name);
}

// Why the command got its decision, in one sentence.
std::string WhyText(const engine::CommandCheck& check, const Style& style) {
  if (!check.decision) {
    return "no rule matched any part, so the policy has no opinion; your "
           "approval settings decide";
  }
  const engine::RuleMatch* strictest = nullptr;
  for (const engine::RuleMatch& m : check.matches) {
    if (strictest == nullptr || m.decision() > strictest->decision()) {
      strictest = &m;
    }
  }
  if (strictest != nullptr && strictest->decision() == *check.decision) {
    std::string rule = engine::ShellJoin(strictest->matched_prefix) + " [" +
                       strictest->rule->source.ToString() + "]";
    if (check.matches.size() == 1) return "the only matching rule: " + rule;
    return "the strictest matching rule wins (forbidden > prompt > allow): " +
           style.Bold(rule);
  }
  if (strictest == nullptr) {
    return "the command cannot be inspected whole (see the notes)";
  }
  // Only allow rules matched, yet the result is prompt: the combination
  // rule (engine/check.h) refuses to allow what it cannot see whole.
  return "every matching rule allows, but allow needs every command part "
         "matched and the whole command inspectable (see the notes)";
}

std::string MatchLine(const engine::RuleMatch& m, const Style& style) {
  std::string line = "      " + DecisionText(m.decision(), 10, style);
  line += engine::ShellJoin(m.matched_prefix);
  if (m.resolved_program) line += "  (resolved " + *m.resolved_program + ")";
  line += "  " + style.Dim("[" + m.rule->source.ToString() + "]");
  if (m.rule->justification) line += "  " + *m.rule->justification;
  return line + "\n";
}

std::string ExplainText(const std::vector<std::string>& argv,
                        const engine::CommandCheck& check, const Style& style) {
  std::string out = style.Bold("command:") + " " + engine::ShellJoin(argv) +
                    "\n" + style.Bold("parts:") + "\n";
  for (const engine::PartCheck& part : check.parts) {
    std::string kind(engine::PartKindName(part.part.kind));
    kind.resize(9, ' ');
    out += "  " + style.Cyan(kind) + engine::ShellJoin(part.part.argv) + "\n";
    if (part.matches.empty())
      out += style.Dim("      (no matching rule)") + "\n";
    for (const engine::RuleMatch& m : part.matches) out += MatchLine(m, style);
  }
  out += style.Bold("complete:") + " " + (check.complete ? "yes" : "no") + "\n";
  for (const std::string& note : check.notes) {
    out += "  " + style.Cyan("note:") + " " + note + "\n";
  }
  out += style.Bold("decision:") + " ";
  out += check.decision ? DecisionText(*check.decision, 0, style)
                        : std::string("none (no rule matched)");
  out += "\n" + style.Bold("why:") + " " + WhyText(check, style);
  return out + "\n";
}

// R2.3: the explanation followed by the approval requirement and, per
// counted part, the rule or R1-A row that decided it (JSON: an "approval"
// object after the explain keys).
std::string WithApproval(const ExplainFlags& flags,
                         const engine::CommandCheck& check,
                         const engine::approval::Assessment& a,
                         std::string text) {
  if (!flags.json) return text + "approval: " + engine::approval::AssessText(a);
  nlohmann::ordered_json json = engine::ExplainJson(check);
  nlohmann::ordered_json approval = nlohmann::ordered_json::object();
  approval["requirement"] =
      std::string(engine::approval::RequirementName(a.requirement));
  approval["reason"] = a.reason ? nlohmann::ordered_json(*a.reason)
                                : nlohmann::ordered_json(nullptr);
  approval["parts"] = engine::approval::PartsJson(a, /*detail=*/true);
  json["approval"] = std::move(approval);
  return engine::DumpJson(json, /*pretty=*/false) + "\n";
}

int RunExplain(const ExplainFlags& flags,
               const std::vector<std::string>& argv) {
  if (flags.list_heuristics) {
    std::string out =
        flags.json
            ? engine::DumpJson(engine::approval::HeuristicsJson(), false) + "\n"
            : engine::approval::HeuristicsText();
    std::fwrite(out.data(), 1, out.size(), stdout);
    return kExitOk;
  }
  std::string error;
  std::optional<engine::approval::AssessSettings> settings =
      ResolveApprovalSettings(flags.approval, &error);
  if (!settings) {
    std::fprintf(stderr, "warden: error: %s\n", error.c_str());
    return kExitUsage;
  }
  if (argv.empty()) {
    std::fputs(
        "warden explain: no command given (usage: warden explain "
        "[--rules FILE] -- CMD ARGS...)\n",
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
      flags.json ? engine::DumpJson(engine::ExplainJson(check),
                                    /*pretty=*/false) +
                       "\n"
                 : ExplainText(argv, check,
                               Style(ShouldUseColor(flags.color, stdout)));
  if (AnyApprovalFlag(flags.approval)) {
    out = WithApproval(flags, check,
                       engine::approval::Assess(*policy, argv, *settings),
                       std::move(out));
  }
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
          AddColorOption(sub, &flags->color);
          sub->add_flag("--list-heuristics", flags->list_heuristics,
                        "Print the known-safe and dangerous tables (R2) "
                        "instead of explaining a command");
          AddApprovalFlags(sub, &flags->approval, /*with_assess_only=*/false);
          // The command: the words after `--` (see CommandWords()), or
          // plain words without `--`.
          sub->add_option("command", flags->command,
                          "The command (after `--`)");
          sub->footer(
              "The text form lists every part of the command (wrapper, "
              "command or the inner\ncommand of a runner) with each rule "
              "that matched it, its file:line and\njustification, then the "
              "decision and why.\n\n"
              "Examples:\n"
              "  warden explain -- bash -lc 'git status && rm -rf x'\n"
              "  warden explain --rules examples/default.rules -- bash -lc "
              "'git status && rm -rf build'\n"
              "  warden explain --rules examples/default.rules --json -- "
              "timeout 5 git push\n"
              "  warden explain --approval-policy untrusted -- find . -name "
              "x\n"
              "  warden explain --list-heuristics --json");
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
