#include "engine/json_output.h"

namespace warden::engine {

using nlohmann::ordered_json;

ordered_json MatchJson(const RuleMatch& match) {
  ordered_json inner = ordered_json::object();
  inner["matchedPrefix"] = match.matched_prefix;
  inner["decision"] = std::string(DecisionName(match.decision()));
  if (match.resolved_program) {
    inner["resolvedProgram"] = *match.resolved_program;
  }
  if (match.rule->justification) {
    inner["justification"] = *match.rule->justification;
  }
  ordered_json out = ordered_json::object();
  out["prefixRuleMatch"] = std::move(inner);
  return out;
}

namespace {

ordered_json MatchesJson(const std::vector<RuleMatch>& matches) {
  ordered_json out = ordered_json::array();
  for (const RuleMatch& match : matches) out.push_back(MatchJson(match));
  return out;
}

}  // namespace

ordered_json PatternJson(const std::vector<PatternToken>& pattern) {
  ordered_json out = ordered_json::array();
  for (const PatternToken& token : pattern) {
    if (token.is_literal()) {
      out.push_back(token.alternatives[0]);
    } else {
      out.push_back(token.alternatives);
    }
  }
  return out;
}

ordered_json CheckJson(const CommandCheck& check) {
  ordered_json out = ordered_json::object();
  out["matchedRules"] = MatchesJson(check.matches);
  if (check.decision) {
    out["decision"] = std::string(DecisionName(*check.decision));
  }
  if (!check.complete) out["complete"] = false;
  return out;
}

ordered_json ExplainJson(const CommandCheck& check) {
  ordered_json out = ordered_json::object();
  ordered_json commands = ordered_json::array();
  for (const PartCheck& part : check.parts) {
    if (part.part.kind != PartKind::kWrapper)
      commands.push_back(part.part.argv);
  }
  out["commands"] = std::move(commands);
  out["complete"] = check.complete;
  out["matchedRules"] = MatchesJson(check.matches);
  out["decision"] =
      check.decision ? ordered_json(std::string(DecisionName(*check.decision)))
                     : ordered_json(nullptr);
  ordered_json parts = ordered_json::array();
  for (const PartCheck& part : check.parts) {
    ordered_json p = ordered_json::object();
    p["argv"] = part.part.argv;
    p["kind"] = std::string(PartKindName(part.part.kind));
    p["matchedRules"] = MatchesJson(part.matches);
    if (part.part.runner_cover > 0) p["covered"] = part.covered;
    parts.push_back(std::move(p));
  }
  out["parts"] = std::move(parts);
  out["notes"] = check.notes;
  return out;
}

ordered_json ShowJson(const Policy& policy) {
  ordered_json rules = ordered_json::array();
  for (const PrefixRule& rule : policy.rules()) {
    ordered_json r = ordered_json::object();
    r["pattern"] = PatternJson(rule.pattern);
    r["decision"] = std::string(DecisionName(rule.decision));
    if (rule.justification) r["justification"] = *rule.justification;
    SourceLocation line_only = rule.source;
    line_only.col = 0;
    r["source"] = line_only.ToString();
    rules.push_back(std::move(r));
  }
  ordered_json hosts = ordered_json::object();
  for (const auto& [name, paths] : policy.host_executables()) {
    hosts[name] = paths;
  }
  ordered_json network = ordered_json::object();
  network["allowed"] = policy.network().allowed;
  network["denied"] = policy.network().denied;
  ordered_json out = ordered_json::object();
  out["rules"] = std::move(rules);
  out["hostExecutables"] = std::move(hosts);
  out["network"] = std::move(network);
  return out;
}

std::string DumpJson(const ordered_json& json, bool pretty) {
  return json.dump(pretty ? 2 : -1, ' ', false,
                   ordered_json::error_handler_t::replace);
}

}  // namespace warden::engine
