// Unit tests of cli/terminal.* and cli/diagnostic_render.* (library
// warden_cli).
#include "cli/diagnostic_render.h"

#include <gtest/gtest.h>

#include <nlohmann/json.hpp>

#include "cli/terminal.h"

namespace warden::cli {
namespace {

TEST(TerminalTest, ParseColorMode) {
  EXPECT_EQ(ParseColorMode("auto"), ColorMode::kAuto);
  EXPECT_EQ(ParseColorMode("always"), ColorMode::kAlways);
  EXPECT_EQ(ParseColorMode("never"), ColorMode::kNever);
  EXPECT_EQ(ParseColorMode("yes"), std::nullopt);
}

TerminalFacts Facts(bool tty, std::optional<std::string> no_color = {},
                    std::optional<std::string> term = {}) {
  TerminalFacts facts;
  facts.is_tty = tty;
  facts.no_color = std::move(no_color);
  facts.term = std::move(term);
  return facts;
}

TEST(TerminalTest, AutoNeedsATerminalAndNoNoColor) {
  TerminalFacts tty = Facts(true);
  EXPECT_TRUE(DecideColor(ColorMode::kAuto, tty));
  TerminalFacts pipe = Facts(false);
  EXPECT_FALSE(DecideColor(ColorMode::kAuto, pipe));
  TerminalFacts no_color = Facts(true, "1");
  EXPECT_FALSE(DecideColor(ColorMode::kAuto, no_color));
  // no-color.org: an empty NO_COLOR does not disable colour.
  TerminalFacts empty_no_color = Facts(true, "");
  EXPECT_TRUE(DecideColor(ColorMode::kAuto, empty_no_color));
  TerminalFacts dumb = Facts(true, std::nullopt, "dumb");
  EXPECT_FALSE(DecideColor(ColorMode::kAuto, dumb));
}

TEST(TerminalTest, ExplicitFlagBeatsTheEnvironment) {
  TerminalFacts facts = Facts(false, "1");
  EXPECT_TRUE(DecideColor(ColorMode::kAlways, facts));
  TerminalFacts tty = Facts(true);
  EXPECT_FALSE(DecideColor(ColorMode::kNever, tty));
}

TEST(TerminalTest, StyleWrapsOnlyWhenEnabled) {
  EXPECT_EQ(Style(false).BoldRed("x"), "x");
  EXPECT_EQ(Style(true).BoldRed("x"), "\x1b[1;31mx\x1b[0m");
  EXPECT_EQ(Style(true).Green(""), "");
}

TEST(TerminalTest, ColorOptionValidates) {
  CLI::App app;
  ColorMode mode = ColorMode::kAuto;
  AddColorOption(&app, &mode);
  app.parse(std::vector<std::string>{"--color=never"});
  EXPECT_EQ(mode, ColorMode::kNever);
  CLI::App bad;
  AddColorOption(&bad, &mode);
  EXPECT_THROW(bad.parse(std::vector<std::string>{"--color=sometimes"}),
               CLI::ValidationError);
}

engine::LintDiagnostic Warning() {
  engine::LintDiagnostic d;
  d.code = "W001";
  d.diagnostic.severity = lang::Severity::kWarning;
  d.diagnostic.file = "rules/git.rules";
  d.diagnostic.pos = {3, 5};
  d.diagnostic.message = "duplicate rule";
  d.diagnostic.source_line = "    prefix_rule(pattern = [\"git\"])";
  d.hint = "delete one of them";
  return d;
}

engine::LintDiagnostic Error() {
  engine::LintDiagnostic d;
  d.code = "E004";
  d.diagnostic.severity = lang::Severity::kError;
  d.diagnostic.file = "missing dir/x.rules";
  d.diagnostic.message = "cannot read file";
  return d;
}

TEST(DiagnosticRenderTest, TextHasCodeCaretHintAndSummary) {
  LintReport report{{Warning(), Error()}, 2};
  EXPECT_EQ(RenderLintText(report, Style(false)),
            "rules/git.rules:3:5: warning[W001]: duplicate rule\n"
            "        prefix_rule(pattern = [\"git\"])\n"
            "        ^\n"
            "  hint: delete one of them\n"
            "missing dir/x.rules: error[E004]: cannot read file\n"
            "checked 2 files: 1 error, 1 warning\n");
}

TEST(DiagnosticRenderTest, TextWithoutProblems) {
  LintReport report{{}, 1};
  EXPECT_EQ(RenderLintText(report, Style(false)),
            "checked 1 file: no problems found\n");
}

TEST(DiagnosticRenderTest, ColouredTextOnlyAddsEscapes) {
  LintReport report{{Warning()}, 1};
  std::string coloured = RenderLintText(report, Style(true));
  EXPECT_NE(coloured.find("\x1b[1;33mwarning[W001]:\x1b[0m"),
            std::string::npos);
  // Stripping the escapes gives the plain text back.
  std::string stripped;
  for (size_t i = 0; i < coloured.size(); ++i) {
    if (coloured[i] == '\x1b') {
      i = coloured.find('m', i);
      continue;
    }
    stripped += coloured[i];
  }
  EXPECT_EQ(stripped, RenderLintText(report, Style(false)));
}

TEST(DiagnosticRenderTest, Json) {
  LintReport report{{Warning()}, 3};
  auto json = nlohmann::json::parse(RenderLintJson(report));
  ASSERT_EQ(json["diagnostics"].size(), 1u);
  const auto& d = json["diagnostics"][0];
  EXPECT_EQ(d["code"], "W001");
  EXPECT_EQ(d["name"], "duplicate-rule");
  EXPECT_EQ(d["severity"], "warning");
  EXPECT_EQ(d["file"], "rules/git.rules");
  EXPECT_EQ(d["line"], 3);
  EXPECT_EQ(d["column"], 5);
  EXPECT_EQ(d["hint"], "delete one of them");
  EXPECT_EQ(json["summary"],
            nlohmann::json({{"files", 3}, {"errors", 0}, {"warnings", 1}}));
}

TEST(DiagnosticRenderTest, SarifStructure) {
  engine::LintDiagnostic unicode = Warning();
  unicode.diagnostic.source_line = "é = [\"x\"]";  // 'é' is 2 bytes
  unicode.diagnostic.pos = {1, 4};                 // the '=' (byte column 4)
  LintReport report{{unicode, Error()}, 2};
  auto log = nlohmann::json::parse(RenderLintSarif(report, "9.9"));
  EXPECT_EQ(log["version"], "2.1.0");
  ASSERT_EQ(log["runs"].size(), 1u);
  const auto& run = log["runs"][0];
  EXPECT_EQ(run["tool"]["driver"]["name"], "warden");
  EXPECT_EQ(run["tool"]["driver"]["version"], "9.9");
  EXPECT_EQ(run["tool"]["driver"]["rules"].size(), engine::LintCodes().size());
  EXPECT_EQ(run["columnKind"], "unicodeCodePoints");
  ASSERT_EQ(run["results"].size(), 2u);
  const auto& first = run["results"][0];
  EXPECT_EQ(first["ruleId"], "W001");
  EXPECT_EQ(first["level"], "warning");
  int index = first["ruleIndex"];
  EXPECT_EQ(run["tool"]["driver"]["rules"][index]["id"], "W001");
  EXPECT_EQ(first["message"]["text"],
            "duplicate rule\nhint: delete one of them");
  const auto& location = first["locations"][0]["physicalLocation"];
  EXPECT_EQ(location["artifactLocation"]["uri"], "rules/git.rules");
  EXPECT_EQ(location["artifactLocation"]["uriBaseId"], "%SRCROOT%");
  EXPECT_EQ(location["region"]["startLine"], 1);
  EXPECT_EQ(location["region"]["startColumn"], 3);
  // No position: no region, and the path is percent-encoded.
  const auto& second = run["results"][1]["locations"][0]["physicalLocation"];
  EXPECT_EQ(second["artifactLocation"]["uri"], "missing%20dir/x.rules");
  EXPECT_FALSE(second.contains("region"));
  EXPECT_EQ(run["results"][1]["level"], "error");
}

TEST(DiagnosticRenderTest, UriReference) {
  EXPECT_EQ(PathToUriReference("a b/ç#.rules"), "a%20b/%C3%A7%23.rules");
}

TEST(DiagnosticRenderTest, FormatNames) {
  EXPECT_EQ(ParseDiagnosticFormat("sarif"), DiagnosticFormat::kSarif);
  EXPECT_EQ(ParseDiagnosticFormat("SARIF"), std::nullopt);
}

}  // namespace
}  // namespace warden::cli
