// What `warden lint` reports: a located message with a stable code, and the
// table of every code lint can emit.
//
// Codes are part of warden's interface (users suppress or grep for them, CI
// code scanning keys results by them): a code is never reused for another
// meaning and never renumbered. Exxx are errors (the file does not load),
// Wxxx warnings (the file loads but a rule is suspicious).
#ifndef WARDEN_ENGINE_LINT_LINT_DIAGNOSTIC_H_
#define WARDEN_ENGINE_LINT_LINT_DIAGNOSTIC_H_

#include <string>
#include <string_view>
#include <vector>

#include "lang/source.h"

namespace warden::engine {

// One entry of the code table.
struct LintCode {
  std::string_view code;     // "W001"
  std::string_view name;     // "duplicate-rule": a stable slug
  lang::Severity severity;   // kError for Exxx, kWarning for Wxxx
  std::string_view summary;  // one line, used in --help and SARIF
};

// Every code, in code order (errors first).
const std::vector<LintCode>& LintCodes();

// The entry for `code`, or nullptr.
const LintCode* FindLintCode(std::string_view code);

// Stable codes (see LintCodes() for their meaning).
inline constexpr std::string_view kLintLoadError = "E001";
inline constexpr std::string_view kLintSyntaxError = "E002";
inline constexpr std::string_view kLintExampleFailed = "E003";
inline constexpr std::string_view kLintUnreadable = "E004";
inline constexpr std::string_view kLintDuplicateRule = "W001";
inline constexpr std::string_view kLintShadowedRule = "W002";
inline constexpr std::string_view kLintWhitespaceToken = "W003";
inline constexpr std::string_view kLintImplicitDecision = "W004";
inline constexpr std::string_view kLintForbiddenWithoutAlternative = "W005";
inline constexpr std::string_view kLintBroadAllow = "W006";
inline constexpr std::string_view kLintVacuousNotMatch = "W007";

// One finding. `diagnostic` carries severity, file, 1-based line:col (bytes),
// the message and the text of the line it points into; `hint` says how to fix
// it (may be empty).
struct LintDiagnostic {
  std::string code;
  lang::Diagnostic diagnostic;
  std::string hint;
};

// Orders diagnostics by file, line, column, then code, so output is stable
// whatever order the checks ran in.
void SortLintDiagnostics(std::vector<LintDiagnostic>* diagnostics);

}  // namespace warden::engine

#endif  // WARDEN_ENGINE_LINT_LINT_DIAGNOSTIC_H_
