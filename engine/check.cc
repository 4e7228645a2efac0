#include "engine/check.h"

#include <algorithm>

#include "engine/shell/shell_words.h"
#include "engine/str_util.h"

namespace warden::engine {

CommandCheck CheckCommand(const Policy& policy,
                          std::span<const std::string> argv,
                          const CheckOptions& options) {
  CommandCheck result;
  Decomposition decomposition;
  if (options.split) {
    decomposition = Decompose(argv);
  } else if (!argv.empty()) {
    decomposition.parts.push_back(
        {std::vector<std::string>(argv.begin(), argv.end()), PartKind::kCommand,
         0});
  }
  result.complete = decomposition.complete;
  result.notes = std::move(decomposition.notes);

  MatchOptions match_options{options.resolve_host_executables};
  bool unmatched_command = false;
  for (CommandPart& part : decomposition.parts) {
    PartCheck check;
    Evaluation evaluation = policy.Check(part.argv, match_options);
    for (RuleMatch& match : evaluation.matches) {
      if (part.kind == PartKind::kWrapper &&
          match.decision() == Decision::kAllow) {
        continue;
      }
      check.matches.push_back(std::move(match));
    }
    if (part.runner_cover > 0) {
      check.covered = std::any_of(
          check.matches.begin(), check.matches.end(), [&](const RuleMatch& m) {
            return m.matched_prefix.size() >= part.runner_cover;
          });
      if (!check.covered) {
        result.complete = false;
        result.notes.push_back(
            Concat({"no rule covers `", ShellJoin(part.argv), "` as a whole"}));
      }
    }
    if (part.kind == PartKind::kCommand && check.matches.empty()) {
      unmatched_command = true;
      result.notes.push_back(
          Concat({"no rule matches `", ShellJoin(part.argv), "`"}));
    }
    check.part = std::move(part);
    result.parts.push_back(std::move(check));
  }
  for (const PartCheck& part : result.parts) {
    for (const RuleMatch& match : part.matches) {
      result.matches.push_back(match);
      result.decision = std::max(result.decision.value_or(Decision::kAllow),
                                 match.decision());
    }
  }
  if (result.decision == Decision::kAllow &&
      (!result.complete || unmatched_command)) {
    result.decision = Decision::kPrompt;
  }
  return result;
}

}  // namespace warden::engine
