#include "engine/lint/lint_diagnostic.h"

#include <algorithm>
#include <tuple>

namespace warden::engine {

const std::vector<LintCode>& LintCodes() {
  using lang::Severity;
  static const std::vector<LintCode> codes = {
      {"E001", "load-error", Severity::kError,
       "The file fails to evaluate: a bad argument to a builtin, an unknown "
       "name, a runtime error."},
      {"E002", "syntax-error", Severity::kError,
       "The file is not valid Starlark."},
      {"E003", "example-failed", Severity::kError,
       "An inline match/not_match example of a prefix_rule does not hold."},
      {"E004", "unreadable-file", Severity::kError,
       "The file or directory cannot be read."},
      {"W001", "duplicate-rule", Severity::kWarning,
       "Two rules have the same pattern and decision; the second changes "
       "nothing."},
      {"W002", "shadowed-rule", Severity::kWarning,
       "A rule can never decide anything: a stricter rule matches every "
       "command it matches."},
      {"W003", "whitespace-token", Severity::kWarning,
       "A pattern token contains whitespace, so it can never match a command "
       "split into words."},
      {"W004", "implicit-decision", Severity::kWarning,
       "prefix_rule without `decision`: the rule silently allows."},
      {"W005", "forbidden-without-alternative", Severity::kWarning,
       "A forbidden rule without a justification telling the agent what to "
       "do instead."},
      {"W006", "broad-allow", Severity::kWarning,
       "An allow rule on a shell, interpreter or command runner whose pattern "
       "is too short to be safe (it allows running anything)."},
      {"W007", "vacuous-not-match", Severity::kWarning,
       "A not_match example the pattern could never match anyway, so it "
       "tests nothing."},
  };
  return codes;
}

const LintCode* FindLintCode(std::string_view code) {
  for (const LintCode& entry : LintCodes()) {
    if (entry.code == code) return &entry;
  }
  return nullptr;
}

void SortLintDiagnostics(std::vector<LintDiagnostic>* diagnostics) {
  std::stable_sort(diagnostics->begin(), diagnostics->end(),
                   [](const LintDiagnostic& a, const LintDiagnostic& b) {
                     return std::tie(a.diagnostic.file, a.diagnostic.pos.line,
                                     a.diagnostic.pos.col, a.code) <
                            std::tie(b.diagnostic.file, b.diagnostic.pos.line,
                                     b.diagnostic.pos.col, b.code);
                   });
}

}  // namespace warden::engine
