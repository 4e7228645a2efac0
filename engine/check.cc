#include "engine/check.h"

#include <algorithm>

#include "engine/shell/shell_words.h"
#include "engine/str_util.h"

namespace warden::engine {
namespace {

// SPEC B2: a program path stands for its basename's program only when it
// resolves (as the kernel will) to the system's own copy or to a path a
// host_executable declaration lists.
bool TrustedPath(const Policy& policy, const shell::PathResolver* resolver,
                 std::string_view path) {
  // A relative path resolves against whatever directory the command is in
  // by then (`cd d && ./bash -c S`): never vouched for.
  if (resolver == nullptr || !path.starts_with("/")) return false;
  std::optional<std::string> resolved = resolver->Resolve(path);
  if (!resolved) return false;
  size_t slash = path.rfind('/');
  std::string_view name =
      slash == std::string_view::npos ? path : path.substr(slash + 1);
  if (std::optional<std::string> system = resolver->SystemProgram(name);
      system && *system == *resolved) {
    return true;
  }
  auto it = policy.host_executables().find(name);
  if (it == policy.host_executables().end()) return false;
  for (const std::string& listed : it->second) {
    if (resolver->Resolve(listed) == resolved) return true;
  }
  return false;
}

}  // namespace

CommandCheck CheckCommand(const Policy& policy,
                          std::span<const std::string> argv,
                          const CheckOptions& options) {
  CommandCheck result;
  Decomposition decomposition;
  if (options.split) {
    DecomposeOptions decompose_options;
    decompose_options.trusted_path = [&](std::string_view path) {
      return TrustedPath(policy, options.path_resolver, path);
    };
    decomposition = Decompose(argv, decompose_options);
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
    // Host-executable fallback normalises `..` lexically (Codex's rule, kept
    // for --no-split); the decomposing check trusts it only when the path
    // resolves as the kernel will to the system's or a declared copy.
    if (options.split &&
        std::any_of(evaluation.matches.begin(), evaluation.matches.end(),
                    [](const RuleMatch& m) {
                      return m.resolved_program.has_value();
                    }) &&
        !TrustedPath(policy, options.path_resolver, part.argv[0])) {
      result.complete = false;
      result.notes.push_back(Concat(
          {"`", part.argv[0], "` may not be the program its name says"}));
    }
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
