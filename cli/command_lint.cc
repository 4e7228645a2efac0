// `warden lint`: diagnostics for .rules files, with stable codes.
//
//   warden lint [--format text|json|sarif] [--strict] [--color WHEN] PATHS...
//
// Exit 0 when no errors were found (warnings allowed unless --strict), 1 when
// errors (or, with --strict, warnings) were found, 2 on usage errors.
#include <cstdio>
#include <memory>
#include <string>
#include <vector>

#include "cli/command.h"
#include "cli/diagnostic_render.h"
#include "cli/policy_loading.h"
#include "cli/terminal.h"
#include "engine/lint/lint.h"
#include "engine/lint/lint_diagnostic.h"

namespace warden::cli {
namespace {

struct LintFlags {
  std::string format = "text";
  bool strict = false;
  ColorMode color = ColorMode::kAuto;
  std::vector<std::string> paths;
};

std::string CodeTable() {
  std::string out = "Codes:\n";
  for (const auto& code : engine::LintCodes()) {
    out += "  " + std::string(code.code) + " " + std::string(code.name) +
           "\n      " + std::string(code.summary) + "\n";
  }
  return out;
}

int RunLint(const LintFlags& flags) {
  std::optional<DiagnosticFormat> format = ParseDiagnosticFormat(flags.format);
  if (!format) {  // CLI11 validated it already; keep the compiler honest
    std::fprintf(stderr, "warden lint: unknown format %s\n",
                 flags.format.c_str());
    return kExitUsage;
  }
  LintReport report;
  engine::LintRun run =
      engine::LintPaths(flags.paths, LoadOptionsFromEnvironment());
  report.diagnostics = std::move(run.diagnostics);
  report.files_checked = run.files;
  std::string out;
  switch (*format) {
    case DiagnosticFormat::kText:
      out = RenderLintText(report, Style(ShouldUseColor(flags.color, stdout)));
      break;
    case DiagnosticFormat::kJson:
      out = RenderLintJson(report);
      break;
    case DiagnosticFormat::kSarif:
      out = RenderLintSarif(report, WARDEN_VERSION);
      break;
  }
  std::fwrite(out.data(), 1, out.size(), stdout);
  LintCounts counts = CountDiagnostics(report);
  if (counts.errors > 0 || (flags.strict && counts.warnings > 0)) {
    return kExitCheckFailed;
  }
  return kExitOk;
}

const bool registered = RegisterCommand({
    .name = "lint",
    .order = 40,
    .attach =
        [](CLI::App& root, int* exit_code) {
          auto flags = std::make_shared<LintFlags>();
          auto* sub = root.add_subcommand(
              "lint", "Find mistakes and risky rules in .rules files");
          sub->add_option("--format", flags->format,
                          "Output format: text, json or sarif (SARIF 2.1.0, "
                          "for code scanning)")
              ->type_name("FORMAT")
              ->check(CLI::IsMember({"text", "json", "sarif"}));
          sub->add_flag("--strict", flags->strict,
                        "Exit 1 on warnings too, not only on errors");
          AddColorOption(sub, &flags->color);
          sub->add_option("paths", flags->paths,
                          ".rules files, or directories of them")
              ->required()
              ->type_name("PATH");
          sub->footer(
              "Each file is loaded on its own, so one broken file never hides "
              "the others' results.\nErrors (E) mean the file does not load; "
              "warnings (W) point at rules that are\nprobably not what you "
              "meant. Exit 1 on errors (and on warnings with --strict).\n\n" +
              CodeTable() +
              "\nExamples:\n"
              "  warden lint examples/\n"
              "  warden lint --strict ~/.codex/rules/default.rules\n"
              "  warden lint --format sarif rules/ > warden.sarif");
          sub->callback([flags, exit_code] { *exit_code = RunLint(*flags); });
        },
});

}  // namespace
}  // namespace warden::cli
