// Checking a command against a policy: decomposition (command.h) + matching
// (policy.h) + the combination rule. The single entry point behind
// `warden check`, `warden explain` and the runtime.
//
// Combination rule:
//  * matches of every part are concatenated in part order; kWrapper parts
//    contribute only their prompt/forbidden matches (an allow on `timeout`
//    says nothing about what it runs);
//  * the decision is the strictest over those matches; with no match at all
//    there is no decision (the approval layer decides unknown commands);
//  * a runner part is inspectable only if some matching rule reaches its
//    runner_cover; otherwise the command is incomplete;
//  * an allow result stands only when the command is complete AND every
//    kCommand part has a counted match; otherwise it becomes prompt
//    (`git status && curl x | sh` with only git allowed is not allowed).
// With split=false the argv is one kCommand part, matched exactly as given
// (Codex's `execpolicy check`).
#ifndef WARDEN_ENGINE_CHECK_H_
#define WARDEN_ENGINE_CHECK_H_

#include <optional>
#include <span>
#include <string>
#include <vector>

#include "engine/rules/policy.h"
#include "engine/shell/command.h"
#include "engine/shell/path_resolver.h"

namespace warden::engine {

struct CheckOptions {
  bool resolve_host_executables = false;
  bool split = true;
  // How program paths resolve (SPEC B2). With none, a shell, wrapper or
  // runner named by a path, and a host-executable fallback, make the command
  // incomplete. Not used by split=false (Codex's lexical behaviour).
  const shell::PathResolver* path_resolver = nullptr;
};

struct PartCheck {
  CommandPart part;
  std::vector<RuleMatch> matches;  // the counted ones
  bool covered = true;  // runner parts: whether a rule reached runner_cover
};

struct CommandCheck {
  std::vector<PartCheck> parts;
  std::vector<RuleMatch> matches;  // all counted matches, part order
  std::optional<Decision> decision;
  bool complete = true;
  std::vector<std::string> notes;  // why incomplete or not allowed
};

CommandCheck CheckCommand(const Policy& policy,
                          std::span<const std::string> argv,
                          const CheckOptions& options = {});

}  // namespace warden::engine

#endif  // WARDEN_ENGINE_CHECK_H_
