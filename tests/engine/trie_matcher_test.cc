// The trie must agree exactly with the linear (Codex) matcher, and hostile
// alternative patterns must compile in bounded space or be refused.
#include "engine/rules/trie_matcher.h"

#include <gmock/gmock.h>
#include <gtest/gtest.h>

#include <random>
#include <string>
#include <vector>

#include "engine/rules/policy.h"
#include "engine/testing/linear_matcher.h"

namespace warden::engine {
namespace {

using Argv = std::vector<std::string>;

// A small vocabulary makes overlaps (shared prefixes, alternatives that
// partially coincide with other rules' literals) frequent.
const std::vector<std::string> kVocab = {"git", "a", "b", "c",  "d",
                                         "-f",  "",  "x", "/y", "git "};

std::string Token(std::mt19937& rng) {
  return kVocab[std::uniform_int_distribution<size_t>(0,
                                                      kVocab.size() - 1)(rng)];
}

PatternToken RandomPosition(std::mt19937& rng, int max_alts) {
  int n = std::uniform_int_distribution<int>(1, max_alts)(rng);
  std::vector<std::string> alts;
  for (int i = 0; i < n; ++i) alts.push_back(Token(rng));
  return PatternToken(std::move(alts));
}

Policy RandomPolicy(std::mt19937& rng, int rules) {
  PolicyBuilder b;
  for (int i = 0; i < rules; ++i) {
    RuleSpec spec;
    int len = std::uniform_int_distribution<int>(1, 5)(rng);
    for (int j = 0; j < len; ++j) {
      spec.pattern.push_back(RandomPosition(rng, j == 0 ? 2 : 4));
    }
    spec.decision = static_cast<Decision>(rng() % 3);
    if (rng() % 2) spec.justification = "j" + std::to_string(i);
    spec.source = {"r.rules", i + 1, 1};
    b.AddPrefixRule(spec);
  }
  // Host executables: some names listed, some with empty lists, some absent.
  b.SetHostExecutable("a", {"/usr/bin/a", "/bin/a"});
  b.SetHostExecutable("b", {});
  b.SetHostExecutable("git", {"/usr/bin/git"});
  absl::StatusOr<Policy> p = std::move(b).Build();
  EXPECT_TRUE(p.ok()) << p.status();
  return *std::move(p);
}

Argv RandomArgv(std::mt19937& rng) {
  static const std::vector<std::string> kPrograms = {
      "/usr/bin/a", "/bin/a", "/opt/a", "/usr/bin/b",       "/usr/bin/git",
      "/x/c",       "/x/d/",  "/",      "/usr/../usr/bin/a"};
  Argv argv;
  int len = std::uniform_int_distribution<int>(0, 7)(rng);
  for (int i = 0; i < len; ++i) argv.push_back(Token(rng));
  if (!argv.empty() && rng() % 4 == 0) {
    argv[0] = kPrograms[rng() % kPrograms.size()];
  }
  return argv;
}

void ExpectSame(const Evaluation& trie, const Evaluation& linear,
                const Argv& argv) {
  ASSERT_EQ(trie.decision, linear.decision);
  ASSERT_EQ(trie.matches.size(), linear.matches.size());
  for (size_t i = 0; i < trie.matches.size(); ++i) {
    ASSERT_EQ(trie.matches[i].rule, linear.matches[i].rule);
    ASSERT_EQ(trie.matches[i].matched_prefix, linear.matches[i].matched_prefix);
    ASSERT_EQ(trie.matches[i].resolved_program,
              linear.matches[i].resolved_program);
  }
  (void)argv;
}

TEST(TrieMatcherTest, AgreesWithLinearOracleOnRandomPolicies) {
  std::mt19937 rng(20261127);
  size_t queries = 0;
  size_t nonempty = 0;
  size_t resolved = 0;
  for (int round = 0; round < 200; ++round) {
    Policy policy = RandomPolicy(rng, 1 + round % 60);
    LinearPolicy linear(policy);
    for (int q = 0; q < 600; ++q) {
      Argv argv = RandomArgv(rng);
      MatchOptions options{static_cast<bool>(rng() % 2)};
      Evaluation t = policy.Check(argv, options);
      Evaluation l = linear.Check(argv, options);
      ExpectSame(t, l, argv);
      if (HasFatalFailure()) {
        ADD_FAILURE() << "round " << round << " query " << q;
        return;
      }
      ++queries;
      nonempty += !t.matches.empty();
      resolved += !t.matches.empty() && t.matches[0].resolved_program;
    }
  }
  EXPECT_GE(queries, 100000u);
  // The generator must exercise the interesting cases, not just misses.
  EXPECT_GT(nonempty, queries / 10);
  EXPECT_GT(resolved, 100u);
}

TEST(TrieMatcherTest, AlternativesShareOneChild) {
  std::vector<PrefixRule> rules(1);
  rules[0].pattern = {PatternToken("git"),
                      PatternToken(std::vector<std::string>{"a", "b", "c"}),
                      PatternToken(std::vector<std::string>{"x", "y", "z"})};
  absl::StatusOr<TrieMatcher> trie = TrieMatcher::Build(rules);
  ASSERT_TRUE(trie.ok());
  EXPECT_EQ(trie->node_count(), 4u);  // root, git, {a,b,c}, {x,y,z}
  EXPECT_EQ(trie->edge_count(), 7u);
}

TEST(TrieMatcherTest, ManyAlternativesAtManyPositionsStayLinear) {
  // One rule, 50 positions of 100 alternatives: 100^50 paths, 51 nodes.
  std::vector<PrefixRule> rules(1);
  rules[0].pattern.push_back(PatternToken("p"));
  for (int pos = 0; pos < 50; ++pos) {
    std::vector<std::string> alts;
    for (int i = 0; i < 100; ++i) alts.push_back("t" + std::to_string(i));
    rules[0].pattern.emplace_back(std::move(alts));
  }
  absl::StatusOr<TrieMatcher> trie = TrieMatcher::Build(rules);
  ASSERT_TRUE(trie.ok());
  EXPECT_EQ(trie->node_count(), 52u);
}

TEST(TrieMatcherTest, AdversarialOverlapIsRefusedNamingTheRule) {
  // Rule i has alternatives {keep, drop_i} at every position except i, where
  // only {keep}: reachable live-sets are all subsets -> 2^n DFA states.
  const int n = 24;
  std::vector<PrefixRule> rules(n);
  for (int i = 0; i < n; ++i) {
    rules[i].pattern.push_back(PatternToken("p"));
    for (int pos = 0; pos < n; ++pos) {
      std::vector<std::string> alts = {"keep"};
      if (pos != i) alts.push_back("drop" + std::to_string(pos));
      rules[i].pattern.emplace_back(std::move(alts));
    }
    rules[i].index = i;
    rules[i].source = {"evil.rules", i + 1, 1};
  }
  TrieLimits limits;
  limits.max_nodes = 100000;
  limits.max_work = 2000000;
  absl::StatusOr<TrieMatcher> trie = TrieMatcher::Build(rules, limits);
  ASSERT_FALSE(trie.ok());
  EXPECT_THAT(std::string(trie.status().message()),
              ::testing::HasSubstr("policy too large to compile: the pattern "
                                   "alternatives of the prefix_rule at "
                                   "evil.rules:"));
}

TEST(TrieMatcherTest, CloneOnlyWhenSplittingSharedChild) {
  std::vector<PrefixRule> rules(3);
  rules[0].pattern = {PatternToken("g"),
                      PatternToken(std::vector<std::string>{"a", "b"})};
  rules[1].pattern = {PatternToken("g"), PatternToken("a"), PatternToken("x")};
  rules[2].pattern = {PatternToken("g"),
                      PatternToken(std::vector<std::string>{"a", "b"}),
                      PatternToken("y")};
  for (int i = 0; i < 3; ++i) rules[i].index = i;
  absl::StatusOr<TrieMatcher> trie = TrieMatcher::Build(rules);
  ASSERT_TRUE(trie.ok());
  std::vector<uint32_t> got;
  std::vector<std::string> rest = {"b", "x"};
  trie->ForEachMatch({"g", rest}, [&](uint32_t r) { got.push_back(r); });
  EXPECT_THAT(got, ::testing::ElementsAre(0));
  got.clear();
  rest = {"a", "y"};
  trie->ForEachMatch({"g", rest}, [&](uint32_t r) { got.push_back(r); });
  EXPECT_THAT(got, ::testing::ElementsAre(0, 2));
  got.clear();
  rest = {"a", "x"};
  trie->ForEachMatch({"g", rest}, [&](uint32_t r) { got.push_back(r); });
  EXPECT_THAT(got, ::testing::ElementsAre(0, 1));
}

}  // namespace
}  // namespace warden::engine
