#include "engine/cases/case_file_runner.h"

#include <gtest/gtest.h>
#include <unistd.h>

#include <algorithm>
#include <filesystem>
#include <fstream>
#include <string>
#include <vector>

#include "engine/cases/case_file_json.h"
#include "engine/lint/lint_calls.h"
#include "engine/rules/loader.h"
#include "lang/read_file.h"
#include "lang/source_formatter.h"

namespace warden::engine {
namespace {

namespace fs = std::filesystem;

class TempDir {
 public:
  TempDir() {
    path_ = fs::temp_directory_path() /
            ("warden_runner_test_" + std::to_string(::getpid()) + "_" +
             std::to_string(counter_++));
    fs::create_directories(path_);
  }
  ~TempDir() {
    std::error_code ec;
    fs::remove_all(path_, ec);
  }
  std::string Write(const std::string& name, const std::string& text) {
    fs::path p = path_ / name;
    std::ofstream(p, std::ios::binary) << text;
    return p.string();
  }
  std::string path() const { return path_.string(); }

 private:
  static inline int counter_ = 0;
  fs::path path_;
};

TEST(CaseFileRunnerTest, CountsEveryExampleAndCase) {
  TempDir dir;
  std::string rules = dir.Write("git.rules", R"(prefix_rule(
    pattern = ["git", "push"],
    decision = "prompt",
    match = ["git push", "git pull", "git push origin"],
    not_match = ["git push --force", "git fetch"],
)
prefix_rule(
    pattern = ["git", "push", "--force"],
    decision = "forbidden",
    justification = "Use `git push --force-with-lease` instead.",
)
)");
  dir.Write("git.rules_test.toml", R"([[case]]
command = "git push --force"
decision = "forbidden"

[[case]]
command = "git status"
decision = "allow"
)");
  TestTarget target = ExpandTestPaths({rules});
  ASSERT_EQ(target.case_files.size(), 1u);  // the sibling is found
  TestReport report = RunTests(target, {});
  EXPECT_TRUE(report.load_errors.empty());
  // 5 examples (2 fail) + 2 cases (1 fails).
  EXPECT_EQ(report.passed, 4);
  EXPECT_EQ(report.failed, 3);
  ASSERT_EQ(report.failures.size(), 3u);
  const TestFailure& not_match = report.failures[0];
  EXPECT_EQ(not_match.diagnostic.pos.line, 5);  // "git push --force"
  EXPECT_EQ(not_match.diagnostic.message,
            "not_match example `git push --force` matches rule "
            "`prefix_rule(pattern=[\"git\", \"push\"], decision=\"prompt\")`");
  EXPECT_EQ(not_match.kind, TestKind::kNotMatchExample);
  EXPECT_EQ(not_match.rule,
            "prefix_rule(pattern=[\"git\", \"push\"], decision=\"prompt\")");
  EXPECT_EQ(not_match.command, "git push --force");
  EXPECT_EQ(not_match.expected, "no match");
  EXPECT_EQ(not_match.got, "match");
  ASSERT_EQ(not_match.matched.size(), 1u);
  EXPECT_EQ(not_match.matched[0].source.line, 1);

  const TestFailure& match = report.failures[1];
  EXPECT_EQ(match.diagnostic.pos.line, 4);  // "git pull"
  EXPECT_EQ(match.kind, TestKind::kMatchExample);
  EXPECT_EQ(match.command, "git pull");
  EXPECT_EQ(match.expected, "match");
  EXPECT_EQ(match.got, "no match");
  EXPECT_TRUE(match.matched.empty());

