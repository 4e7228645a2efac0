#include "engine/approval/assess.h"

#include <algorithm>
#include <array>
#include <utility>

#include "engine/approval/codex_quote.h"
#include "engine/approval/heuristics.h"
#include "engine/approval/plain_script.h"
#include "engine/approval/shell_script.h"

namespace warden::engine::approval {
namespace {

// Codex's texts (exec_policy.rs and the shell handler).
constexpr std::string_view kNeverReason =
    "approval required by policy, but AskForApproval is set to Never";
constexpr std::string_view kGranularSandboxReason =
    "approval required by policy, but "
    "AskForApproval::Granular.sandbox_approval "
    "is false";
constexpr std::string_view kGranularRulesReason =
    "approval required by policy rule, but AskForApproval::Granular.rules is "
    "false";

struct Spelling {
  std::string_view text;
  int value;
};

constexpr std::array<Spelling, 4> kPolicySpellings = {{
    {"untrusted", static_cast<int>(PolicyKind::kUntrusted)},
    {"on-request", static_cast<int>(PolicyKind::kOnRequest)},
    {"on-failure", static_cast<int>(PolicyKind::kOnFailure)},
    {"never", static_cast<int>(PolicyKind::kNever)},
}};
constexpr std::array<Spelling, 4> kSandboxSpellings = {{
    {"read-only", static_cast<int>(SandboxMode::kReadOnly)},
    {"workspace-write", static_cast<int>(SandboxMode::kWorkspaceWrite)},
    {"danger-full-access", static_cast<int>(SandboxMode::kDangerFullAccess)},
    {"external", static_cast<int>(SandboxMode::kExternal)},
}};
constexpr std::array<Spelling, 3> kPermissionSpellings = {{
    {"use-default", static_cast<int>(SandboxPermissions::kUseDefault)},
    {"require-escalated",
     static_cast<int>(SandboxPermissions::kRequireEscalated)},
    {"with-additional-permissions",
     static_cast<int>(SandboxPermissions::kWithAdditionalPermissions)},
}};
constexpr std::array<Spelling, 2> kDecomposeSpellings = {{
    {"warden", static_cast<int>(DecomposeMode::kWarden)},
    {"codex", static_cast<int>(DecomposeMode::kCodex)},
}};
// Codex's granular keys that warden reads; the rest are accepted and ignored.
constexpr std::array<std::string_view, 3> kIgnoredGranularKeys = {
    "skill_approval", "request_permissions", "mcp_elicitations"};

template <size_t N>
bool ParseSpelling(const std::array<Spelling, N>& table, std::string_view flag,
                   std::string_view expected, std::string_view text, int* out,
                   std::string* error) {
  for (const Spelling& s : table) {
    if (s.text == text) {
      *out = s.value;
      return true;
    }
  }
  *error = "invalid value for " + std::string(flag) + ": `" +
           std::string(text) + "` (expected " + std::string(expected) + ")";
  return false;
}

// R4.4. Codex's list (BANNED_PREFIX_SUGGESTIONS), compared exactly in codex
// mode; in warden mode token 0 is reduced to its basename first, so the
// absolute-path rows are covered by the bare ones, and warden's additions
// apply too.
const std::vector<std::vector<std::string_view>>& CodexBannedPrefixes() {
  static const auto* list = new std::vector<std::vector<std::string_view>>{
      {"python3"},
      {"python3", "-"},
      {"python3", "-c"},
      {"python"},
      {"python", "-"},
      {"python", "-c"},
      {"py"},
      {"py", "-3"},
      {"pythonw"},
      {"pyw"},
      {"pypy"},
      {"pypy3"},
      {"git"},
      {"bash"},
      {"bash", "-lc"},
      {"sh"},
      {"sh", "-c"},
      {"sh", "-lc"},
      {"zsh"},
      {"zsh", "-lc"},
      {"/bin/zsh"},
      {"/bin/zsh", "-lc"},
      {"/bin/bash"},
      {"/bin/bash", "-lc"},
      {"pwsh"},
      {"pwsh", "-Command"},
      {"pwsh", "-c"},
      {"powershell"},
      {"powershell", "-Command"},
      {"powershell", "-c"},
      {"powershell.exe"},
      {"powershell.exe", "-Command"},
      {"powershell.exe", "-c"},
      {"env"},
      {"sudo"},
      {"node"},
      {"node", "-e"},
      {"perl"},
      {"perl", "-e"},
      {"ruby"},
      {"ruby", "-e"},
      {"php"},
      {"php", "-r"},
      {"lua"},
      {"lua", "-e"},
      {"osascript"}};
  return *list;
}
const std::vector<std::vector<std::string_view>>& WardenExtraBannedPrefixes() {
  static const auto* list = new std::vector<std::vector<std::string_view>>{
      {"bash", "-c"}, {"zsh", "-c"}, {"dash"},         {"dash", "-c"},
      {"ksh"},        {"ksh", "-c"}, {"fish"},         {"fish", "-c"},
      {"busybox"},    {"doas"},      {"su"},           {"pkexec"},
      {"xargs"},      {"npx"},       {"python", "-m"}, {"python3", "-m"}};
  return *list;
}

bool SameTokens(std::span<const std::string> a,
                const std::vector<std::string_view>& b) {
  return a.size() == b.size() && std::equal(a.begin(), a.end(), b.begin());
}

struct Context {
  const Policy& policy;
  const AssessSettings& settings;
  HeuristicOptions heuristics;
};

bool Escalated(const AssessSettings& s) {
  return s.permissions != SandboxPermissions::kUseDefault;
}

// R1-A for an unmatched part.
std::pair<HeuristicRow, Decision> UnmatchedRow(
    const Context& ctx, std::span<const std::string> argv, bool complex,
    std::string* detail) {
  const AssessSettings& s = ctx.settings;
  PolicyKind p = s.approval.kind;
  if (!complex && p == PolicyKind::kUntrusted) {
    if (std::optional<std::string> why =
            KnownSafeDetail(argv, ctx.heuristics)) {
      *detail = *why;
      return {HeuristicRow::kH1, Decision::kAllow};
    }
  }
  if (std::optional<std::string> why = DangerousDetail(argv)) {
    *detail = *why;
    return {HeuristicRow::kH2,
            p == PolicyKind::kNever ? Decision::kForbidden : Decision::kPrompt};
  }
  auto row = [&](HeuristicRow r, Decision d) {
    *detail = std::string(HeuristicRowMeaning(r));
    return std::make_pair(r, d);
  };
  if (p == PolicyKind::kNever || p == PolicyKind::kOnFailure) {
    return row(HeuristicRow::kH3, Decision::kAllow);
  }
  if (p == PolicyKind::kUntrusted)
    return row(HeuristicRow::kH4, Decision::kPrompt);
  if (s.sandbox == SandboxMode::kDangerFullAccess ||
      s.sandbox == SandboxMode::kExternal) {
    return row(HeuristicRow::kH5, Decision::kAllow);
  }
  if (Escalated(s)) return row(HeuristicRow::kH6, Decision::kPrompt);
  return row(HeuristicRow::kH7, Decision::kAllow);
}

std::string RuleDetail(const RuleMatch& m) {
  return "rule `" + CodexShellJoin(m.matched_prefix) + "` at " +
         m.rule->source.ToString();
}

// Fills decision/heuristic/detail of a part from its counted matches.
void DecidePart(const Context& ctx, AssessedPart* part) {
  const RuleMatch* strictest = nullptr;
  for (const RuleMatch& m : part->matches) {
    if (m.decision() == Decision::kAllow) part->has_allow_rule = true;
    if (strictest == nullptr || m.decision() > strictest->decision()) {
      strictest = &m;
    }
  }
  if (strictest != nullptr) {
    part->decision = strictest->decision();
    part->detail = RuleDetail(*strictest);
    return;
  }
  switch (part->role) {
    case PartRole::kPlain:
    case PartRole::kOpaque: {
      auto [row, decision] =
          UnmatchedRow(ctx, part->command, part->complex, &part->detail);
      part->heuristic = row;
      part->decision = decision;
      return;
    }
    case PartRole::kVisible:
      if (std::optional<std::string> why = DangerousDetail(part->command)) {
        part->heuristic = HeuristicRow::kH2;
        part->decision = ctx.settings.approval.kind == PolicyKind::kNever
                             ? Decision::kForbidden
                             : Decision::kPrompt;
        part->detail = *why;
      }
      return;
    case PartRole::kOuter:
      return;
  }
}

std::vector<RuleMatch> WithoutAllow(std::vector<RuleMatch> matches) {
  std::erase_if(matches, [](const RuleMatch& m) {
    return m.decision() == Decision::kAllow;
  });
  return matches;
}

// Codex's parts: the plain split of `bash|zsh|sh -c|-lc`, else the heredoc
// single-command fallback (complex), else the whole argv.
void CodexParts(const Context& ctx, std::span<const std::string> argv,
                Assessment* out) {
  std::vector<Argv> commands;
  bool complex = false;
  std::optional<std::string_view> script = ShellScriptOf(argv);
  std::optional<PlainScript> plain;
  if (script) plain = ReadPlainScript(*script, /*literal_patterns=*/true);
  if (plain && !plain->commands.empty()) {
    commands = std::move(plain->commands);
    // Codex judges an escaped word by its text (`-de\lete`) while the shell
    // runs its value (`-delete`): such parts are complex here (never
    // known-safe, no amendment), a deliberate deviation from Codex.
    complex = plain->escaped;
  } else if (std::optional<Argv> heredoc =
                 script ? HeredocCommand(*script) : std::nullopt) {
    commands.push_back(std::move(*heredoc));
    complex = true;
  } else {
    commands.emplace_back(argv.begin(), argv.end());
  }
  MatchOptions match_options{.resolve_host_executables = true};
  for (Argv& command : commands) {
    AssessedPart part;
    part.matches = ctx.policy.Check(command, match_options).matches;
    part.command = std::move(command);
    part.complex = complex;
    PartCheck check;
    check.part.argv = part.command;
    check.matches = part.matches;
    for (const RuleMatch& m : part.matches) {
      out->check.matches.push_back(m);
      out->check.decision = std::max(
          out->check.decision.value_or(Decision::kAllow), m.decision());
    }
    out->check.parts.push_back(std::move(check));
    out->parts.push_back(std::move(part));
  }
}

// Warden's parts (R1.1) from B1's decomposition.
void WardenParts(const Context& ctx, std::span<const std::string> argv,
                 Assessment* out) {
  out->check = CheckCommand(ctx.policy, argv,
                            {.resolve_host_executables = true,
                             .split = true,
                             .path_resolver = ctx.settings.path_resolver});
  const CommandCheck& check = out->check;
  if (check.complete) {
    for (const PartCheck& pc : check.parts) {
      AssessedPart part;
      part.command = pc.part.argv;
      switch (pc.part.kind) {
        case PartKind::kCommand:
          part.role = PartRole::kPlain;
          part.matches = pc.matches;
          break;
        case PartKind::kWrapper:
          part.role = PartRole::kOuter;
          part.matches = WithoutAllow(pc.matches);
          break;
        case PartKind::kInner:
          part.role = PartRole::kVisible;
          part.matches = WithoutAllow(pc.matches);
          break;
      }
      out->parts.push_back(std::move(part));
    }
    return;
  }
  // Incomplete: one opaque part for the whole argv, then every part B1 could
  // still see, counting only through prompt/forbidden (and H2).
  AssessedPart opaque;
  opaque.command.assign(argv.begin(), argv.end());
  opaque.role = PartRole::kOpaque;
  opaque.complex = true;
  bool whole_seen = false;
  for (const PartCheck& pc : check.parts) {
    // B1 may list the whole argv itself (as the command and as a wrapper's
    // outer form): that is the opaque part, counted once.
    if (std::equal(pc.part.argv.begin(), pc.part.argv.end(), argv.begin(),
                   argv.end())) {
      if (!whole_seen) opaque.matches = WithoutAllow(pc.matches);
      whole_seen = true;
      continue;
    }
    AssessedPart part;
    part.command = pc.part.argv;
    part.role = PartRole::kVisible;
    part.matches = WithoutAllow(pc.matches);
    out->parts.push_back(std::move(part));
  }
  if (!whole_seen) {
    opaque.matches = WithoutAllow(
        ctx.policy.Check(argv, {.resolve_host_executables = true}).matches);
  }
  out->parts.insert(out->parts.begin(), std::move(opaque));
}

// The longest matched prefix with `decision`; on a tie the later one, as
// Rust's max_by_key.
const RuleMatch* LongestMatch(const Assessment& a, Decision decision) {
  const RuleMatch* best = nullptr;
  for (const AssessedPart& part : a.parts) {
    for (const RuleMatch& m : part.matches) {
      if (m.decision() != decision) continue;
      if (best == nullptr ||
          m.matched_prefix.size() >= best->matched_prefix.size()) {
        best = &m;
      }
    }
  }
  return best;
}

bool StartsWith(std::span<const std::string> argv,
                std::span<const std::string> prefix) {
  return prefix.size() <= argv.size() &&
         std::equal(prefix.begin(), prefix.end(), argv.begin());
}

std::optional<std::vector<std::string>> ProposeAmendment(const Context& ctx,
                                                         const Assessment& a,
                                                         bool prompt_is_rule) {
  if (a.requirement == Requirement::kForbidden) return std::nullopt;
  for (const AssessedPart& part : a.parts) {
    if (part.complex) return std::nullopt;
  }
  bool any_rule =
      std::any_of(a.parts.begin(), a.parts.end(),
                  [](const AssessedPart& p) { return !p.matches.empty(); });
  auto first_heuristic =
      [&](Decision d) -> std::optional<std::vector<std::string>> {
    for (const AssessedPart& part : a.parts) {
      if (part.heuristic && part.decision == d) return part.command;
    }
    return std::nullopt;
  };
  const AssessSettings& s = ctx.settings;
  if (a.requirement == Requirement::kNeedsApproval) {
    const std::optional<std::vector<std::string>>& prefix = s.prefix_rule;
    if (prefix && !prefix->empty() && !IsBannedPrefix(*prefix, s.decompose) &&
        !any_rule) {
      bool approves_all = std::all_of(
          a.parts.begin(), a.parts.end(), [&](const AssessedPart& part) {
            if (!part.decision || *part.decision == Decision::kAllow)
              return true;
            return part.role == PartRole::kPlain &&
                   StartsWith(part.command, *prefix);
          });
      if (approves_all) return *prefix;
    }
    if (prompt_is_rule) return std::nullopt;
    return first_heuristic(Decision::kPrompt);
  }
  if (any_rule) return std::nullopt;
  return first_heuristic(Decision::kAllow);
}

std::string_view PolicyDebugName(PolicyKind kind) {
  switch (kind) {
    case PolicyKind::kUntrusted:
      return "UnlessTrusted";
    case PolicyKind::kOnFailure:
      return "OnFailure";
    case PolicyKind::kNever:
      return "Never";
    case PolicyKind::kOnRequest:
      return "OnRequest";
    case PolicyKind::kGranular:
      break;
  }
  return "Granular";
}

}  // namespace

bool ParseApprovalPolicy(std::string_view text, ApprovalPolicy* out,
                         std::string* error) {
  constexpr std::string_view kExpected =
      "untrusted, on-request, on-failure, never or granular:KEY=BOOL,...";
  constexpr std::string_view kGranular = "granular:";
  if (!text.starts_with(kGranular)) {
    int kind = 0;
    if (!ParseSpelling(kPolicySpellings, "--approval-policy", kExpected, text,
                       &kind, error)) {
      return false;
    }
    *out = {.kind = static_cast<PolicyKind>(kind)};
    return true;
  }
  ApprovalPolicy policy{.kind = PolicyKind::kGranular};
  std::string_view rest = text.substr(kGranular.size());
  while (!rest.empty()) {
    size_t comma = rest.find(',');
    std::string_view item = rest.substr(0, comma);
    rest = comma == std::string_view::npos ? "" : rest.substr(comma + 1);
    size_t eq = item.find('=');
    std::string_view key = item.substr(0, eq);
    std::string_view value =
        eq == std::string_view::npos ? "" : item.substr(eq + 1);
    bool known =
        key == "sandbox_approval" || key == "rules" ||
        std::find(kIgnoredGranularKeys.begin(), kIgnoredGranularKeys.end(),
                  key) != kIgnoredGranularKeys.end();
    if (!known || (value != "true" && value != "false")) {
      *error = "invalid value for --approval-policy granular key: `" +
               std::string(item) +
               "` (expected sandbox_approval=BOOL or rules=BOOL)";
      return false;
    }
    if (key == "sandbox_approval") policy.sandbox_approval = value == "true";
    if (key == "rules") policy.rules = value == "true";
  }
  *out = policy;
  return true;
}

bool ParseSandboxMode(std::string_view text, SandboxMode* out,
                      std::string* error) {
  int v = 0;
  if (!ParseSpelling(
          kSandboxSpellings, "--sandbox",
          "read-only, workspace-write, danger-full-access or external", text,
          &v, error)) {
    return false;
  }
  *out = static_cast<SandboxMode>(v);
  return true;
}

bool ParseSandboxPermissions(std::string_view text, SandboxPermissions* out,
                             std::string* error) {
  int v = 0;
  if (!ParseSpelling(kPermissionSpellings, "--sandbox-permissions",
                     "use-default, require-escalated or "
                     "with-additional-permissions",
                     text, &v, error)) {
    return false;
  }
  *out = static_cast<SandboxPermissions>(v);
  return true;
}

bool ParseDecomposeMode(std::string_view text, DecomposeMode* out,
                        std::string* error) {
  int v = 0;
  if (!ParseSpelling(kDecomposeSpellings, "--decompose", "warden or codex",
                     text, &v, error)) {
    return false;
  }
  *out = static_cast<DecomposeMode>(v);
  return true;
}

std::string_view RequirementName(Requirement requirement) {
  switch (requirement) {
    case Requirement::kSkip:
      return "skip";
    case Requirement::kNeedsApproval:
      return "needs_approval";
    case Requirement::kForbidden:
      break;
  }
  return "forbidden";
}

std::string_view HeuristicRowName(HeuristicRow row) {
  static constexpr std::array<std::string_view, 7> kNames = {
      "H1", "H2", "H3", "H4", "H5", "H6", "H7"};
  return kNames[static_cast<int>(row) - 1];
}

std::string_view HeuristicRowMeaning(HeuristicRow row) {
  static constexpr std::array<std::string_view, 7> kMeanings = {
      "known-safe, approval policy untrusted",
      "dangerous",
      "approval policy never or on-failure: the sandbox protects",
      "approval policy untrusted: not known-safe",
      "no sandbox (danger-full-access or external)",
      "escalated permissions requested",
      "otherwise: runs in the sandbox",
  };
  return kMeanings[static_cast<int>(row) - 1];
}

bool IsBannedPrefix(std::span<const std::string> prefix, DecomposeMode mode) {
  if (mode == DecomposeMode::kCodex) {
    const auto& list = CodexBannedPrefixes();
    return std::any_of(list.begin(), list.end(),
                       [&](const auto& b) { return SameTokens(prefix, b); });
  }
  if (prefix.empty()) return false;
  std::vector<std::string> reduced(prefix.begin(), prefix.end());
  reduced[0] = std::string(ProgramName(reduced[0]));
  for (const auto* list :
       {&CodexBannedPrefixes(), &WardenExtraBannedPrefixes()}) {
    for (const auto& b : *list) {
      if (SameTokens(reduced, b)) return true;
    }
  }
  return false;
}

Assessment Assess(const Policy& policy, std::span<const std::string> argv,
                  const AssessSettings& settings) {
  Context ctx{policy, settings, {.known_safe_git = settings.known_safe_git}};
  Assessment a;
  a.known_safe = IsKnownSafe(argv, ctx.heuristics);
  a.dangerous = IsDangerous(argv);
  if (settings.decompose == DecomposeMode::kCodex) {
    CodexParts(ctx, argv, &a);
  } else {
    WardenParts(ctx, argv, &a);
  }
  bool any_decision = false;
  for (AssessedPart& part : a.parts) {
    DecidePart(ctx, &part);
    if (part.decision) {
      a.decision =
          any_decision ? std::max(a.decision, *part.decision) : *part.decision;
      any_decision = true;
    }
  }
  bool prompt_is_rule = LongestMatch(a, Decision::kPrompt) != nullptr;
  PolicyKind p = settings.approval.kind;
  bool granular = p == PolicyKind::kGranular;
  std::string command = CodexShellJoin(argv);
  if (Escalated(settings) &&
      (p == PolicyKind::kUntrusted || p == PolicyKind::kOnFailure ||
       p == PolicyKind::kNever)) {
    std::string n(PolicyDebugName(p));
    a.requirement = Requirement::kForbidden;
    a.row = "Q0";
    a.reason = "approval policy is " + n +
               "; reject command — you should not ask for escalated "
               "permissions if the approval policy is " +
               n;
  } else if (a.decision == Decision::kForbidden) {
    a.requirement = Requirement::kForbidden;
    a.row = "Q1";
    const RuleMatch* m = LongestMatch(a, Decision::kForbidden);
    if (m == nullptr) {
      a.reason = "`" + command + "` rejected: blocked by policy";
    } else if (m->rule->justification) {
      a.reason = "`" + command + "` rejected: " + *m->rule->justification;
    } else {
      a.reason = "`" + command +
                 "` rejected: policy forbids commands starting with `" +
                 CodexShellJoin(m->matched_prefix) + "`";
    }
  } else if (a.decision == Decision::kPrompt && p == PolicyKind::kNever) {
    a.requirement = Requirement::kForbidden;
    a.row = "Q2";
    a.reason = std::string(kNeverReason);
  } else if (a.decision == Decision::kPrompt && granular &&
             !settings.approval.rules && prompt_is_rule) {
    a.requirement = Requirement::kForbidden;
    a.row = "Q3";
    a.reason = std::string(kGranularRulesReason);
  } else if (a.decision == Decision::kPrompt && granular &&
             !settings.approval.sandbox_approval && !prompt_is_rule) {
    a.requirement = Requirement::kForbidden;
    a.row = "Q4";
    a.reason = std::string(kGranularSandboxReason);
  } else if (a.decision == Decision::kPrompt) {
    a.requirement = Requirement::kNeedsApproval;
    a.row = "Q5";
    if (const RuleMatch* m = LongestMatch(a, Decision::kPrompt)) {
      a.reason = m->rule->justification
                     ? "`" + command +
                           "` requires approval: " + *m->rule->justification
                     : "`" + command + "` requires approval by policy";
    }
  } else {
    a.requirement = Requirement::kSkip;
    a.row = "Q6";
    bool plain_seen = false;
    a.bypass_sandbox = true;
    for (const AssessedPart& part : a.parts) {
      if (part.role == PartRole::kOpaque) a.bypass_sandbox = false;
      if (part.role != PartRole::kPlain) continue;
      plain_seen = true;
      if (!part.has_allow_rule) a.bypass_sandbox = false;
    }
    if (!plain_seen) a.bypass_sandbox = false;
  }
  a.proposed_amendment = ProposeAmendment(ctx, a, prompt_is_rule);
  if (a.proposed_amendment && settings.decompose == DecomposeMode::kWarden &&
      IsBannedPrefix(*a.proposed_amendment, DecomposeMode::kWarden)) {
    a.proposed_amendment = std::nullopt;
  }
  return a;
}

}  // namespace warden::engine::approval
