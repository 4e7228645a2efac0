// The approval decision (SPEC-runtime R1): given a command, the rules, the
// approval policy and the sandbox mode, whether the command runs without
// asking (skip), after asking (needs_approval) or not at all (forbidden),
// with Codex's reason texts (codex-rs/core/src/exec_policy.rs), whether it
// may bypass the sandbox, and the allow rule to propose.
//
// Pipeline: parts (R1.1) -> part decisions (R1.2: strictest counted rule
// match, else the first applicable R1-A row H1..H7) -> the command's
// decision (strictest part) -> requirement rows Q0..Q6 (R1.3) -> proposed
// amendment (R1.4). Pure: reads only the Policy and the settings.
#ifndef WARDEN_ENGINE_APPROVAL_ASSESS_H_
#define WARDEN_ENGINE_APPROVAL_ASSESS_H_

#include <optional>
#include <span>
#include <string>
#include <string_view>
#include <vector>

#include "engine/check.h"
#include "engine/rules/decision.h"
#include "engine/rules/policy.h"
#include "engine/shell/path_resolver.h"

namespace warden::engine::approval {

enum class PolicyKind { kUntrusted, kOnRequest, kOnFailure, kNever, kGranular };

struct ApprovalPolicy {
  PolicyKind kind = PolicyKind::kOnRequest;
  // Granular keys (Codex's others are ignored); both default true.
  bool sandbox_approval = true;
  bool rules = true;
};

enum class SandboxMode {
  kReadOnly,
  kWorkspaceWrite,
  kDangerFullAccess,
  kExternal
};

enum class SandboxPermissions {
  kUseDefault,
  kRequireEscalated,
  kWithAdditionalPermissions,  // decided exactly like kRequireEscalated
};

enum class DecomposeMode { kWarden, kCodex };

struct AssessSettings {
  ApprovalPolicy approval;
  SandboxMode sandbox = SandboxMode::kWorkspaceWrite;
  SandboxPermissions permissions = SandboxPermissions::kUseDefault;
  DecomposeMode decompose = DecomposeMode::kWarden;
  bool known_safe_git = false;
  // The model's proposed rule (--prefix-rule); nullopt when not given.
  std::optional<std::vector<std::string>> prefix_rule;
  // How program paths resolve in warden's decomposition (SPEC B2); with none
  // a shell, wrapper or runner named by a path makes the command incomplete.
  const shell::PathResolver* path_resolver = nullptr;
};

// Parsing of the user-visible spellings. Errors are the complete R1.6
// messages (without the "warden: error: " prefix).
bool ParseApprovalPolicy(std::string_view text, ApprovalPolicy* out,
                         std::string* error);
bool ParseSandboxMode(std::string_view text, SandboxMode* out,
                      std::string* error);
bool ParseSandboxPermissions(std::string_view text, SandboxPermissions* out,
                             std::string* error);
bool ParseDecomposeMode(std::string_view text, DecomposeMode* out,
                        std::string* error);

enum class Requirement { kSkip, kNeedsApproval, kForbidden };
std::string_view RequirementName(Requirement requirement);

// R1-A, Codex's render_decision_for_unmatched_command.
enum class HeuristicRow { kH1 = 1, kH2, kH3, kH4, kH5, kH6, kH7 };
std::string_view HeuristicRowName(HeuristicRow row);     // "H1".."H7"
std::string_view HeuristicRowMeaning(HeuristicRow row);  // one phrase

// How a part takes part in the decision.
enum class PartRole {
  kPlain,    // a command that runs: any match counts, else R1-A
  kOpaque,   // the whole argv of an incomplete command (complex): prompt and
             // forbidden matches count, else R1-A with complex = true
  kOuter,    // a wrapper's outer form: only prompt/forbidden matches
  kVisible,  // a literal command seen inside an incomplete one: prompt and
             // forbidden matches, else H2 only
};

struct AssessedPart {
  std::vector<std::string> command;
  PartRole role = PartRole::kPlain;
  bool complex = false;
  std::vector<RuleMatch> matches;    // the counted ones
  bool has_allow_rule = false;       // a rule allows it (bypass, Q6)
  std::optional<Decision> decision;  // nullopt: the part does not count
  std::optional<HeuristicRow> heuristic;
  std::string detail;  // the rule (file:line) or the heuristic row
};

struct Assessment {
  Requirement requirement = Requirement::kSkip;
  std::optional<std::string> reason;
  std::string_view row;  // "Q0".."Q6"
  bool bypass_sandbox = false;
  std::optional<std::vector<std::string>> proposed_amendment;
  CommandCheck check;  // the rules' view (decision, matchedRules, complete)
  bool known_safe = false;
  bool dangerous = false;
  std::vector<AssessedPart> parts;
  Decision decision = Decision::kAllow;  // strictest part
};

Assessment Assess(const Policy& policy, std::span<const std::string> argv,
                  const AssessSettings& settings);

// R4.4: whether proposing `prefix` as an allow rule is refused. Codex mode
// compares with Codex's list exactly; warden mode reduces token 0 to its
// basename and uses warden's longer list.
bool IsBannedPrefix(std::span<const std::string> prefix, DecomposeMode mode);

}  // namespace warden::engine::approval

#endif  // WARDEN_ENGINE_APPROVAL_ASSESS_H_
