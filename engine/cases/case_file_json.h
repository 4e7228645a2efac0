// The JSON form of a `warden test` run, for tools (CI annotations, editors).
// Key order is part of the contract (nlohmann::ordered_json):
//
//   {"files": {"rules": [PATH...], "cases": [PATH...]},
//    "passed": N, "failed": M,
//    "failures": [{"file", "line", "column",
//                  "kind": "match"|"not_match"|"case",
//                  "rule": "prefix_rule(...)" | null   (examples: the rules
//                          of the example's call; cases: null),
//                  "case": NAME | null                (cases with a name),
//                  "command": "git push",
//                  "expected": "match"|"no match"|"allow"|"prompt"|
//                              "forbidden"|"none",
//                  "got": the same vocabulary, or "invalid" / "error",
//                  "matched": [{"rule", "source": "file:line:col"}],
//                  "message": the text output's message}],
//    "loadErrors": [{"file", "line", "column", "message"}],
//    "uncovered": [{"file", "line", "column", "pattern": [...],
//                   "rule"}]                       (only with --coverage)}
//
// `line`/`column` are 1-based; 0 when a load error concerns the whole file.
// A pattern is shown as in `warden show --json`: a string per literal
// position, a list of strings per alternatives position.
#ifndef WARDEN_ENGINE_CASES_CASE_FILE_JSON_H_
#define WARDEN_ENGINE_CASES_CASE_FILE_JSON_H_

#include <nlohmann/json.hpp>

#include "engine/cases/case_file_runner.h"

namespace warden::engine {

nlohmann::ordered_json TestReportJson(const TestTarget& target,
                                      const TestReport& report, bool coverage);

}  // namespace warden::engine

#endif  // WARDEN_ENGINE_CASES_CASE_FILE_JSON_H_
