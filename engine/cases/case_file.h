// External policy test cases: `*.rules_test.toml` files.
//
// A case file lists commands and the decision each must get from a set of
// rules files. It sits beside the rules it tests (`git.rules_test.toml` tests
// `git.rules`) or is named on the `warden test` command line. Format (TOML):
//
//   # Rules these cases run against, relative to this file. A string or a
//   # list. Default: the rules file the name implies (x.rules_test.toml ->
//   # x.rules in the same folder).
//   rules = ["git.rules"]
//
//   [[case]]
//   command = "git push --force origin main"  # split like a `match`
//                                     # example string (SPEC A4)
//   decision = "forbidden"            # allow | prompt | forbidden | none
//
//   [[case]]
//   argv = ["git", "commit", "-m", "two words"]  # exact words instead
//   decision = "allow"
//   name = "commit with a message"    # optional: shown when it fails
//   rules = "other.rules"             # optional: overrides the file's rules
//   split = false                     # optional: match argv exactly, without
//                                     # decomposing `bash -c` etc. (default
//                                     # true, like `warden check`)
//
// `decision = "none"` means no rule may match. Exactly one of `command` and
// `argv` is required. Unknown keys are errors (a typo must not silently
// weaken a test). Errors are reported as FILE:LINE:COL diagnostics, all of
// them, not only the first.
#ifndef WARDEN_ENGINE_CASES_CASE_FILE_H_
#define WARDEN_ENGINE_CASES_CASE_FILE_H_

#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "engine/rules/decision.h"
#include "lang/source.h"

namespace warden::engine {

// The file-name suffix that marks a case file beside its rules.
inline constexpr std::string_view kCaseFileSuffix = ".rules_test.toml";

struct TestCase {
  std::string name;               // may be empty
  std::vector<std::string> argv;  // non-empty
  // How the command is shown in messages: `command` as written, or the argv
  // rendered as a JSON-like list.
  std::string display;
  std::optional<Decision> expected;  // nullopt: "none", no rule may match
  // Resolved rules paths for this case; empty means the file's `rules`.
  std::vector<std::string> rules;
  bool split = true;
  lang::Position pos;  // of the [[case]] table header
};

struct CaseFile {
  std::string path;
  // Resolved (joined with the case file's folder) rules paths; may be empty
  // when the file names none and its name implies none.
  std::vector<std::string> rules;
  std::vector<TestCase> cases;
};

struct CaseFileResult {
  CaseFile file;
  std::vector<lang::Diagnostic> errors;  // empty on success
  bool ok() const { return errors.empty(); }
};

// Parses the text of a case file. `source.name()` is the file's path, used
// for messages and to resolve relative rules paths.
CaseFileResult ParseCaseFile(const lang::Source& source);

// Reads and parses the file at `path` (errors if it cannot be read).
CaseFileResult ReadCaseFile(const std::string& path);

// "x/git.rules_test.toml" -> "x/git.rules"; "" when `path` does not end in
// kCaseFileSuffix.
std::string DefaultRulesFor(std::string_view case_file_path);

}  // namespace warden::engine

#endif  // WARDEN_ENGINE_CASES_CASE_FILE_H_