  const TestFailure& c = report.failures[2];
  EXPECT_EQ(c.diagnostic.message,
            "case `git status`: expected allow, got no decision (no rule "
            "matched)");
  EXPECT_EQ(c.kind, TestKind::kCase);
  EXPECT_EQ(c.rule, "");
  EXPECT_EQ(c.command, "git status");
  EXPECT_EQ(c.expected, "allow");
  EXPECT_EQ(c.got, "none");
  EXPECT_EQ(c.diagnostic.file, dir.path() + "/git.rules_test.toml");
  EXPECT_EQ(c.diagnostic.pos.line, 5);
}

TEST(CaseFileRunnerTest, JsonReportHasEveryFieldInAStableOrder) {
  TempDir dir;
  std::string rules = dir.Write("r.rules", R"(prefix_rule(
    pattern = ["rm"],
    decision = "forbidden",
    justification = "Use trash instead.",
    match = ["rm -rf x"],
)
prefix_rule(pattern = ["ls"], decision = "allow")
)");
  dir.Write("r.rules_test.toml",
            "[[case]]\nname = \"wipe\"\ncommand = \"rm x\"\n"
            "decision = \"prompt\"\n");
  TestTarget target = ExpandTestPaths({rules});
  TestOptions options;
  options.coverage = true;
  TestReport report = RunTests(target, options);
  nlohmann::ordered_json json = TestReportJson(target, report, true);
  std::vector<std::string> keys;
  for (const auto& [key, value] : json.items()) keys.push_back(key);
  EXPECT_EQ(keys,
            (std::vector<std::string>{"files", "passed", "failed", "failures",
                                      "loadErrors", "uncovered"}));
  EXPECT_EQ(json["passed"], 1);
  EXPECT_EQ(json["failed"], 1);
  EXPECT_EQ(json["files"]["rules"][0], rules);
  EXPECT_EQ(json["files"]["cases"][0], dir.path() + "/r.rules_test.toml");
  ASSERT_EQ(json["failures"].size(), 1u);
  const auto& f = json["failures"][0];
  std::vector<std::string> failure_keys;
  for (const auto& [key, value] : f.items()) failure_keys.push_back(key);
  EXPECT_EQ(failure_keys,
            (std::vector<std::string>{"file", "line", "column", "kind", "rule",
                                      "case", "command", "expected", "got",
                                      "matched", "message"}));
  EXPECT_EQ(f["kind"], "case");
  EXPECT_TRUE(f["rule"].is_null());
  EXPECT_EQ(f["case"], "wipe");
  EXPECT_EQ(f["line"], 1);
  EXPECT_EQ(f["column"], 1);
  EXPECT_EQ(f["expected"], "prompt");
  EXPECT_EQ(f["got"], "forbidden");
  ASSERT_EQ(f["matched"].size(), 1u);
  EXPECT_EQ(f["matched"][0]["source"], rules + ":1:1");
  ASSERT_EQ(json["uncovered"].size(), 1u);
  EXPECT_EQ(json["uncovered"][0]["line"], 7);
  EXPECT_EQ(json["uncovered"][0]["pattern"], nlohmann::ordered_json({"ls"}));
  // Without --coverage there is no "uncovered" key at all.
  EXPECT_FALSE(TestReportJson(target, report, false).contains("uncovered"));
}

TEST(CaseFileRunnerTest, UnreadableFilesNameTheReason) {
  TempDir dir;
  TestReport report =
      RunTests(ExpandTestPaths({dir.path() + "/missing.rules",
                                dir.path() + "/missing.rules_test.toml"}),
               {});
  ASSERT_EQ(report.load_errors.size(), 2u);
  EXPECT_EQ(report.load_errors[0].message,
            "cannot read " + dir.path() +
                "/missing.rules: no such file or directory");
  EXPECT_EQ(report.load_errors[1].message,
            "cannot read " + dir.path() +
                "/missing.rules_test.toml: no such file or directory");
  nlohmann::ordered_json json = TestReportJson(
      ExpandTestPaths({dir.path() + "/missing.rules"}), report, false);
  EXPECT_EQ(json["loadErrors"][0]["line"], 0);
  EXPECT_EQ(json["loadErrors"][0]["message"], report.load_errors[0].message);
}

TEST(CaseFileRunnerTest, InvalidExampleFailsOnItsOwn) {
  TempDir dir;
  std::string rules =
      dir.Write("q.rules",
                "prefix_rule(pattern = [\"a\"], decision = \"allow\",\n"
                "            match = [\"a 'unterminated\", \"a b\"])\n");
  TestReport report = RunTests(ExpandTestPaths({rules}), {});
  EXPECT_TRUE(report.load_errors.empty());
  EXPECT_EQ(report.passed, 1);
  ASSERT_EQ(report.failed, 1);
  EXPECT_EQ(report.failures[0].kind, TestKind::kMatchExample);
  EXPECT_EQ(report.failures[0].got, "invalid");
  EXPECT_EQ(report.failures[0].expected, "match");
  EXPECT_EQ(report.failures[0].command, "");
}

TEST(CaseFileRunnerTest, CoverageListsUnexercisedRules) {
  TempDir dir;
  std::string rules = dir.Write("a.rules", R"(
prefix_rule(pattern = ["ls"], decision = "allow", match = ["ls -la"])
prefix_rule(pattern = ["cat"], decision = "allow")
prefix_rule(pattern = [["rm", "shred"]], decision = "forbidden",
            justification = "Use trash instead.")
)");
  dir.Write("a.rules_test.toml",
            "[[case]]\ncommand = \"rm -rf x\"\ndecision = \"forbidden\"\n");
  TestOptions options;
  options.coverage = true;
  TestReport report = RunTests(ExpandTestPaths({dir.path()}), options);
  EXPECT_EQ(report.failed, 0);
  EXPECT_EQ(report.passed, 2);
  std::vector<std::string> uncovered;
  for (const auto& u : report.uncovered) uncovered.push_back(u.rule);
  EXPECT_EQ(uncovered,
            (std::vector<std::string>{
                "prefix_rule(pattern=[\"cat\"], decision=\"allow\")",
                "prefix_rule(pattern=[\"shred\"], decision=\"forbidden\", "
                "justification=\"Use trash instead.\")"}));
}

