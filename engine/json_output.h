// JSON renderings of engine results, so every front end prints the same
// shapes. Key order is part of the contract (nlohmann::ordered_json).
//
//  check   (SPEC A8): {"matchedRules":[{"prefixRuleMatch":{"matchedPrefix":
//          [...],"decision":"...","resolvedProgram":"...","justification":
//          "..."}}],"decision":"...","complete":false}
//          resolvedProgram/justification only when set; decision only when
//          something matched; complete only when false.
//  explain {"commands":[[...]],"complete":bool,"matchedRules":[...],
//          "decision":"..."|null,"parts":[{"argv":[...],"kind":"command"|
//          "wrapper"|"inner","matchedRules":[...]}],"notes":[...]}
//  show    {"rules":[{"pattern":[...],"decision":"...","justification":"...",
//          "source":"file:line"}],"hostExecutables":{"git":["/usr/bin/git"]},
//          "network":{"allowed":[...],"denied":[...]}}
#ifndef WARDEN_ENGINE_JSON_OUTPUT_H_
#define WARDEN_ENGINE_JSON_OUTPUT_H_

#include <nlohmann/json.hpp>
#include <string>
#include <vector>

#include "engine/check.h"
#include "engine/rules/policy.h"

namespace warden::engine {

nlohmann::ordered_json MatchJson(const RuleMatch& match);
// A pattern as `show --json` writes it: a literal token as a string, a set of
// alternatives as an array of strings.
nlohmann::ordered_json PatternJson(const std::vector<PatternToken>& pattern);
nlohmann::ordered_json CheckJson(const CommandCheck& check);
nlohmann::ordered_json ExplainJson(const CommandCheck& check);
nlohmann::ordered_json ShowJson(const Policy& policy);

// Compact (no spaces) or indented by 2; invalid UTF-8 in command words is
// replaced with U+FFFD instead of throwing.
std::string DumpJson(const nlohmann::ordered_json& json, bool pretty);

}  // namespace warden::engine

#endif  // WARDEN_ENGINE_JSON_OUTPUT_H_
