#include "engine/cases/case_file.h"

#include <gtest/gtest.h>

#include <string>
#include <vector>

namespace warden::engine {
namespace {

CaseFileResult Parse(const std::string& text,
                     const std::string& name = "dir/git.rules_test.toml") {
  return ParseCaseFile(lang::Source(name, text));
}

std::vector<std::string> Messages(const CaseFileResult& r) {
  std::vector<std::string> out;
  for (const auto& d : r.errors) {
    out.push_back(d.file + ":" + std::to_string(d.pos.line) + ":" +
                  std::to_string(d.pos.col) + ": " + d.message);
  }
  return out;
}

TEST(CaseFileTest, ParsesCommandAndArgvCases) {
  CaseFileResult r = Parse(R"(
[[case]]
command = "git push --force 'origin main'"
decision = "forbidden"

[[case]]
argv = ["git", "commit", "-m", "two words"]
decision = "allow"
name = "commit"
split = false

[[case]]
command = "ls"
decision = "none"
)");
  ASSERT_TRUE(r.ok()) << testing::PrintToString(Messages(r));
  ASSERT_EQ(r.file.cases.size(), 3u);
  const TestCase& a = r.file.cases[0];
  EXPECT_EQ(a.argv, (std::vector<std::string>{"git", "push", "--force",
                                              "origin main"}));
  EXPECT_EQ(a.display, "git push --force 'origin main'");
  EXPECT_EQ(a.expected, Decision::kForbidden);
  EXPECT_TRUE(a.split);
  EXPECT_EQ(a.pos.line, 2);
  const TestCase& b = r.file.cases[1];
  EXPECT_EQ(b.argv.size(), 4u);
  EXPECT_EQ(b.display, R"(["git", "commit", "-m", "two words"])");
  EXPECT_EQ(b.name, "commit");
  EXPECT_FALSE(b.split);
  EXPECT_EQ(b.expected, Decision::kAllow);
  EXPECT_EQ(r.file.cases[2].expected, std::nullopt);
  // No `rules` key: the name implies the rules file beside it.
  EXPECT_EQ(r.file.rules, std::vector<std::string>{"dir/git.rules"});
}

TEST(CaseFileTest, RulesAreResolvedAgainstTheCaseFileFolder) {
  CaseFileResult r = Parse(R"(rules = ["a.rules", "/abs/b.rules"]
[[case]]
command = "x"
decision = "allow"
rules = "sub/c.rules"
)",
                           "cases/my.toml");
  ASSERT_TRUE(r.ok()) << testing::PrintToString(Messages(r));
  EXPECT_EQ(r.file.rules,
            (std::vector<std::string>{"cases/a.rules", "/abs/b.rules"}));
  EXPECT_EQ(r.file.cases[0].rules,
            std::vector<std::string>{"cases/sub/c.rules"});
}

TEST(CaseFileTest, NoImpliedRulesForOtherNames) {
  CaseFileResult r =
      Parse("[[case]]\ncommand = \"x\"\ndecision = \"allow\"\n", "cases.toml");
  ASSERT_TRUE(r.ok());
  EXPECT_TRUE(r.file.rules.empty());
}

TEST(CaseFileTest, InvalidTomlIsLocated) {
  CaseFileResult r = Parse("[[case]]\ncommand = \"unterminated\n");
  ASSERT_EQ(r.errors.size(), 1u);
  EXPECT_EQ(r.errors[0].pos.line, 2);
  EXPECT_EQ(r.errors[0].message.rfind("invalid TOML: ", 0), 0u)
      << r.errors[0].message;
  EXPECT_EQ(r.errors[0].source_line, "command = \"unterminated");
}

TEST(CaseFileTest, ReportsEveryMistakeWithItsPosition) {
  CaseFileResult r = Parse(R"(rulez = "x"
[[case]]
command = "git status"
decision = "Allow"

[[case]]
argv = []
decision = "allow"

[[case]]
decision = "allow"

[[case]]
command = "a"
argv = ["a"]
decision = "prompt"
extra = 1

[[case]]
command = "echo 'oops"
)");
  EXPECT_EQ(
      Messages(r),
      (std::vector<std::string>{
          "dir/git.rules_test.toml:1:1: unknown key `rulez` (expected "
          "`rules` or [[case]])",
          "dir/git.rules_test.toml:4:12: invalid decision `Allow` (expected "
          "allow, prompt, forbidden or none)",
          "dir/git.rules_test.toml:7:8: `argv` must not be empty",
          "dir/git.rules_test.toml:10:1: [[case]] needs `command` (a string) "
          "or `argv` (a list)",
          "dir/git.rules_test.toml:15:8: [[case]] has both `command` and "
          "`argv`; keep one",
          "dir/git.rules_test.toml:17:1: unknown key `extra` in [[case]] "
          "(expected command, argv, decision, name, rules or split)",
          "dir/git.rules_test.toml:19:1: [[case]] needs `decision` (allow, "
          "prompt, forbidden or none)",
          "dir/git.rules_test.toml:20:11: `command` has invalid shell syntax "
          "(an unterminated quote?)",
      }));
  EXPECT_TRUE(r.file.cases.empty());
}

TEST(CaseFileTest, WrongTypes) {
  CaseFileResult r = Parse(R"(rules = 3
[case]
command = "x"
)");
  EXPECT_EQ(Messages(r),
            (std::vector<std::string>{
                "dir/git.rules_test.toml:1:9: `rules` must be a string or a "
                "list of strings",
                "dir/git.rules_test.toml:2:1: `case` must be an array of "
                "tables: write each case as [[case]]",
            }));
}

TEST(CaseFileTest, EmptyFileHasNoCases) {
  CaseFileResult r = Parse("# nothing\n");
  EXPECT_EQ(Messages(r),
            std::vector<std::string>{"dir/git.rules_test.toml:1:1: no cases: "
                                     "add at least one [[case]] table"});
}

TEST(CaseFileTest, UnreadableFile) {
  CaseFileResult r = ReadCaseFile("/nonexistent/x.rules_test.toml");
  ASSERT_EQ(r.errors.size(), 1u);
  EXPECT_EQ(r.errors[0].message,
            "cannot read /nonexistent/x.rules_test.toml: no such file or "
            "directory");
  EXPECT_FALSE(r.errors[0].pos.known());
  CaseFileResult dir = ReadCaseFile(WARDEN_SOURCE_DIR);
  ASSERT_EQ(dir.errors.size(), 1u);
  EXPECT_EQ(
      dir.errors[0].message,
      "cannot read " + std::string(WARDEN_SOURCE_DIR) + ": is a directory");
}

TEST(CaseFileTest, DefaultRulesFor) {
  EXPECT_EQ(DefaultRulesFor("a/b.rules_test.toml"), "a/b.rules");
  EXPECT_EQ(DefaultRulesFor(".rules_test.toml"), "");
  EXPECT_EQ(DefaultRulesFor("b.toml"), "");
}

}  // namespace
}  // namespace warden::engine
