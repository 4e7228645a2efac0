#include "cli/diagnostic_render.h"

#include <nlohmann/json.hpp>

namespace warden::cli {
namespace {

using Json = nlohmann::ordered_json;

// Column in Unicode code points for SARIF's "unicodeCodePoints" column kind;
// our positions count bytes. Continuation bytes (10xxxxxx) are not counted.
int CodePointColumn(const lang::Diagnostic& d) {
  if (d.pos.col <= 1 || d.source_line.empty()) return d.pos.col;
  int col = 1;
  int limit =
      std::min<int>(d.pos.col - 1, static_cast<int>(d.source_line.size()));
  for (int i = 0; i < limit; ++i) {
    if ((static_cast<unsigned char>(d.source_line[i]) & 0xC0) != 0x80) ++col;
  }
  // A column past the end of the line (e.g. end of file) keeps its excess.
  return col + (d.pos.col - 1 - limit);
}

std::string Plural(int n, std::string_view word) {
  std::string out = std::to_string(n) + " " + std::string(word);
  if (n != 1) out += "s";
  return out;
}

}  // namespace

std::optional<DiagnosticFormat> ParseDiagnosticFormat(std::string_view text) {
  if (text == "text") return DiagnosticFormat::kText;
  if (text == "json") return DiagnosticFormat::kJson;
  if (text == "sarif") return DiagnosticFormat::kSarif;
  return std::nullopt;
}

LintCounts CountDiagnostics(const LintReport& report) {
  LintCounts counts;
  for (const auto& d : report.diagnostics) {
    if (d.diagnostic.severity == lang::Severity::kError) ++counts.errors;
    if (d.diagnostic.severity == lang::Severity::kWarning) ++counts.warnings;
  }
  return counts;
}

std::string RenderDiagnosticText(const lang::Diagnostic& d,
                                 std::string_view code, std::string_view hint,
                                 const Style& style) {
  // The body (source line, caret, backtrace) comes from FormatDiagnostic so
  // every warden diagnostic lines its caret up the same way; only the first
  // line is rebuilt here to add the code and colours.
  std::string plain = lang::FormatDiagnostic(d);
  size_t newline = plain.find('\n');
  std::string body =
      newline == std::string::npos ? "" : plain.substr(newline + 1);

  std::string location = d.file;
  if (d.pos.known()) {
    location +=
        ":" + std::to_string(d.pos.line) + ":" + std::to_string(d.pos.col);
  }
  std::string label(lang::SeverityName(d.severity));
  if (!code.empty()) label += "[" + std::string(code) + "]";
  label += ":";
  switch (d.severity) {
    case lang::Severity::kError:
      label = style.BoldRed(label);
      break;
    case lang::Severity::kWarning:
      label = style.BoldYellow(label);
      break;
    case lang::Severity::kNote:
      label = style.BoldCyan(label);
      break;
  }
  std::string out = style.Bold(location + ":") + " " + label + " " +
                    style.Bold(d.message) + "\n";
  if (style.enabled()) {
    // Colour the caret line: the last "^" line of the body.
    size_t caret = body.find("^\n");
    if (caret != std::string::npos) {
      body.replace(caret, 1, style.BoldGreen("^"));
    }
  }
  out += body;
  if (!hint.empty()) {
    out += "  " + style.Cyan("hint:") + " " + std::string(hint) + "\n";
  }
  return out;
}

std::string RenderLintText(const LintReport& report, const Style& style) {
  std::string out;
  for (const auto& d : report.diagnostics) {
    out += RenderDiagnosticText(d.diagnostic, d.code, d.hint, style);
  }
  LintCounts counts = CountDiagnostics(report);
  out += "checked " + Plural(report.files_checked, "file") + ": ";
  if (counts.errors == 0 && counts.warnings == 0) {
    out += style.Green("no problems found");
  } else {
    std::string errors = Plural(counts.errors, "error");
    std::string warnings = Plural(counts.warnings, "warning");
    out += (counts.errors > 0 ? style.Red(errors) : errors) + ", " +
           (counts.warnings > 0 ? style.Yellow(warnings) : warnings);
  }
  out += "\n";
  return out;
}

std::string RenderLintJson(const LintReport& report) {
  Json list = Json::array();
  for (const auto& d : report.diagnostics) {
    const engine::LintCode* entry = engine::FindLintCode(d.code);
    Json item;
    item["code"] = d.code;
    item["name"] = entry != nullptr ? std::string(entry->name) : "";
    item["severity"] = std::string(lang::SeverityName(d.diagnostic.severity));
    item["file"] = d.diagnostic.file;
    item["line"] = d.diagnostic.pos.line;
    item["column"] = d.diagnostic.pos.col;
    item["message"] = d.diagnostic.message;
    item["hint"] = d.hint;
    item["sourceLine"] = d.diagnostic.source_line;
    list.push_back(std::move(item));
  }
  LintCounts counts = CountDiagnostics(report);
  Json root;
  root["diagnostics"] = std::move(list);
  root["summary"] = {{"files", report.files_checked},
                     {"errors", counts.errors},
                     {"warnings", counts.warnings}};
  // Replace invalid UTF-8 rather than throwing: file names and source lines
  // come from the user's disk.
  return root.dump(2, ' ', false, Json::error_handler_t::replace) + "\n";
}

std::string PathToUriReference(std::string_view path) {
  static constexpr char kHex[] = "0123456789ABCDEF";
  std::string out;
  for (char c : path) {
    auto u = static_cast<unsigned char>(c);
    bool keep = (u >= 'a' && u <= 'z') || (u >= 'A' && u <= 'Z') ||
                (u >= '0' && u <= '9') || c == '-' || c == '.' || c == '_' ||
                c == '~' || c == '/';
    if (keep) {
      out += c;
    } else {
      out += '%';
      out += kHex[u >> 4];
      out += kHex[u & 15];
    }
  }
  return out;
}

std::string RenderLintSarif(const LintReport& report,
                            std::string_view tool_version) {
  const auto& codes = engine::LintCodes();
  Json rules = Json::array();
  for (const auto& entry : codes) {
    Json rule;
    rule["id"] = std::string(entry.code);
    rule["name"] = std::string(entry.name);
    rule["shortDescription"] = {{"text", std::string(entry.summary)}};
    rule["defaultConfiguration"] = {
        {"level",
         entry.severity == lang::Severity::kError ? "error" : "warning"}};
    rules.push_back(std::move(rule));
  }
  Json results = Json::array();
  for (const auto& d : report.diagnostics) {
    Json result;
    result["ruleId"] = d.code;
    for (size_t i = 0; i < codes.size(); ++i) {
      if (codes[i].code == d.code) result["ruleIndex"] = i;
    }
    switch (d.diagnostic.severity) {
      case lang::Severity::kError:
        result["level"] = "error";
        break;
      case lang::Severity::kWarning:
        result["level"] = "warning";
        break;
      case lang::Severity::kNote:
        result["level"] = "note";
        break;
    }
    std::string text = d.diagnostic.message;
    if (!d.hint.empty()) text += "\nhint: " + d.hint;
    result["message"] = {{"text", text}};
    Json physical;
    bool absolute = !d.diagnostic.file.empty() && d.diagnostic.file[0] == '/';
    physical["artifactLocation"] =
        absolute
            ? Json{{"uri", "file://" + PathToUriReference(d.diagnostic.file)}}
            : Json{{"uri", PathToUriReference(d.diagnostic.file)},
                   {"uriBaseId", "%SRCROOT%"}};
    if (d.diagnostic.pos.known()) {
      physical["region"] = {{"startLine", d.diagnostic.pos.line},
                            {"startColumn", CodePointColumn(d.diagnostic)}};
      if (!d.diagnostic.source_line.empty()) {
        physical["contextRegion"] = {
            {"startLine", d.diagnostic.pos.line},
            {"snippet", {{"text", d.diagnostic.source_line}}}};
      }
    }
    result["locations"] = Json::array({Json{{"physicalLocation", physical}}});
    results.push_back(std::move(result));
  }
  Json driver;
  driver["name"] = "warden";
  driver["version"] = std::string(tool_version);
  driver["rules"] = std::move(rules);
  Json run;
  run["tool"] = {{"driver", std::move(driver)}};
  run["columnKind"] = "unicodeCodePoints";
  run["results"] = std::move(results);
  Json root;
  root["$schema"] = "https://json.schemastore.org/sarif-2.1.0.json";
  root["version"] = "2.1.0";
  root["runs"] = Json::array({std::move(run)});
  return root.dump(2, ' ', false, Json::error_handler_t::replace) + "\n";
}

}  // namespace warden::cli
