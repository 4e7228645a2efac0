// `warden test`: runs the inline examples of .rules files and their case
// files, one line per failure, then "N passed, M failed".
//
//   warden test [--coverage] [--format text|json] [--color WHEN] [PATHS...]
//
// Exit 0 when everything passed, 1 when something failed, 2 on usage errors
// or when a file cannot be read or loaded. With --format json the whole
// report, load errors included, is one JSON object on stdout
// (engine/cases/case_file_json.h); stderr stays empty.
#include "cli/command.h"

#include <cstdio>
#include <cstdlib>
#include <memory>
#include <string>
#include <vector>

#include "cli/diagnostic_render.h"
#include "cli/system_path_resolver.h"
#include "cli/terminal.h"
#include "engine/cases/case_file_json.h"
#include "engine/cases/case_file_runner.h"
#include "engine/json_output.h"

namespace warden::cli {
namespace {

struct TestFlags {
  bool coverage = false;
  std::string format = "text";
  ColorMode color = ColorMode::kAuto;
  std::vector<std::string> paths;
};

int RunTest(const TestFlags& flags) {
  std::vector<std::string> paths = flags.paths;
  if (paths.empty()) paths.push_back(".");
  engine::TestTarget target = engine::ExpandTestPaths(paths);
  if (target.rules_files.empty() && target.case_files.empty()) {
    std::fputs(
        "warden test: no .rules or .rules_test.toml files found in the given "
        "paths\n",
        stderr);
    return kExitUsage;
  }
  engine::TestOptions options;
  options.coverage = flags.coverage;
  if (const char* home = std::getenv("HOME")) options.home_dir = home;
  options.path_resolver = &SystemPathResolver();
  engine::TestReport report = engine::RunTests(target, options);
  int exit_code = !report.load_errors.empty() ? kExitUsage
                  : report.failed > 0         ? kExitCheckFailed
                                              : kExitOk;
  if (flags.format == "json") {
    std::string out =
        engine::DumpJson(engine::TestReportJson(target, report, flags.coverage),
                         /*pretty=*/true) +
        "\n";
    std::fwrite(out.data(), 1, out.size(), stdout);
    return exit_code;
  }

  Style err_style(ShouldUseColor(flags.color, stderr));
  for (const auto& d : report.load_errors) {
    std::string text = RenderDiagnosticText(d, "", "", err_style);
    std::fwrite(text.data(), 1, text.size(), stderr);
  }
  Style style(ShouldUseColor(flags.color, stdout));
  std::string out;
  for (const engine::TestFailure& f : report.failures) {
    const lang::Diagnostic& d = f.diagnostic;
    out += style.Bold(d.file + ":" + std::to_string(d.pos.line) + ":" +
                      std::to_string(d.pos.col) + ":") +
           " " + style.BoldRed("FAIL") + " " + d.message + "\n";
  }
  if (flags.coverage) {
    if (report.uncovered.empty()) {
      out += "coverage: every rule is exercised by an example or a case\n";
    } else {
      out += "coverage: " + std::to_string(report.uncovered.size()) +
             (report.uncovered.size() == 1 ? " rule is" : " rules are") +
             " not exercised by any example or case:\n";
      for (const auto& u : report.uncovered) {
        out += "  " + u.source.ToString() + ": " + u.rule + "\n";
      }
    }
  }
  std::string passed = std::to_string(report.passed) + " passed";
  std::string failed = std::to_string(report.failed) + " failed";
  out += (report.passed > 0 ? style.Green(passed) : passed) + ", " +
         (report.failed > 0 ? style.BoldRed(failed) : failed) + "\n";
  std::fwrite(out.data(), 1, out.size(), stdout);
  return exit_code;
}

const bool registered = RegisterCommand({
    .name = "test",
    .order = 50,
    .attach =
        [](CLI::App& root, int* exit_code) {
          auto flags = std::make_shared<TestFlags>();
          auto* sub = root.add_subcommand(
              "test", "Run the inline examples and case files of .rules files");
          sub->add_flag("--coverage", flags->coverage,
                        "Also list the rules no example or case exercises");
          sub->add_option("--format", flags->format,
                          "Output format: text (default) or json")
              ->type_name("FORMAT")
              ->check(CLI::IsMember({"text", "json"}));
          AddColorOption(sub, &flags->color);
          sub->add_option("paths", flags->paths,
                          ".rules files, *.rules_test.toml case files, or "
                          "directories of both (default: .)")
              ->type_name("PATH");
          sub->footer(
              R"(Every `match` / `not_match` example of every prefix_rule counts once, and so
does every case of a case file. A case file sits beside the rules it tests
(git.rules -> git.rules_test.toml) or is given on the command line:

  # git.rules_test.toml
  rules = ["git.rules"]        # optional here: implied by the file name

  [[case]]
  command = "git push --force origin main"   # split like a `match` example
  decision = "forbidden"       # allow | prompt | forbidden | none (no match)

  [[case]]
  argv = ["git", "commit", "-m", "two words"]
  decision = "allow"
  name = "commit"              # optional, shown when it fails
  split = false                # optional: no `bash -c` decomposition

Cases are checked like `warden check --resolve-host-executables` (commands are
decomposed unless split = false). Exit 0 when all pass, 1 when any fails, 2
when a file cannot be read or loaded.

From a new rule to a green test:
  1. write the rule, with examples:
       prefix_rule(pattern = ["git", "push"], decision = "prompt",
                   match = ["git push origin main"], not_match = ["git pull"])
  2. warden test git.rules           # runs its examples
  3. add git.rules_test.toml cases for commands that must keep their decision
  4. warden test --coverage .        # lists rules nothing exercises

JSON (--format json): one object, keys in this order:
  {"files": {"rules": [...], "cases": [...]}, "passed": N, "failed": M,
   "failures": [{"file", "line", "column", "kind" (match|not_match|case),
                 "rule" (examples: the rules of the call, else null),
                 "case" (the case's name or null), "command", "expected",
                 "got", "matched": [{"rule", "source"}], "message"}],
   "loadErrors": [{"file", "line", "column", "message"}],
   "uncovered": [{"file", "line", "column", "pattern", "rule"}]}
"expected"/"got" are match / no match for examples, allow / prompt /
forbidden / none for cases; "got" is invalid for an example that is not a
command, error for a case that cannot run. "uncovered" is there only with
--coverage. Load errors go into "loadErrors" (nothing on stderr); exit codes
are the same as for text.

Examples:
  warden test
  warden test examples/ --coverage
  warden test --format json --coverage rules/ > report.json
  warden test rules/git.rules extra_cases.rules_test.toml)");
          sub->callback([flags, exit_code] { *exit_code = RunTest(*flags); });
        },
});

}  // namespace
}  // namespace warden::cli
