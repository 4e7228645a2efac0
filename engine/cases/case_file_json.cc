#include "engine/cases/case_file_json.h"

#include <string>

#include "engine/json_output.h"

namespace warden::engine {
namespace {

using nlohmann::ordered_json;

ordered_json StringOrNull(const std::string& s) {
  return s.empty() ? ordered_json(nullptr) : ordered_json(s);
}

ordered_json Located(const lang::Diagnostic& d) {
  ordered_json out = ordered_json::object();
  out["file"] = d.file;
  out["line"] = d.pos.line;
  out["column"] = d.pos.col;
  return out;
}

ordered_json FailureJson(const TestFailure& f) {
  ordered_json out = Located(f.diagnostic);
  out["kind"] = std::string(TestKindName(f.kind));
  out["rule"] = StringOrNull(f.rule);
  out["case"] = StringOrNull(f.case_name);
  out["command"] = f.command;
  out["expected"] = f.expected;
  out["got"] = f.got;
  ordered_json matched = ordered_json::array();
  for (const MatchedRule& m : f.matched) {
    ordered_json item = ordered_json::object();
    item["rule"] = m.rule;
    item["source"] = m.source.ToString();
    matched.push_back(std::move(item));
  }
  out["matched"] = std::move(matched);
  out["message"] = f.diagnostic.message;
  return out;
}

}  // namespace

ordered_json TestReportJson(const TestTarget& target, const TestReport& report,
                            bool coverage) {
  ordered_json root = ordered_json::object();
  ordered_json files = ordered_json::object();
  files["rules"] = target.rules_files;
  files["cases"] = target.case_files;
  root["files"] = std::move(files);
  root["passed"] = report.passed;
  root["failed"] = report.failed;
  ordered_json failures = ordered_json::array();
  for (const TestFailure& f : report.failures) {
    failures.push_back(FailureJson(f));
  }
  root["failures"] = std::move(failures);
  ordered_json load_errors = ordered_json::array();
  for (const lang::Diagnostic& d : report.load_errors) {
    ordered_json item = Located(d);
    item["message"] = d.message;
    load_errors.push_back(std::move(item));
  }
  root["loadErrors"] = std::move(load_errors);
  if (coverage) {
    ordered_json uncovered = ordered_json::array();
    for (const UncoveredRule& u : report.uncovered) {
      ordered_json item = ordered_json::object();
      item["file"] = u.source.file;
      item["line"] = u.source.line;
      item["column"] = u.source.col;
      item["pattern"] = PatternJson(u.pattern);
      item["rule"] = u.rule;
      uncovered.push_back(std::move(item));
    }
    root["uncovered"] = std::move(uncovered);
  }
  return root;
}

}  // namespace warden::engine
