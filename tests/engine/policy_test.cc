// Matching semantics of the compiled policy (SPEC A3, A5).
#include "engine/rules/policy.h"

#include <gmock/gmock.h>
#include <gtest/gtest.h>

#include <string>
#include <vector>

#include "engine/testing/linear_matcher.h"

namespace warden::engine {
namespace {

using ::testing::ElementsAre;
using Argv = std::vector<std::string>;

RuleSpec Spec(std::vector<PatternToken> pattern, Decision decision,
              std::optional<std::string> justification = std::nullopt) {
  RuleSpec spec;
  spec.pattern = std::move(pattern);
  spec.decision = decision;
  spec.justification = std::move(justification);
  spec.source = {"test.rules", 1, 1};
  return spec;
}

PatternToken L(std::string s) { return PatternToken(std::move(s)); }
PatternToken A(std::vector<std::string> alts) {
  return PatternToken(std::move(alts));
}

Policy Build(PolicyBuilder builder) {
  absl::StatusOr<Policy> policy = std::move(builder).Build();
  EXPECT_TRUE(policy.ok()) << policy.status();
  return *std::move(policy);
}

std::vector<std::vector<std::string>> Prefixes(const Evaluation& e) {
  std::vector<std::vector<std::string>> out;
  for (const RuleMatch& m : e.matches) out.push_back(m.matched_prefix);
  return out;
}

TEST(PolicyTest, PrefixMatchIgnoresTrailingTokens) {
  PolicyBuilder b;
  b.AddPrefixRule(Spec({L("git"), L("push")}, Decision::kForbidden));
  Policy p = Build(std::move(b));
  Evaluation e = p.Check(Argv{"git", "push", "origin", "main"});
  ASSERT_EQ(e.matches.size(), 1u);
  EXPECT_THAT(e.matches[0].matched_prefix, ElementsAre("git", "push"));
  EXPECT_EQ(e.decision, Decision::kForbidden);
  EXPECT_FALSE(e.matches[0].resolved_program.has_value());
}

TEST(PolicyTest, TooShortCommandDoesNotMatch) {
  PolicyBuilder b;
  b.AddPrefixRule(Spec({L("git"), L("push")}, Decision::kForbidden));
  Policy p = Build(std::move(b));
  EXPECT_TRUE(p.Check(Argv{"git"}).matches.empty());
  EXPECT_FALSE(p.Check(Argv{"git"}).decision.has_value());
}

TEST(PolicyTest, EmptyArgvMatchesNothing) {
  PolicyBuilder b;
  b.AddPrefixRule(Spec({L("")}, Decision::kForbidden));
  Policy p = Build(std::move(b));
  EXPECT_TRUE(p.Check(Argv{}).matches.empty());
  // An empty-string token is still a token that can match.
  EXPECT_EQ(p.Check(Argv{""}).matches.size(), 1u);
}

TEST(PolicyTest, LiteralComparisonIsExactAndCaseSensitive) {
  PolicyBuilder b;
  b.AddPrefixRule(Spec({L("rm"), L("*")}, Decision::kForbidden));
  b.AddPrefixRule(Spec({L("echo"), L("a b")}, Decision::kPrompt));
  Policy p = Build(std::move(b));
  EXPECT_TRUE(p.Check(Argv{"rm", "x"}).matches.empty());
  EXPECT_EQ(p.Check(Argv{"rm", "*"}).matches.size(), 1u);
  EXPECT_TRUE(p.Check(Argv{"RM", "*"}).matches.empty());
  EXPECT_TRUE(p.Check(Argv{"echo", "a", "b"}).matches.empty());
  EXPECT_EQ(p.Check(Argv{"echo", "a b"}).decision, Decision::kPrompt);
}

TEST(PolicyTest, AlternativesReportTheCommandsOwnTokens) {
  PolicyBuilder b;
  b.AddPrefixRule(
      Spec({L("git"), A({"push", "fetch"}), L("origin")}, Decision::kPrompt));
  Policy p = Build(std::move(b));
  EXPECT_THAT(Prefixes(p.Check(Argv{"git", "fetch", "origin", "x"})),
              ElementsAre(ElementsAre("git", "fetch", "origin")));
  EXPECT_TRUE(p.Check(Argv{"git", "pull", "origin"}).matches.empty());
}

TEST(PolicyTest, FirstPositionAlternativesMakeOneRulePerProgram) {
  PolicyBuilder b;
  auto [first, count] =
      b.AddPrefixRule(Spec({A({"bash", "zsh"}), L("-c")}, Decision::kPrompt));
  EXPECT_EQ(first, 0u);
  EXPECT_EQ(count, 2u);
  Policy p = Build(std::move(b));
  ASSERT_EQ(p.rules().size(), 2u);
  EXPECT_EQ(p.rules()[0].program(), "bash");
  EXPECT_EQ(p.rules()[1].program(), "zsh");
  EXPECT_EQ(p.rules()[0].call, p.rules()[1].call);
  EXPECT_EQ(p.Check(Argv{"zsh", "-c", "x"}).matches.size(), 1u);
  EXPECT_EQ(p.Check(Argv{"zsh", "-c", "x"}).matches[0].rule->index, 1u);
}

TEST(PolicyTest, AllMatchesInDefinitionOrderWithDuplicates) {
  PolicyBuilder b;
  b.AddPrefixRule(Spec({L("git"), L("push"), L("--force")},
                       Decision::kForbidden, "no force"));
  b.AddPrefixRule(Spec({L("git")}, Decision::kAllow));
  b.AddPrefixRule(Spec({L("git"), L("push")}, Decision::kPrompt));
  b.AddPrefixRule(Spec({L("git")}, Decision::kAllow));  // duplicate
  Policy p = Build(std::move(b));
  Evaluation e = p.Check(Argv{"git", "push", "--force"});
  ASSERT_EQ(e.matches.size(), 4u);
  EXPECT_EQ(e.matches[0].rule->index, 0u);
  EXPECT_EQ(e.matches[1].rule->index, 1u);
  EXPECT_EQ(e.matches[2].rule->index, 2u);
  EXPECT_EQ(e.matches[3].rule->index, 3u);
  EXPECT_THAT(e.matches[0].matched_prefix,
              ElementsAre("git", "push", "--force"));
  EXPECT_THAT(e.matches[1].matched_prefix, ElementsAre("git"));
  EXPECT_EQ(e.matches[0].rule->justification, "no force");
  EXPECT_EQ(e.decision, Decision::kForbidden);
  EXPECT_EQ(
      LinearPolicy(p).Check(Argv{"git", "push", "--force"}).matches.size(), 4u);
}

TEST(PolicyTest, StrictestDecisionWins) {
  PolicyBuilder b;
  b.AddPrefixRule(Spec({L("npm")}, Decision::kAllow));
  b.AddPrefixRule(Spec({L("npm"), L("publish")}, Decision::kPrompt));
  Policy p = Build(std::move(b));
  EXPECT_EQ(p.Check(Argv{"npm", "test"}).decision, Decision::kAllow);
  EXPECT_EQ(p.Check(Argv{"npm", "publish"}).decision, Decision::kPrompt);
}

// --- host executables (SPEC A5) ---------------------------------------------

Policy HostPolicy(std::optional<std::vector<std::string>> git_paths) {
  PolicyBuilder b;
  b.AddPrefixRule(Spec({L("git"), L("status")}, Decision::kAllow));
  b.AddPrefixRule(Spec({L("git"), L("push")}, Decision::kForbidden, "j"));
  if (git_paths) b.SetHostExecutable("git", *git_paths);
  return Build(std::move(b));
}

TEST(HostExecutableResolutionTest, OffByDefault) {
  Policy p = HostPolicy(std::vector<std::string>{"/usr/bin/git"});
  EXPECT_TRUE(p.Check(Argv{"/usr/bin/git", "push"}).matches.empty());
}

TEST(HostExecutableResolutionTest, ListedPathResolves) {
  Policy p = HostPolicy(std::vector<std::string>{"/usr/bin/git"});
  Evaluation e = p.Check(Argv{"/usr/bin/git", "push", "x"}, {true});
  ASSERT_EQ(e.matches.size(), 1u);
  EXPECT_THAT(e.matches[0].matched_prefix, ElementsAre("git", "push"));
  EXPECT_EQ(e.matches[0].resolved_program, "/usr/bin/git");
  EXPECT_EQ(e.decision, Decision::kForbidden);
}

TEST(HostExecutableResolutionTest, UnlistedPathDoesNotResolve) {
  Policy p = HostPolicy(std::vector<std::string>{"/usr/bin/git"});
  EXPECT_TRUE(p.Check(Argv{"/tmp/git", "push"}, {true}).matches.empty());
}

TEST(HostExecutableResolutionTest, EmptyListBlocksAllPaths) {
  Policy p = HostPolicy(std::vector<std::string>{});
  EXPECT_TRUE(p.Check(Argv{"/usr/bin/git", "push"}, {true}).matches.empty());
}

TEST(HostExecutableResolutionTest, NoEntryFallsBackToBasename) {
  Policy p = HostPolicy(std::nullopt);
  Evaluation e = p.Check(Argv{"/opt/x/git", "status"}, {true});
  ASSERT_EQ(e.matches.size(), 1u);
  EXPECT_EQ(e.matches[0].resolved_program, "/opt/x/git");
}

TEST(HostExecutableResolutionTest, RelativePathNeverResolves) {
  Policy p = HostPolicy(std::nullopt);
  EXPECT_TRUE(p.Check(Argv{"./git", "status"}, {true}).matches.empty());
  EXPECT_TRUE(p.Check(Argv{"bin/git", "status"}, {true}).matches.empty());
}

TEST(HostExecutableResolutionTest, PathIsNormalisedLexically) {
  Policy p = HostPolicy(std::vector<std::string>{"/usr/bin/git"});
  Evaluation e = p.Check(Argv{"/usr//bin/./../bin/git", "push"}, {true});
  ASSERT_EQ(e.matches.size(), 1u);
  EXPECT_EQ(e.matches[0].resolved_program, "/usr/bin/git");
}

TEST(HostExecutableResolutionTest, ExactRuleWinsAndSuppressesFallback) {
  PolicyBuilder b;
  b.AddPrefixRule(Spec({L("git"), L("push")}, Decision::kForbidden));
  b.AddPrefixRule(Spec({L("/usr/bin/git")}, Decision::kAllow));
  Policy p = Build(std::move(b));
  Evaluation e = p.Check(Argv{"/usr/bin/git", "push"}, {true});
  ASSERT_EQ(e.matches.size(), 1u);
  EXPECT_EQ(e.decision, Decision::kAllow);
  EXPECT_FALSE(e.matches[0].resolved_program.has_value());
}

TEST(HostExecutableResolutionTest, FallbackOnlyWhenExactFoundNoMatch) {
  // An exact-program rule that exists but does not match does not stop the
  // fallback (Codex: "exact lookup found no matching rule").
  PolicyBuilder b;
  b.AddPrefixRule(Spec({L("git"), L("push")}, Decision::kForbidden));
  b.AddPrefixRule(Spec({L("/usr/bin/git"), L("status")}, Decision::kAllow));
  Policy p = Build(std::move(b));
  Evaluation e = p.Check(Argv{"/usr/bin/git", "push"}, {true});
  ASSERT_EQ(e.matches.size(), 1u);
  EXPECT_EQ(e.decision, Decision::kForbidden);
}

TEST(HostExecutableResolutionTest, RootPathHasNoBasename) {
  PolicyBuilder b;
  b.AddPrefixRule(Spec({L("")}, Decision::kForbidden));
  Policy p = Build(std::move(b));
  EXPECT_TRUE(p.Check(Argv{"/"}, {true}).matches.empty());
}

TEST(HostExecutableResolutionTest, LaterDefinitionReplaces) {
  PolicyBuilder b;
  b.AddPrefixRule(Spec({L("git")}, Decision::kAllow));
  b.SetHostExecutable("git", {"/usr/bin/git"});
  b.SetHostExecutable("git", {"/opt/bin/git"});
  Policy p = Build(std::move(b));
  EXPECT_TRUE(p.Check(Argv{"/usr/bin/git"}, {true}).matches.empty());
  EXPECT_EQ(p.Check(Argv{"/opt/bin/git"}, {true}).matches.size(), 1u);
  EXPECT_THAT(p.host_executables().at("git"), ElementsAre("/opt/bin/git"));
}

TEST(EvaluateRulesTest, MatchesOnlyTheGivenRules) {
  PolicyBuilder b;
  b.AddPrefixRule(Spec({L("git")}, Decision::kAllow));
  b.AddPrefixRule(Spec({A({"ls", "dir"}), L("-l")}, Decision::kPrompt));
  std::span<const PrefixRule> call(b.rules().data() + 1, 2);
  Evaluation e = EvaluateRules(call, {}, Argv{"dir", "-l"}, {});
  ASSERT_EQ(e.matches.size(), 1u);
  EXPECT_EQ(e.matches[0].rule->index, 2u);
  EXPECT_TRUE(EvaluateRules(call, {}, Argv{"git"}, {}).matches.empty());
}

}  // namespace
}  // namespace warden::engine
