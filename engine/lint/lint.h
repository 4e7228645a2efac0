// `warden lint`: every problem in a set of .rules files, each file on its
// own (one broken file never hides the others' results).
//
// Errors (the file does not load): E002 syntax, E001 evaluation (bad
// arguments, unknown names, ...), E003 failing inline examples, E004
// unreadable. Warnings, from the compiled rules of a file that loads:
//   W001 duplicate rule (same pattern, same decision);
//   W002 shadowed rule: a stricter rule matches every command it matches
//        (its pattern is no longer and each of its positions allows at least
//        the same tokens), so it can never decide anything. Files linted
//        together are one policy (as a rules directory is loaded), so the
//        stricter rule may be in another file; the message names its
//        file:line;
//   W003 a pattern token containing whitespace (never matches a split argv);
//   W004 `decision` omitted (the rule silently allows);
//   W005 forbidden without a justification naming an alternative;
//   W006 an allow rule on a shell, interpreter or runner whose pattern stops
//        before naming what runs (`bash`, `bash -c`, `python3 -c`, `env`,
//        `sudo`, `xargs -0`, ...);
//   W007 a literal not_match example whose program is not the pattern's, so
//        the pattern could never match it anyway.
// See engine/lint/lint_diagnostic.h for the stable code table.
#ifndef WARDEN_ENGINE_LINT_LINT_H_
#define WARDEN_ENGINE_LINT_LINT_H_

#include <string>
#include <utility>
#include <vector>

#include "engine/lint/lint_calls.h"
#include "engine/lint/lint_diagnostic.h"
#include "engine/rules/loader.h"
#include "engine/rules/rule.h"
#include "lang/source.h"

namespace warden::engine {

struct LintRun {
  std::vector<LintDiagnostic> diagnostics;  // by file as given, then position
  int files = 0;                            // files examined
};

// Each file is loaded with `options` (as the loader would load it, so
// `~/` in host_executable paths expands against options.home_dir; the engine
// reads no environment: the front end fills it in).
//
// Lints `paths`: files, or directories meaning their *.rules regular files
// (sorted by name, not recursive). A path that cannot be read is an E004.
// Each file is loaded on its own (one that fails to load is reported and
// left out of the cross-file checks), then the files that loaded are checked
// against each other (W002).
LintRun LintPaths(const std::vector<std::string>& paths,
                  const LoadOptions& options = {});

// LintPaths for files given as (name, text) pairs.
LintRun LintSources(
    const std::vector<std::pair<std::string, std::string>>& files,
    const LoadOptions& options = {});

// Lints one file given as text (`name` is how messages name it).
std::vector<LintDiagnostic> LintSource(const std::string& name,
                                       std::string text,
                                       const LoadOptions& options = {});

// The rule-level warnings for `rules` (all made by `source`), given its call
// sites. Exposed for tests.
std::vector<LintDiagnostic> LintRules(const std::vector<PrefixRule>& rules,
                                      const std::vector<RuleCallSite>& calls,
                                      const lang::Source& source);

// One loaded file's rules, for the cross-file checks. Pointers, not owned.
struct FileRules {
  const lang::Source* source;
  const std::vector<PrefixRule>* rules;  // all made by `source`
  const std::vector<RuleCallSite>* calls;
};

// W002 across files: a rule of one file that a stricter rule of another file
// covers (and no stricter rule of its own file does: LintRules reports
// those). Located in the shadowed rule's file; unsorted.
std::vector<LintDiagnostic> LintAcrossFiles(
    const std::vector<FileRules>& files);

// Expands directories into their *.rules files (sorted, non-recursive);
// files are kept as given. Unreadable directories are returned as is (the
// caller reports them when it fails to read them).
std::vector<std::string> ExpandRulesPaths(
    const std::vector<std::string>& paths);

}  // namespace warden::engine

#endif  // WARDEN_ENGINE_LINT_LINT_H_
