// The approval decision (SPEC-runtime R1): every R1.7 acceptance case
// verbatim, the R1.3 table of unmatched commands, a sweep of the whole
// decision table (approval policy x sandbox x escalation x rule outcome x
// heuristic x decompose mode) against an oracle written from R1-A and R1.3,
// the amendment rules and bad input.
#include <gmock/gmock.h>
#include <gtest/gtest.h>

#include <string>
#include <vector>

#include "engine/approval/assess.h"
#include "engine/approval/assess_output.h"
#include "engine/approval/codex_quote.h"
#include "engine/json_output.h"
#include "engine/rules/loader.h"

namespace warden::engine::approval {
namespace {

using Argv = std::vector<std::string>;
using ::testing::Optional;

Policy Load(const std::string& text) {
  PolicyLoader loader;
  EXPECT_TRUE(loader.AddSource("t.rules", text));
  std::optional<Policy> policy = std::move(loader).Finish();
  EXPECT_TRUE(policy.has_value());
  return std::move(*policy);
}

ApprovalPolicy P(std::string_view text) {
  ApprovalPolicy p;
  std::string error;
  EXPECT_TRUE(ParseApprovalPolicy(text, &p, &error)) << error;
  return p;
}

AssessSettings S(std::string_view policy, SandboxMode sandbox,
                 bool escalated = false,
                 DecomposeMode mode = DecomposeMode::kWarden) {
  AssessSettings s;
  s.approval = P(policy);
  s.sandbox = sandbox;
  s.permissions = escalated ? SandboxPermissions::kRequireEscalated
                            : SandboxPermissions::kUseDefault;
  s.decompose = mode;
  return s;
}

// The JSON of R1.5 without "parts" (R1.7 leaves it out for brevity).
std::string JsonWithoutParts(const Assessment& a) {
  nlohmann::ordered_json j = AssessJson(a);
  j.erase("parts");
  return DumpJson(j, /*pretty=*/false);
}

constexpr auto kRO = SandboxMode::kReadOnly;
constexpr auto kWW = SandboxMode::kWorkspaceWrite;
constexpr auto kFull = SandboxMode::kDangerFullAccess;
constexpr auto kExt = SandboxMode::kExternal;

// --- R1.7 acceptance, verbatim --------------------------------------------

TEST(AssessAcceptanceTest, Case1ForbiddenRule) {
  Policy policy =
      Load("prefix_rule(pattern=[\"rm\"], decision=\"forbidden\")\n");
  for (DecomposeMode mode : {DecomposeMode::kWarden, DecomposeMode::kCodex}) {
    Assessment a =
        Assess(policy, Argv{"bash", "-lc", "rm -rf /some/important/folder"},
               S("on-request", kFull, false, mode));
    EXPECT_EQ(JsonWithoutParts(a),
              "{\"requirement\":\"forbidden\",\"reason\":\"`bash -lc 'rm -rf "
              "/some/important/folder'` rejected: policy forbids commands "
              "starting with `rm`\",\"proposedAmendment\":null,\"decision\":"
              "\"forbidden\",\"matchedRules\":[{\"prefixRuleMatch\":{"
              "\"matchedPrefix\":[\"rm\"],\"decision\":\"forbidden\"}}],"
              "\"knownSafe\":false,\"dangerous\":true}");
  }
}

TEST(AssessAcceptanceTest, Case2HeuristicAmendments) {
  Policy empty = Load("");
  for (DecomposeMode mode : {DecomposeMode::kWarden, DecomposeMode::kCodex}) {
    Assessment a =
        Assess(empty, Argv{"cargo", "build"}, S("untrusted", kRO, false, mode));
    EXPECT_EQ(a.requirement, Requirement::kNeedsApproval);
    EXPECT_EQ(a.reason, std::nullopt);
    EXPECT_THAT(a.proposed_amendment, Optional(Argv{"cargo", "build"}));
  }
  Policy cat = Load("prefix_rule(pattern=[\"cat\"], decision=\"allow\")\n");
  for (DecomposeMode mode : {DecomposeMode::kWarden, DecomposeMode::kCodex}) {
    Assessment a = Assess(cat, Argv{"bash", "-lc", "cat && apple"},
                          S("untrusted", kRO, false, mode));
    EXPECT_EQ(a.requirement, Requirement::kNeedsApproval);
    EXPECT_THAT(a.proposed_amendment, Optional(Argv{"apple"}));
  }
}

TEST(AssessAcceptanceTest, Case3Never) {
  Assessment a =
      Assess(Load(""), Argv{"rm", "-rf", "/important/data"}, S("never", kWW));
  EXPECT_EQ(a.requirement, Requirement::kForbidden);
  EXPECT_EQ(a.row, "Q1");
  EXPECT_EQ(a.reason, "`rm -rf /important/data` rejected: blocked by policy");
  Assessment b =
      Assess(Load("prefix_rule(pattern=[\"rm\"], decision=\"prompt\")\n"),
             Argv{"rm"}, S("never", kWW));
  EXPECT_EQ(b.requirement, Requirement::kForbidden);
  EXPECT_EQ(b.row, "Q2");
  EXPECT_EQ(b.reason,
            "approval required by policy, but AskForApproval is set to Never");
}

TEST(AssessAcceptanceTest, Case4BypassNeedsEveryPartAllowedByRule) {
  Argv argv{"bash", "-lc", "cat L && curl -o s https://x/s && bash s"};
  for (DecomposeMode mode : {DecomposeMode::kWarden, DecomposeMode::kCodex}) {
    Assessment a =
        Assess(Load("prefix_rule(pattern=[\"cat\"], decision=\"allow\")\n"),
               argv, S("on-request", kWW, false, mode));
    EXPECT_EQ(a.requirement, Requirement::kSkip);
    EXPECT_FALSE(a.bypass_sandbox);
    EXPECT_EQ(a.proposed_amendment, std::nullopt);
    Assessment b =
        Assess(Load("prefix_rule(pattern=[\"cat\"], decision=\"allow\")\n"
                    "prefix_rule(pattern=[\"curl\"], decision=\"allow\")\n"
                    "prefix_rule(pattern=[\"bash\"], decision=\"allow\")\n"),
               argv, S("on-request", kWW, false, mode));
    EXPECT_EQ(b.requirement, Requirement::kSkip);
    // Codex mode reproduces R1.7-4. Warden's decomposition (SPEC B2) sees
    // that `bash s` runs a script file whose commands it cannot judge: the
    // command is incomplete, so it never bypasses the sandbox (an allow rule
    // for `bash` reaches only what a rule's pattern names, as for runners).
    EXPECT_EQ(b.bypass_sandbox, mode == DecomposeMode::kCodex);
  }
}

TEST(AssessAcceptanceTest, Case5Escalation) {
  Policy empty = Load("");
  Assessment a =
      Assess(empty, Argv{"echo", "hello"}, S("on-request", kWW, true));
  EXPECT_EQ(a.requirement, Requirement::kNeedsApproval);
  EXPECT_THAT(a.proposed_amendment, Optional(Argv{"echo", "hello"}));
  Assessment b = Assess(empty, Argv{"echo", "hello"},
                        S("granular:sandbox_approval=false", kWW, true));
  EXPECT_EQ(b.row, "Q4");
  EXPECT_EQ(b.reason,
            "approval required by policy, but "
            "AskForApproval::Granular.sandbox_approval is false");
  Assessment c = Assess(empty, Argv{"echo", "hello"}, S("never", kWW, true));
  EXPECT_EQ(c.row, "Q0");
  EXPECT_EQ(c.reason,
            "approval policy is Never; reject command — you should not ask "
            "for escalated permissions if the approval policy is Never");
}

TEST(AssessAcceptanceTest, Case6HeredocBypassOnlyInCodexMode) {
  Policy policy =
      Load("prefix_rule(pattern=[\"python3\"], decision=\"allow\")\n");
  Argv argv{"bash", "-lc", "python3 <<'PY'\nprint(1)\nPY"};
  Assessment codex =
      Assess(policy, argv, S("on-request", kRO, false, DecomposeMode::kCodex));
  EXPECT_EQ(codex.requirement, Requirement::kSkip);
  EXPECT_TRUE(codex.bypass_sandbox);
  EXPECT_EQ(codex.proposed_amendment, std::nullopt);  // complex
  Assessment warden = Assess(policy, argv, S("on-request", kRO));
  EXPECT_EQ(warden.requirement, Requirement::kSkip);
  EXPECT_FALSE(warden.bypass_sandbox);
}

// --- R1.3's table of unmatched commands ------------------------------------

struct UnmatchedRow {
  Argv argv;
  SandboxMode sandbox;
  bool escalated;
  // untrusted, on-request, on-failure, never, granular sandbox_approval=false
  std::array<std::string_view, 5> expected;
};

TEST(AssessTableTest, UnmatchedCommandsR13) {
  const std::array<std::string_view, 5> policies = {
      "untrusted", "on-request", "on-failure", "never",
      "granular:sandbox_approval=false"};
  const std::vector<UnmatchedRow> rows = {
      {{"ls"}, kWW, false, {"S", "S", "S", "S", "S"}},
      {{"make"}, kWW, false, {"NA", "S", "S", "S", "S"}},
      {{"ls"}, kWW, true, {"F Q0", "NA", "F Q0", "F Q0", "F Q4"}},
      {{"make"}, kRO, true, {"F Q0", "NA", "F Q0", "F Q0", "F Q4"}},
      {{"make"}, kFull, false, {"NA", "S", "S", "S", "S"}},
      {{"rm", "-rf", "x"}, kWW, false, {"NA", "NA", "NA", "F Q1", "F Q4"}},
  };
  Policy empty = Load("");
  for (DecomposeMode mode : {DecomposeMode::kWarden, DecomposeMode::kCodex}) {
    for (const UnmatchedRow& row : rows) {
      for (size_t i = 0; i < policies.size(); ++i) {
        Assessment a = Assess(empty, row.argv,
                              S(policies[i], row.sandbox, row.escalated, mode));
        std::string got;
        switch (a.requirement) {
          case Requirement::kSkip:
            got = "S";
            break;
          case Requirement::kNeedsApproval:
            got = "NA";
            break;
          case Requirement::kForbidden:
            got = "F " + std::string(a.row);
            break;
        }
        EXPECT_EQ(got, row.expected[i])
            << ::testing::PrintToString(row.argv) << " " << policies[i]
            << (row.escalated ? " esc" : "");
      }
    }
  }
}

// --- The whole decision table against an oracle --------------------------

enum class Rule { kNone, kAllow, kPrompt, kForbidden };
enum class Heur { kSafe, kDangerous, kNeither };

struct Expected {
  Requirement requirement;
  std::string_view row;
  bool bypass;
  bool amendment;  // the argv is proposed
};

// R1-A and R1.3 as the spec states them, for one single-part command.
Expected Oracle(PolicyKind p, const ApprovalPolicy& ap, SandboxMode m, bool esc,
                Rule rule, Heur heur) {
  std::optional<Decision> d;
  bool heuristic = rule == Rule::kNone;
  if (rule == Rule::kAllow) d = Decision::kAllow;
  if (rule == Rule::kPrompt) d = Decision::kPrompt;
  if (rule == Rule::kForbidden) d = Decision::kForbidden;
  if (!d) {
    if (heur == Heur::kSafe && p == PolicyKind::kUntrusted) {
      d = Decision::kAllow;  // H1
    } else if (heur == Heur::kDangerous) {
      d = p == PolicyKind::kNever ? Decision::kForbidden : Decision::kPrompt;
    } else if (p == PolicyKind::kNever || p == PolicyKind::kOnFailure) {
      d = Decision::kAllow;
    } else if (p == PolicyKind::kUntrusted) {
      d = Decision::kPrompt;
    } else if (m == kFull || m == kExt) {
      d = Decision::kAllow;
    } else if (esc) {
      d = Decision::kPrompt;
    } else {
      d = Decision::kAllow;
    }
  }
  bool granular = p == PolicyKind::kGranular;
  if (esc && (p == PolicyKind::kUntrusted || p == PolicyKind::kOnFailure ||
              p == PolicyKind::kNever)) {
    return {Requirement::kForbidden, "Q0", false, false};
  }
  if (*d == Decision::kForbidden)
    return {Requirement::kForbidden, "Q1", false, false};
  if (*d == Decision::kPrompt) {
    if (p == PolicyKind::kNever)
      return {Requirement::kForbidden, "Q2", false, false};
    if (granular && !ap.rules && !heuristic) {
      return {Requirement::kForbidden, "Q3", false, false};
    }
    if (granular && !ap.sandbox_approval && heuristic) {
      return {Requirement::kForbidden, "Q4", false, false};
    }
    return {Requirement::kNeedsApproval, "Q5", false, heuristic};
  }
  return {Requirement::kSkip, "Q6", rule == Rule::kAllow, heuristic};
}

TEST(AssessTableTest, WholeDecisionTable) {
  const std::vector<std::string_view> policies = {
      "untrusted",
      "on-request",
      "on-failure",
      "never",
      "granular:sandbox_approval=true,rules=true",
      "granular:sandbox_approval=false,rules=true",
      "granular:sandbox_approval=true,rules=false",
      "granular:sandbox_approval=false,rules=false"};
  const std::vector<std::pair<Rule, std::string>> rules = {
      {Rule::kNone, ""},
      {Rule::kAllow, "allow"},
      {Rule::kPrompt, "prompt"},
      {Rule::kForbidden, "forbidden"}};
  const std::vector<std::pair<Heur, Argv>> commands = {
      {Heur::kSafe, {"ls", "-l"}},
      {Heur::kDangerous, {"rm", "-rf", "x"}},
      {Heur::kNeither, {"make", "all"}}};
  int cases = 0;
  for (const auto& [rule, decision] : rules) {
    std::string text;
    if (rule != Rule::kNone) {
      for (const char* program : {"ls", "rm", "make"}) {
        text += "prefix_rule(pattern=[\"" + std::string(program) +
                "\"], decision=\"" + decision + "\")\n";
      }
    }
    Policy policy = Load(text);
    for (std::string_view ptext : policies) {
      ApprovalPolicy ap = P(ptext);
      for (SandboxMode m : {kRO, kWW, kFull, kExt}) {
        for (bool esc : {false, true}) {
          for (const auto& [heur, argv] : commands) {
            Expected want = Oracle(ap.kind, ap, m, esc, rule, heur);
            for (DecomposeMode mode :
                 {DecomposeMode::kWarden, DecomposeMode::kCodex}) {
              // The bare argv and the same command inside `bash -lc`.
              std::string script;
              for (const std::string& w : argv)
                script += (script.empty() ? "" : " ") + w;
              for (const Argv& form : {argv, Argv{"bash", "-lc", script}}) {
                AssessSettings s = S(ptext, m, esc, mode);
                Assessment a = Assess(policy, form, s);
                std::string where =
                    std::string(ptext) +
                    " sandbox=" + std::to_string(static_cast<int>(m)) +
                    (esc ? " esc " : " ") + decision + " " +
                    ::testing::PrintToString(form) +
                    (mode == DecomposeMode::kCodex ? " codex" : "");
                EXPECT_EQ(a.requirement, want.requirement) << where;
                EXPECT_EQ(a.row, want.row) << where;
                if (want.requirement == Requirement::kSkip) {
                  EXPECT_EQ(a.bypass_sandbox, want.bypass) << where;
                }
                EXPECT_EQ(a.proposed_amendment.has_value(), want.amendment)
                    << where;
                if (a.proposed_amendment) {
                  EXPECT_EQ(*a.proposed_amendment, argv) << where;
                }
                ++cases;
              }
            }
          }
        }
      }
    }
  }
  EXPECT_EQ(cases, 4 * 8 * 4 * 2 * 3 * 2 * 2);
}

// --- Parts and the default mode's differences (R1.1) ----------------------

TEST(AssessPartsTest, WrapperJudgedByInnerCommandInWardenMode) {
  Policy policy =
      Load("prefix_rule(pattern=[\"make\"], decision=\"prompt\")\n");
  Assessment warden =
      Assess(policy, Argv{"timeout", "5", "make"}, S("on-request", kWW));
  EXPECT_EQ(warden.requirement, Requirement::kNeedsApproval);
  EXPECT_EQ(warden.reason, "`timeout 5 make` requires approval by policy");
  Assessment codex = Assess(policy, Argv{"timeout", "5", "make"},
                            S("on-request", kWW, false, DecomposeMode::kCodex));
  EXPECT_EQ(codex.requirement, Requirement::kSkip);  // Codex sees `timeout`
}

TEST(AssessPartsTest, IncompleteCommandIsOneOpaquePart) {
  Policy policy = Load("prefix_rule(pattern=[\"ls\"], decision=\"allow\")\n");
  Assessment a =
      Assess(policy, Argv{"bash", "-lc", "ls $(whoami)"}, S("untrusted", kWW));
  ASSERT_FALSE(a.parts.empty());
  EXPECT_EQ(a.parts[0].role, PartRole::kOpaque);
  EXPECT_TRUE(a.parts[0].complex);
  // The visible `ls` allow does not count; the opaque part is not known-safe
  // material (complex), so untrusted prompts.
  EXPECT_EQ(a.requirement, Requirement::kNeedsApproval);
  EXPECT_EQ(a.proposed_amendment, std::nullopt);
  EXPECT_FALSE(AssessJson(a).at("complete").get<bool>());
}

TEST(AssessPartsTest, VisibleDangerousCommandPrompts) {
  Assessment a = Assess(Load(""), Argv{"bash", "-lc", "echo $(rm -rf x)"},
                        S("on-request", kWW));
  EXPECT_EQ(a.requirement, Requirement::kNeedsApproval);
  EXPECT_TRUE(a.dangerous);
}

TEST(AssessPartsTest, LongestForbiddingMatchAndJustification) {
  Policy policy = Load(
      "prefix_rule(pattern=[\"git\"], decision=\"forbidden\")\n"
      "prefix_rule(pattern=[\"git\", \"push\"], decision=\"forbidden\", "
      "justification=\"use the review tool\")\n");
  Assessment a =
      Assess(policy, Argv{"git", "push", "origin main"}, S("on-request", kWW));
  EXPECT_EQ(a.reason, "`git push 'origin main'` rejected: use the review tool");
}

TEST(AssessPartsTest, GranularRulesFalseRejectsRulePrompt) {
  Policy policy = Load(
      "prefix_rule(pattern=[\"make\"], decision=\"prompt\", "
      "justification=\"slow\")\n");
  Assessment a = Assess(policy, Argv{"make"}, S("granular:rules=false", kWW));
  EXPECT_EQ(a.row, "Q3");
  EXPECT_EQ(a.reason,
            "approval required by policy rule, but "
            "AskForApproval::Granular.rules is false");
  Assessment b = Assess(policy, Argv{"make"}, S("on-request", kWW));
  EXPECT_EQ(b.reason, "`make` requires approval: slow");
}

TEST(AssessPartsTest, CodexModeSplitsGlobWordsAsCodexDoes) {
  Assessment a = Assess(Load(""), Argv{"bash", "-lc", "ls *.txt && make"},
                        S("untrusted", kWW, false, DecomposeMode::kCodex));
  ASSERT_EQ(a.parts.size(), 2u);
  EXPECT_EQ(a.parts[0].command, (Argv{"ls", "*.txt"}));
  EXPECT_EQ(a.parts[0].heuristic, HeuristicRow::kH1);
  EXPECT_THAT(a.proposed_amendment, Optional(Argv{"make"}));
}

// --- Amendments (R1.4) ----------------------------------------------------

TEST(AssessAmendmentTest, PrefixRuleProposed) {
  AssessSettings s = S("untrusted", kWW);
  s.prefix_rule = Argv{"cargo"};
  Assessment a = Assess(Load(""), Argv{"cargo", "build"}, s);
  EXPECT_THAT(a.proposed_amendment, Optional(Argv{"cargo"}));
}

TEST(AssessAmendmentTest, PrefixRuleWithheldWhenItWouldNotApproveAll) {
  AssessSettings s = S("untrusted", kWW);
  s.prefix_rule = Argv{"cargo"};
  Assessment a =
      Assess(Load(""), Argv{"bash", "-lc", "cargo build && make"}, s);
  // Falls back to the first heuristically prompted part.
  EXPECT_THAT(a.proposed_amendment, Optional(Argv{"cargo", "build"}));
}

TEST(AssessAmendmentTest, PrefixRuleWithheldWhenARuleMatched) {
  AssessSettings s = S("untrusted", kWW);
  s.prefix_rule = Argv{"make"};
  Assessment a =
      Assess(Load("prefix_rule(pattern=[\"make\"], decision=\"prompt\")\n"),
             Argv{"make"}, s);
  EXPECT_EQ(a.proposed_amendment, std::nullopt);  // a rule prompted
}

TEST(AssessAmendmentTest, BannedPrefixes) {
  for (DecomposeMode mode : {DecomposeMode::kWarden, DecomposeMode::kCodex}) {
    AssessSettings s = S("untrusted", kWW, false, mode);
    s.prefix_rule = Argv{"python3"};
    Assessment a = Assess(Load(""), Argv{"python3", "x.py"}, s);
    EXPECT_THAT(a.proposed_amendment, Optional(Argv{"python3", "x.py"}));
  }
  // Codex compares exactly; warden reduces token 0 to its basename.
  AssessSettings codex = S("untrusted", kWW, false, DecomposeMode::kCodex);
  codex.prefix_rule = Argv{"/usr/bin/python3"};
  EXPECT_THAT(Assess(Load(""), Argv{"/usr/bin/python3", "x.py"}, codex)
                  .proposed_amendment,
              Optional(Argv{"/usr/bin/python3"}));
  AssessSettings warden = S("untrusted", kWW);
  warden.prefix_rule = Argv{"/usr/bin/python3"};
  EXPECT_THAT(Assess(Load(""), Argv{"/usr/bin/python3", "x.py"}, warden)
                  .proposed_amendment,
              Optional(Argv{"/usr/bin/python3", "x.py"}));
  // A heuristic proposal equal to a banned prefix: null in warden mode only.
  EXPECT_EQ(
      Assess(Load(""), Argv{"git"}, S("untrusted", kWW)).proposed_amendment,
      std::nullopt);
  EXPECT_THAT(Assess(Load(""), Argv{"git"},
                     S("untrusted", kWW, false, DecomposeMode::kCodex))
                  .proposed_amendment,
              Optional(Argv{"git"}));
  EXPECT_TRUE(IsBannedPrefix(Argv{"xargs"}, DecomposeMode::kWarden));
  EXPECT_FALSE(IsBannedPrefix(Argv{"xargs"}, DecomposeMode::kCodex));
  EXPECT_TRUE(IsBannedPrefix(Argv{"/bin/bash", "-lc"}, DecomposeMode::kCodex));
  EXPECT_FALSE(
      IsBannedPrefix(Argv{"/usr/bin/bash", "-lc"}, DecomposeMode::kCodex));
  EXPECT_TRUE(
      IsBannedPrefix(Argv{"/usr/bin/bash", "-lc"}, DecomposeMode::kWarden));
}

TEST(AssessAmendmentTest, SkipProposesFirstHeuristicallyAllowedPart) {
  Assessment a = Assess(Load(""), Argv{"make", "all"}, S("on-request", kWW));
  EXPECT_EQ(a.requirement, Requirement::kSkip);
  EXPECT_FALSE(a.bypass_sandbox);
  EXPECT_THAT(a.proposed_amendment, Optional(Argv{"make", "all"}));
}

// --- Bad input (R1.6) -----------------------------------------------------

TEST(AssessParseTest, BadValues) {
  std::string error;
  ApprovalPolicy p;
  EXPECT_FALSE(ParseApprovalPolicy("x", &p, &error));
  EXPECT_EQ(error,
            "invalid value for --approval-policy: `x` (expected untrusted, "
            "on-request, on-failure, never or granular:KEY=BOOL,...)");
  EXPECT_FALSE(ParseApprovalPolicy("granular:rules=maybe", &p, &error));
  EXPECT_FALSE(ParseApprovalPolicy("granular:bogus=true", &p, &error));
  EXPECT_TRUE(
      ParseApprovalPolicy("granular:mcp_elicitations=false", &p, &error));
  EXPECT_TRUE(p.sandbox_approval && p.rules);
  SandboxMode m;
  EXPECT_FALSE(ParseSandboxMode("full", &m, &error));
  EXPECT_EQ(error,
            "invalid value for --sandbox: `full` (expected read-only, "
            "workspace-write, danger-full-access or external)");
  SandboxPermissions sp;
  EXPECT_TRUE(
      ParseSandboxPermissions("with-additional-permissions", &sp, &error));
  EXPECT_FALSE(ParseSandboxPermissions("escalate", &sp, &error));
}

TEST(AssessParseTest, AdditionalPermissionsDecideLikeEscalation) {
  AssessSettings s = S("on-request", kWW);
  s.permissions = SandboxPermissions::kWithAdditionalPermissions;
  EXPECT_EQ(Assess(Load(""), Argv{"make"}, s).requirement,
            Requirement::kNeedsApproval);
}

TEST(AssessRobustnessTest, HostileInputsGiveAnAnswer) {
  Policy policy =
      Load("prefix_rule(pattern=[\"rm\"], decision=\"forbidden\")\n");
  std::string deep;
  for (int i = 0; i < 200; ++i) deep += "$(";
  const std::vector<Argv> inputs = {
      {},
      {""},
      {"bash", "-lc", ""},
      {"bash", "-lc", "'unterminated"},
      {"bash", "-lc", deep},
      {"bash", "-lc", "cat <<EOF"},
      {"bash", "-lc", "if then fi; rm -f x"},
      {"sudo", "sudo", "sudo"},
      {"bash", "-lc", std::string("rm\0-f", 6)},
  };
  for (DecomposeMode mode : {DecomposeMode::kWarden, DecomposeMode::kCodex}) {
    for (const Argv& argv : inputs) {
      Assessment a = Assess(policy, argv, S("untrusted", kWW, false, mode));
      EXPECT_FALSE(AssessText(a).empty()) << ::testing::PrintToString(argv);
      EXPECT_FALSE(DumpJson(AssessJson(a), false).empty());
    }
  }
}

// Codex renders commands with Rust shlex 1.3's try_join: chunks in the best
// style that can hold them (bare > '...' > "..."), `=`, `,` and `%` are not
// bare, non-ASCII is always quoted, NUL falls back to a plain join.
TEST(AssessJoinTest, CodexShellJoin) {
  EXPECT_EQ(CodexShellJoin(Argv{"a", "b c", "", "x=y,z:1@%+./-"}),
            "a 'b c' '' 'x=y,z:1@%+./-'");
  EXPECT_EQ(CodexShellJoin(Argv{"git", "-C", "/tmp/x]", "log"}),
            "git -C /tmp/x] log");
}

TEST(AssessJoinTest, CodexShellQuoteChunks) {
  EXPECT_EQ(CodexShellQuote("don't"), "\"don't\"");
  EXPECT_EQ(CodexShellQuote("a\\b"), "\"a\\\\b\"");
  EXPECT_EQ(CodexShellQuote("$x'"), "'$x'\"'\"");
  EXPECT_EQ(CodexShellQuote("it's $5"), "\"it's \"'$5'");
  EXPECT_EQ(CodexShellQuote("hi!"), "'hi!'");
  EXPECT_EQ(CodexShellQuote("^x"), "'^x'");
  EXPECT_EQ(CodexShellQuote("a^b"), "a'^b'");
  EXPECT_EQ(CodexShellQuote("caf\xc3\xa9"), "'caf\xc3\xa9'");
  EXPECT_EQ(CodexShellQuote("\"q\""), "'\"q\"'");
  EXPECT_EQ(CodexShellJoin(Argv{"a b", std::string("x\0y", 3)}),
            std::string("a b x\0y", 7));
}

}  // namespace
}  // namespace warden::engine::approval
