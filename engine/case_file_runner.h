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
#ifndef WARDEN_ENGINE_CASE_FILE_RUNNER_H_
#define WARDEN_ENGINE_CASE_FILE_RUNNER_H_

#include <string>
#include <vector>

#include "engine/rule.h"
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
  std::string rule;  // RenderRule()
};

struct TestReport {
  int passed = 0;
  int failed = 0;
  // One per failed example or case, in the order run; severity kError,
  // located at the example or case.
  std::vector<lang::Diagnostic> failures;
  // Files that could not be read, parsed or loaded (their examples and the
  // cases that need them are not counted).
  std::vector<lang::Diagnostic> load_errors;
  std::vector<UncoveredRule> uncovered;  // filled when asked for
};

struct TestOptions {
  bool coverage = false;
  std::string home_dir;  // for `~/` in host_executable paths
};

TestReport RunTests(const TestTarget& target, const TestOptions& options);

}  // namespace warden::engine

#endif  // WARDEN_ENGINE_CASE_FILE_RUNNER_H_