TEST(CaseFileRunnerTest, LoadErrorsAndBadCaseFiles) {
  TempDir dir;
  std::string broken = dir.Write("broken.rules", "prefix_rule(\n");
  std::string cases =
      dir.Write("c.toml",
                "rules = 'broken.rules'\n[[case]]\ncommand = 'x'\n"
                "decision = 'allow'\n");
  TestReport report = RunTests(ExpandTestPaths({broken, cases}), {});
  // The syntax error is reported once per load (inline run and case run);
  // the case that needs the file fails.
  EXPECT_GE(report.load_errors.size(), 1u);
  EXPECT_EQ(report.failed, 1);
  EXPECT_EQ(report.failures[0].diagnostic.message,
            "case `x`: its rules fail to load (see above)");
  EXPECT_EQ(report.failures[0].got, "error");
  EXPECT_EQ(report.failures[0].expected, "allow");
}

TEST(CaseFileRunnerTest, BlankingKeepsPositions) {
  lang::Source source("t.rules", R"(prefix_rule(
    pattern = ["a"],
    match = [
        "a b",
    ],
    not_match = ["b"], decision = "allow",
)
)");
  RuleCallScan scan = ScanRuleCalls(source);
  ASSERT_FALSE(scan.syntax_error.has_value());
  ASSERT_EQ(scan.calls.size(), 1u);
  std::string blanked = BlankLiteralExamples(source, scan.calls);
  EXPECT_EQ(blanked.size(), source.text().size());
  EXPECT_EQ(std::count(blanked.begin(), blanked.end(), '\n'),
            std::count(source.text().begin(), source.text().end(), '\n'));
  EXPECT_EQ(blanked.find("\"a b\""), std::string::npos);
  EXPECT_NE(blanked.find("match = None"), std::string::npos);
  LoadResult loaded = LoadPolicy({});  // sanity: the loader links
  PolicyLoader loader;
  ASSERT_TRUE(loader.AddSource("t.rules", blanked));
  auto policy = std::move(loader).Finish();
  ASSERT_TRUE(policy.has_value());
  EXPECT_EQ(policy->rules()[0].source.line, 1);
}

// `warden fmt` never changes what a rules file means: every .rules file in
// the repository compiles to the same rules (patterns, decisions,
// justifications, in order) before and after formatting.
TEST(CaseFileRunnerTest, FormattingKeepsEveryRepositoryPolicy) {
  std::vector<fs::path> files;
  for (const char* dir : {"examples", "tests"}) {
    fs::path root = fs::path(WARDEN_SOURCE_DIR) / dir;
    if (!fs::exists(root)) continue;
    for (const auto& e : fs::recursive_directory_iterator(root)) {
      if (e.path().extension() == ".rules") files.push_back(e.path());
    }
  }
  ASSERT_FALSE(files.empty());
  int compared = 0;
  for (const auto& path : files) {
    std::string text, read_error;
    ASSERT_TRUE(lang::ReadFile(path.string(), &text, &read_error))
        << read_error;
    lang::Source source(path.string(), std::move(text));
    std::string formatted;
    lang::Diagnostic error;
    if (!lang::FormatSource(source, {}, &formatted, &error)) continue;
    auto load = [](const std::string& name, const std::string& text) {
      PolicyLoader loader;
      std::optional<Policy> policy;
      if (loader.AddSource(name, text)) policy = std::move(loader).Finish();
      return policy;
    };
    auto before = load(path.string(), std::string(source.text()));
    auto after = load(path.string(), formatted);
    ASSERT_EQ(before.has_value(), after.has_value()) << path;
    if (!before) continue;
    ASSERT_EQ(before->rules().size(), after->rules().size()) << path;
    for (size_t i = 0; i < before->rules().size(); ++i) {
      const PrefixRule& a = before->rules()[i];
      const PrefixRule& b = after->rules()[i];
      EXPECT_EQ(a.pattern, b.pattern) << path;
      EXPECT_EQ(a.decision, b.decision) << path;
      EXPECT_EQ(a.justification, b.justification) << path;
    }
    ++compared;
  }
  EXPECT_GT(compared, 3);
}

}  // namespace
}  // namespace warden::engine
