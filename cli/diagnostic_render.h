// Renders lint diagnostics (and plain load errors) for people and machines:
//   text  — "FILE:LINE:COL: warning[W001]: MESSAGE", the source line with a
//           caret (lang::FormatDiagnostic's layout), "  hint: ...", and a
//           closing summary line; coloured when a Style says so;
//   json  — {"diagnostics":[...],"summary":{...}}, keys in a fixed order;
//   sarif — a SARIF 2.1.0 log with one run, so GitHub code scanning and other
//           SARIF viewers can show the results.
// All renderers are pure functions of their input: the same diagnostics give
// the same bytes (golden tests depend on it).
#ifndef WARDEN_CLI_DIAGNOSTIC_RENDER_H_
#define WARDEN_CLI_DIAGNOSTIC_RENDER_H_

#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "cli/terminal.h"
#include "engine/lint/lint_diagnostic.h"
#include "lang/source.h"

namespace warden::cli {

enum class DiagnosticFormat { kText, kJson, kSarif };

// "text" / "json" / "sarif"; nullopt otherwise.
std::optional<DiagnosticFormat> ParseDiagnosticFormat(std::string_view text);

// Everything one `warden lint` run found.
struct LintReport {
  std::vector<engine::LintDiagnostic> diagnostics;  // in display order
  int files_checked = 0;
};

struct LintCounts {
  int errors = 0;
  int warnings = 0;
};
LintCounts CountDiagnostics(const LintReport& report);

// One diagnostic in text form, ending with a newline. `code` and `hint` may
// be empty (plain load errors of `warden test`/`fmt`).
std::string RenderDiagnosticText(const lang::Diagnostic& diagnostic,
                                 std::string_view code, std::string_view hint,
                                 const Style& style);

// Every diagnostic, then "checked N files: X errors, Y warnings" (or "...: no
// problems found").
std::string RenderLintText(const LintReport& report, const Style& style);

// Pretty-printed JSON (2-space indent), ending with a newline.
std::string RenderLintJson(const LintReport& report);

// A SARIF 2.1.0 log, pretty-printed, ending with a newline. Every lint code is
// listed as a reporting descriptor (rule) so ruleIndex values are stable.
std::string RenderLintSarif(const LintReport& report,
                            std::string_view tool_version);

// Percent-encodes a path for a SARIF artifactLocation.uri: unreserved
// characters and '/' stay, everything else becomes %XX.
std::string PathToUriReference(std::string_view path);

}  // namespace warden::cli

#endif  // WARDEN_CLI_DIAGNOSTIC_RENDER_H_
