// `warden test`: runs every inline example of a set of .rules files and every
// case of their case files, one count per example or case, and (optionally)
// finds the rules nothing exercises.
//
// Inline examples: each file is loaded with its literal match/not_match lists
// blanked out (lint_calls.h), so one failing example does not stop the load;
// the examples are then checked here exactly as the loader would (SPEC A4:
// against only the rules of their own call, host-executable resolution on,
// all not_match before match) and each passes or fails on its own. Example
// lists that are not literals are still checked by the loader; if they fail,
// the file fails to load. Each file is loaded on its own (so a
// host_executable declared in another file does not count for its examples).
//
// Cases (case_file.h) are checked with CheckCommand, host-executable
// resolution on (as at run time), splitting as the case says; a case passes
// when the decision equals the expected one (none: no rule matched).
//
// Coverage: a rule is exercised when a passing match example of its call
// matched it, or a case's check matched it. Rules whose call has
// non-literal match examples count as exercised (the loader checked them).
#ifndef WARDEN_ENGINE_CASES_CASE_FILE_RUNNER_H_
#define WARDEN_ENGINE_CASES_CASE_FILE_RUNNER_H_

#include <string>
#include <string_view>
#include <vector>

#include "engine/rules/rule.h"
#include "engine/shell/path_resolver.h"
#include "lang/source.h"

namespace warden::engine {

struct TestTarget {
  std::vector<std::string> rules_files;  // inline examples to run
  std::vector<std::string> case_files;   // cases to run
};

// Expands command-line paths: a directory gives its *.rules files and its
// *.rules_test.toml files (sorted, not recursive); a `.toml` file is a case
// file; any other file is a rules file. A rules file's `X.rules_test.toml`
// sibling is added when it exists. Duplicates are dropped.
TestTarget ExpandTestPaths(const std::vector<std::string>& paths);

struct UncoveredRule {
  SourceLocation source;
  std::string rule;                   // RenderRule()
  std::vector<PatternToken> pattern;  // the rule's pattern
};

// What kind of test failed.
enum class TestKind { kMatchExample, kNotMatchExample, kCase };

// "match", "not_match" or "case".
std::string_view TestKindName(TestKind kind);

// A rule that matched the command of a failed test.
struct MatchedRule {
  std::string rule;  // RenderRule()
  SourceLocation source;
};

// One failed example or case, with the facts a tool needs; `diagnostic`
// holds the human message (what the text output prints).
struct TestFailure {
  lang::Diagnostic diagnostic;  // severity kError, at the example or case
  TestKind kind = TestKind::kCase;
  // Examples: the rules of the prefix_rule call the example belongs to
  // (RenderRule(), ", "-joined); empty for cases.
  std::string rule;
  std::string case_name;  // cases: their `name`, may be empty
  std::string command;    // the command as shown (shell-joined / as written)
  // Examples: "match" / "no match"; cases: "allow", "prompt", "forbidden" or
  // "none" (no rule may match).
  std::string expected;
  // The same vocabulary, or "invalid" (the example is not a valid command)
  // or "error" (the case cannot run: no rules, rules fail to load).
  std::string got;
  std::vector<MatchedRule> matched;  // rules that matched (at most 3 shown)
};

struct TestReport {
  int passed = 0;
  int failed = 0;
  // One per failed example or case, in the order run.
  std::vector<TestFailure> failures;
  // Files that could not be read, parsed or loaded (their examples and the
  // cases that need them are not counted).
  std::vector<lang::Diagnostic> load_errors;
  std::vector<UncoveredRule> uncovered;  // filled when asked for
};

struct TestOptions {
  bool coverage = false;
  std::string home_dir;  // for `~/` in host_executable paths
  // How program paths resolve in the decomposing check (SPEC B2); none:
  // programs named by a path are never trusted.
  const shell::PathResolver* path_resolver = nullptr;
};

TestReport RunTests(const TestTarget& target, const TestOptions& options);

}  // namespace warden::engine

#endif  // WARDEN_ENGINE_CASES_CASE_FILE_RUNNER_H_
