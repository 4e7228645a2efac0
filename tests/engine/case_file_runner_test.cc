#include "engine/case_file_runner.h"

#include <gtest/gtest.h>
#include <unistd.h>

#include <algorithm>
#include <filesystem>
#include <fstream>
#include <sstream>
#include <string>
#include <vector>

#include "engine/lint_calls.h"
#include "engine/loader.h"
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
  EXPECT_EQ(report.failures[0].pos.line, 5);  // not_match "git push --force"
  EXPECT_EQ(report.failures[0].message,
            "not_match example `git push --force` matches rule "
            "`prefix_rule(pattern=[\"git\", \"push\"], decision=\"prompt\")`");
  EXPECT_EQ(report.failures[1].pos.line, 4);  // match "git pull"
  EXPECT_EQ(report.failures[2].message,
            "case `git status`: expected allow, got no decision (no rule "
            "matched)");
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
  EXPECT_EQ(report.failures[0].message,
            "case `x`: its rules fail to load (see above)");
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
    std::ifstream in(path, std::ios::binary);
    std::stringstream buffer;
    buffer << in.rdbuf();
    lang::Source source(path.string(), buffer.str());
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
