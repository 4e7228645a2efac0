// Plain data for compiled rules: prefix-rule patterns, their provenance, and
// what a match reports. Nothing here knows Starlark; the loader fills these
// structures in and the matchers read them.
#ifndef WARDEN_ENGINE_RULES_RULE_H_
#define WARDEN_ENGINE_RULES_RULE_H_

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "engine/rules/argv_view.h"
#include "engine/rules/decision.h"

namespace warden::engine {

// Where a rule was written: the `prefix_rule(...)` call expression.
// line/col are 1-based; 0 means unknown.
struct SourceLocation {
  std::string file;
  int line = 0;
  int col = 0;

  // "file:line:col" (or just "file" / "" when parts are unknown).
  std::string ToString() const;
  friend bool operator==(const SourceLocation&,
                         const SourceLocation&) = default;
};

// One pattern position: a literal token or a set of alternatives.
// Invariant: `alternatives` is non-empty and holds no duplicates in the order
// written (the loader keeps the author's order for display; a duplicate
// alternative changes nothing for matching).
struct PatternToken {
  std::vector<std::string> alternatives;

  PatternToken() = default;
  explicit PatternToken(std::string literal) {
    alternatives.push_back(std::move(literal));
  }
  explicit PatternToken(std::vector<std::string> alts)
      : alternatives(std::move(alts)) {}

  bool Matches(std::string_view token) const {
    for (const std::string& alt : alternatives) {
      if (alt == token) return true;
    }
    return false;
  }
  bool is_literal() const { return alternatives.size() == 1; }
  friend bool operator==(const PatternToken&, const PatternToken&) = default;
};

// What one `prefix_rule(...)` call asks for, before first-position
// alternatives are expanded into one rule per program.
struct RuleSpec {
  std::vector<PatternToken> pattern;  // non-empty
  Decision decision = Decision::kAllow;
  std::optional<std::string> justification;
  SourceLocation source;
};

// A compiled prefix rule. Invariant: pattern[0] is a single literal (the
// program); alternatives only appear at later positions.
struct PrefixRule {
  std::vector<PatternToken> pattern;
  Decision decision = Decision::kAllow;
  std::optional<std::string> justification;
  SourceLocation source;
  // Definition order across the whole policy (file order, then call order,
  // then first-token alternative order). Matches are reported in this order.
  uint32_t index = 0;
  // The prefix_rule call this rule came from; rules expanded from one call's
  // first-position alternatives share it.
  uint32_t call = 0;

  const std::string& program() const { return pattern[0].alternatives[0]; }
  size_t length() const { return pattern.size(); }
};

// True when `rule` matches `argv` (prefix semantics of SPEC A3): the
// definition both matchers must agree with, and how inline examples are
// checked against the handful of rules one prefix_rule call makes.
bool RuleMatches(const PrefixRule& rule, ArgvView argv);

// Renders a pattern the way `warden show` and example errors print it:
// ["git", ["push", "fetch"]] — JSON-like, strings double-quoted.
std::string RenderPattern(const std::vector<PatternToken>& pattern);

// Renders a rule for error messages:
// prefix_rule(pattern=["git", "push"], decision="forbidden")
std::string RenderRule(const PrefixRule& rule);

}  // namespace warden::engine

#endif  // WARDEN_ENGINE_RULES_RULE_H_
