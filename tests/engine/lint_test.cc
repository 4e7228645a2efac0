#include "engine/lint/lint.h"

#include <gtest/gtest.h>

#include <algorithm>
#include <filesystem>
#include <iostream>
#include <set>
#include <string>
#include <vector>

namespace warden::engine {
namespace {

namespace fs = std::filesystem;

// "LINE:COL CODE" for each diagnostic, in order.
std::vector<std::string> Codes(const std::string& text) {
  std::vector<std::string> out;
  for (const auto& d : LintSource("t.rules", text)) {
    out.push_back(std::to_string(d.diagnostic.pos.line) + ":" +
                  std::to_string(d.diagnostic.pos.col) + " " + d.code);
  }
  return out;
}

using V = std::vector<std::string>;

TEST(LintTest, LoadsWithTheGivenHomeDir) {
  // `~/` expands against the caller's home_dir, as in the loader: lint reads
  // no environment of its own.
  const std::string text =
      "host_executable(name = \"git\", paths = [\"~/bin/git\"])\n";
  LoadOptions options;
  options.home_dir = "/home/u";
  EXPECT_TRUE(LintSource("t.rules", text, options).empty());
  std::vector<LintDiagnostic> without = LintSource("t.rules", text);
  ASSERT_EQ(without.size(), 1u);
  EXPECT_EQ(without[0].code, kLintLoadError);
}

TEST(LintTest, CleanFileHasNoDiagnostics) {
  EXPECT_EQ(Codes(R"(prefix_rule(
    pattern = ["git", ["status", "log"]],
    decision = "allow",
    match = ["git status"],
    not_match = ["git push"],
)
prefix_rule(pattern = ["rm"], decision = "forbidden",
            justification = "Use `trash` instead.")
)"),
            V{});
}

TEST(LintTest, DuplicateRule) {
  EXPECT_EQ(Codes("prefix_rule(pattern = ['a', 'b'], decision = 'allow')\n"
                  "prefix_rule(pattern = ['a', ['b']], decision = 'allow')\n"),
            V{"2:1 W001"});
  // Same pattern, different decisions: not a duplicate but a shadowed rule.
  EXPECT_EQ(Codes("prefix_rule(pattern = ['a'], decision = 'allow')\n"
                  "prefix_rule(pattern = ['a'], decision = 'prompt')\n"),
            V{"1:1 W002"});
  // Alternatives in another order are the same pattern.
  EXPECT_EQ(
      Codes("prefix_rule(pattern = ['a', ['x', 'y']], decision = 'prompt')\n"
            "prefix_rule(pattern = ['a', ['y', 'x']], decision = 'prompt')\n"),
      V{"2:1 W001"});
}

TEST(LintTest, ShadowedOnlyByAStricterCoveringRule) {
  // A shorter forbidden rule covers the longer prompt one.
  EXPECT_EQ(Codes("prefix_rule(pattern = ['git', 'push', '-f'], decision = "
                  "'prompt')\n"
                  "prefix_rule(pattern = ['git', 'push'], decision = "
                  "'forbidden', justification = 'Use jj instead.')\n"),
            V{"1:1 W002"});
  // The longer rule is stricter: both can decide.
  EXPECT_EQ(Codes("prefix_rule(pattern = ['git', 'push'], decision = "
                  "'prompt')\n"
                  "prefix_rule(pattern = ['git', 'push', '-f'], decision = "
                  "'forbidden', justification = 'Use jj instead.')\n"),
            V{});
  // Alternatives that do not include the other rule's token: no cover.
  EXPECT_EQ(Codes("prefix_rule(pattern = ['git', 'x'], decision = 'allow')\n"
                  "prefix_rule(pattern = ['git', ['y', 'z']], decision = "
                  "'prompt')\n"),
            V{});
}

TEST(LintTest, WhitespaceTokenPointsAtTheString) {
  EXPECT_EQ(Codes("prefix_rule(pattern = ['git', 'push --force'], decision = "
                  "'prompt')\n"),
            V{"1:31 W003"});
}

TEST(LintTest, ImplicitDecision) {
  EXPECT_EQ(Codes("prefix_rule(pattern = ['ls'])\n"), V{"1:1 W004"});
  EXPECT_EQ(Codes("prefix_rule(pattern = ['ls'], decision = None)\n"),
            V{"1:1 W004"});
  // A call that never runs makes no rule and says nothing.
  EXPECT_EQ(Codes("def f():\n  prefix_rule(pattern = ['ls'])\n"), V{});
  // One warning per call site, even in a loop.
  EXPECT_EQ(Codes("for p in ['a', 'b']:\n  prefix_rule(pattern = [p])\n"),
            V{"2:3 W004"});
}

TEST(LintTest, ForbiddenNeedsAnAlternative) {
  EXPECT_EQ(Codes("prefix_rule(pattern = ['rm'], decision = 'forbidden')\n"),
            V{"1:1 W005"});
  EXPECT_EQ(Codes("prefix_rule(pattern = ['rm'], decision = 'forbidden', "
                  "justification = 'Dangerous.')\n"),
            V{"1:1 W005"});
  EXPECT_EQ(Codes("prefix_rule(pattern = ['rm'], decision = 'forbidden', "
                  "justification = 'Dangerous; ask a human.')\n"),
            V{});
  // First-position alternatives: one warning for the call.
  EXPECT_EQ(Codes("prefix_rule(pattern = [['dd', 'mkfs']], decision = "
                  "'forbidden')\n"),
            V{"1:1 W005"});
}

TEST(LintTest, BroadAllowOnShellsInterpretersAndRunners) {
  auto one = [](const std::string& pattern) {
    return Codes("prefix_rule(pattern = " + pattern +
                 ", decision = 'allow')\n");
  };
  EXPECT_EQ(one("['bash']"), V{"1:1 W006"});
  EXPECT_EQ(one("['/bin/bash', '-lc']"), V{"1:1 W006"});
  EXPECT_EQ(one("['python3', '-c']"), V{"1:1 W006"});
  EXPECT_EQ(one("['python3', ['-m', '-V']]"), V{"1:1 W006"});
  EXPECT_EQ(one("['env']"), V{"1:1 W006"});
  EXPECT_EQ(one("['sudo', '-n']"), V{"1:1 W006"});
  EXPECT_EQ(one("['xargs']"), V{"1:1 W006"});
  // Long enough to name what runs.
  EXPECT_EQ(one("['bash', '-c', './build.sh']"), V{});
  EXPECT_EQ(one("['python3', '-m', 'pytest']"), V{});
  EXPECT_EQ(one("['python3', 'manage.py']"), V{});
  EXPECT_EQ(one("['sudo', 'apt']"), V{});
  EXPECT_EQ(one("['git']"), V{});
  // Only allow rules.
  EXPECT_EQ(Codes("prefix_rule(pattern = ['bash'], decision = 'prompt')\n"),
            V{});
}

TEST(LintTest, VacuousNotMatch) {
  EXPECT_EQ(Codes("prefix_rule(pattern = ['make', 'test'], decision = "
                  "'allow', not_match = ['make build', ['cargo', 'test']])\n"),
            V{"1:88 W007"});
  // An absolute path to the same program is a real near miss.
  EXPECT_EQ(Codes("prefix_rule(pattern = ['make', 'test'], decision = "
                  "'allow', not_match = ['/usr/bin/make build'])\n"),
            V{});
  // With first-position alternatives, another program tests the list.
  EXPECT_EQ(Codes("prefix_rule(pattern = [['ls', 'cat']], decision = "
                  "'allow', not_match = ['rm x'])\n"),
            V{});
}

TEST(LintTest, LoadErrorsAreClassified) {
  EXPECT_EQ(Codes("prefix_rule(pattern = [)\n"), V{"1:24 E002"});
  EXPECT_EQ(Codes("prefix_rule(pattern = ['a'], decision = 'no')\n"),
            V{"1:1 E001"});
  EXPECT_EQ(Codes("undefined_name()\n"), V{"1:1 E001"});
  EXPECT_EQ(Codes("prefix_rule(pattern = ['a'], decision = 'allow', "
                  "match = ['b'])\n"),
            V{"1:1 E003"});
}

TEST(LintTest, UnreadableAndDirectories) {
  LintRun run = LintPaths({"/nonexistent/x.rules"});
  ASSERT_EQ(run.diagnostics.size(), 1u);
  EXPECT_EQ(run.diagnostics[0].code, "E004");
  EXPECT_EQ(run.diagnostics[0].diagnostic.message,
            "cannot read /nonexistent/x.rules: no such file or directory");
  fs::path dir = fs::path(WARDEN_SOURCE_DIR) / "tests/cli/testdata/lint";
  std::vector<std::string> files = ExpandRulesPaths({dir.string()});
  ASSERT_GE(files.size(), 5u);
  EXPECT_TRUE(std::is_sorted(files.begin(), files.end()));
}

// "FILE:LINE:COL CODE" for each diagnostic of a multi-file run, in order.
std::vector<std::string> RunCodes(const LintRun& run) {
  std::vector<std::string> out;
  for (const auto& d : run.diagnostics) {
    out.push_back(d.diagnostic.file + ":" +
                  std::to_string(d.diagnostic.pos.line) + ":" +
                  std::to_string(d.diagnostic.pos.col) + " " + d.code);
  }
  return out;
}

TEST(LintTest, ShadowedAcrossFiles) {
  LintRun run = LintSources(
      {{"a.rules",
        "prefix_rule(pattern = ['ls'], decision = 'allow')\n"
        "prefix_rule(pattern = ['git', 'push', '-f'],\n"
        "            decision = 'prompt')\n"},
       {"b.rules",
        "prefix_rule(pattern = ['git', 'push'], decision = 'forbidden',\n"
        "            justification = 'Use a pull request instead.')\n"}});
  EXPECT_EQ(run.files, 2);
  ASSERT_EQ(RunCodes(run), V{"a.rules:2:1 W002"});
  const LintDiagnostic& d = run.diagnostics[0];
  EXPECT_EQ(d.diagnostic.message,
            "rule [\"git\", \"push\", \"-f\"] (prompt) can never decide "
            "anything: the stricter rule [\"git\", \"push\"] (forbidden) at "
            "b.rules:1 matches every command it matches");
  EXPECT_EQ(d.hint,
            "delete this rule, or narrow the stricter one in b.rules:1");
  EXPECT_EQ(d.diagnostic.source_line,
            "prefix_rule(pattern = ['git', 'push', '-f'],");
  // Each file alone is clean.
  EXPECT_EQ(RunCodes(LintSources({{"a.rules",
                                   "prefix_rule(pattern = ['git', 'push', "
                                   "'-f'], decision = 'prompt')\n"}})),
            V{});
}

TEST(LintTest, ShadowedAcrossFilesInEitherOrderAndOnlyOnce) {
  const std::string strict =
      "prefix_rule(pattern = ['rm'], decision = 'forbidden',\n"
      "            justification = 'Use trash instead.')\n";
  const std::string loose =
      "prefix_rule(pattern = ['rm', '-rf'], decision = 'prompt')\n"
      "prefix_rule(pattern = ['rm', '-rf'], decision = 'allow')\n";
  // The later file shadows the earlier one just as well: the files are one
  // policy. The allow rule is shadowed in its own file already (by the
  // prompt rule), so it is reported once, naming that rule.
  LintRun run = LintSources({{"z.rules", strict}, {"y.rules", loose}});
  ASSERT_EQ(RunCodes(run), (V{"y.rules:1:1 W002", "y.rules:2:1 W002"}));
  EXPECT_NE(run.diagnostics[0].diagnostic.message.find("at z.rules:1 "),
            std::string::npos);
  EXPECT_NE(run.diagnostics[1].diagnostic.message.find("at line 1 "),
            std::string::npos);
  // Same decision in two files: not a shadow.
  EXPECT_EQ(RunCodes(LintSources({{"p.rules", strict}, {"q.rules", strict}})),
            V{});
  // Another program: no relation.
  EXPECT_EQ(RunCodes(LintSources(
                {{"p.rules", strict},
                 {"q.rules",
                  "prefix_rule(pattern = ['rmdir'], decision = 'allow')\n"}})),
            V{});
}

TEST(LintTest, BrokenFileNeverHidesTheOthers) {
  LintRun run = LintSources(
      {{"broken.rules", "prefix_rule(pattern = [)\n"},
       {"a.rules", "prefix_rule(pattern = ['a', 'b'], decision = 'allow')\n"},
       {"b.rules", "prefix_rule(pattern = ['a'], decision = 'prompt')\n"}});
  EXPECT_EQ(RunCodes(run), (V{"broken.rules:1:24 E002", "a.rules:1:1 W002"}));
}

TEST(LintTest, LintAcrossFilesNeedsTwoFiles) {
  lang::Source source("one.rules", "");
  std::vector<PrefixRule> rules;
  std::vector<RuleCallSite> calls;
  EXPECT_TRUE(LintAcrossFiles({FileRules{&source, &rules, &calls}}).empty());
  EXPECT_TRUE(LintAcrossFiles({}).empty());
}

TEST(LintTest, UnreadableFilesAmongOthers) {
  fs::path clean =
      fs::path(WARDEN_SOURCE_DIR) / "tests/cli/testdata/lint/clean.rules";
  LintRun run = LintPaths({"/nonexistent/x.rules", clean.string(),
                           std::string(WARDEN_SOURCE_DIR) + "/examples/"});
  ASSERT_GE(run.diagnostics.size(), 1u);
  EXPECT_EQ(run.diagnostics[0].diagnostic.message,
            "cannot read /nonexistent/x.rules: no such file or directory");
  EXPECT_EQ(run.files, 3);
}

// Each warning fires on the file built to trigger it (the golden
// test pins the full text).
TEST(LintTest, WarningsFileTriggersEveryWarning) {
  fs::path file =
      fs::path(WARDEN_SOURCE_DIR) / "tests/cli/testdata/lint/warnings.rules";
  LintRun run = LintPaths({file.string()});
  std::set<std::string> codes;
  for (const auto& d : run.diagnostics) codes.insert(d.code);
  EXPECT_EQ(codes, (std::set<std::string>{"W001", "W002", "W003", "W004",
                                          "W005", "W006", "W007"}));
}

// examples/ must load: no lint errors there. (Warnings are
// reported in the test log so a reviewer sees them.) The shipped
// starter policy is what users copy: lint must be quiet on it.
TEST(LintTest, ExamplesAreLintClean) {
  fs::path dir = fs::path(WARDEN_SOURCE_DIR) / "examples";
  ASSERT_TRUE(fs::exists(dir / "default.rules"));
  LintRun run = LintPaths({dir.string()});
  for (const auto& d : run.diagnostics) {
    ADD_FAILURE() << d.diagnostic.file << ":" << d.diagnostic.pos.line << " "
                  << d.code << " " << d.diagnostic.message;
  }
}

}  // namespace
}  // namespace warden::engine
