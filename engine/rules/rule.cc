#include "engine/rules/rule.h"

#include <nlohmann/json.hpp>

namespace warden::engine {

bool RuleMatches(const PrefixRule& rule, ArgvView argv) {
  if (argv.size() < rule.length()) return false;
  for (size_t i = 0; i < rule.length(); ++i) {
    if (!rule.pattern[i].Matches(argv[i])) return false;
  }
  return true;
}

std::string SourceLocation::ToString() const {
  if (file.empty() && line == 0) return "";
  std::string out = file;
  if (line > 0) {
    out += ":" + std::to_string(line);
    if (col > 0) out += ":" + std::to_string(col);
  }
  return out;
}

namespace {

// JSON string quoting gives an unambiguous rendering of arbitrary bytes;
// invalid UTF-8 is replaced rather than thrown on.
std::string Quote(const std::string& s) {
  return nlohmann::json(s).dump(-1, ' ', false,
                                nlohmann::json::error_handler_t::replace);
}

}  // namespace

std::string RenderPattern(const std::vector<PatternToken>& pattern) {
  std::string out = "[";
  for (size_t i = 0; i < pattern.size(); ++i) {
    if (i > 0) out += ", ";
    const PatternToken& token = pattern[i];
    if (token.is_literal()) {
      out += Quote(token.alternatives[0]);
      continue;
    }
    out += "[";
    for (size_t j = 0; j < token.alternatives.size(); ++j) {
      if (j > 0) out += ", ";
      out += Quote(token.alternatives[j]);
    }
    out += "]";
  }
  out += "]";
  return out;
}

std::string RenderRule(const PrefixRule& rule) {
  std::string out = "prefix_rule(pattern=" + RenderPattern(rule.pattern) +
                    ", decision=\"" + std::string(DecisionName(rule.decision)) +
                    "\"";
  if (rule.justification) {
    out += ", justification=" + Quote(*rule.justification);
  }
  out += ")";
  return out;
}

}  // namespace warden::engine
