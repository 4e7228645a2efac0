// What the syntax tree of a .rules file says about its prefix_rule calls,
// beyond what the compiled Policy keeps: whether `decision` was written, and
// the inline examples when they are literals.
//
// Used by lint (implicit decision, vacuous not_match) and by `warden test`,
// which needs every inline example individually: the loader stops at the first
// failing call, so `warden test` loads a copy of the file in which literal
// example lists are replaced by `None` (same byte length, same newlines, so
// every position in the file is unchanged) and checks those examples itself.
// Example lists that are not literals (a variable, a comprehension) stay in
// place and are checked by the loader as usual.
#ifndef WARDEN_ENGINE_LINT_LINT_CALLS_H_
#define WARDEN_ENGINE_LINT_LINT_CALLS_H_

#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include "engine/rules/rule.h"
#include "lang/source.h"

namespace warden::engine {

// One literal example: its argv, or the error splitting it gave (the loader's
// "invalid example: ..." text).
struct LiteralExample {
  uint32_t offset = 0;  // of the example in the source
  std::vector<std::string> argv;
  std::string error;  // non-empty: not a valid example
};

struct LiteralExamples {
  uint32_t begin = 0;  // the list's byte range [begin, end) in the source
  uint32_t end = 0;
  std::vector<LiteralExample> examples;
};

// One `prefix_rule(...)` call site. A call inside a loop is one site that
// may make several calls at run time.
struct RuleCallSite {
  uint32_t offset = 0;  // of the call's '(' (where the loader locates rules)
  lang::Position pos;   // the same as line:col
  uint32_t name_offset = 0;  // of the `prefix_rule` name
  bool has_decision = false;
  // Set when the argument is present and a literal list.
  std::optional<LiteralExamples> match;
  std::optional<LiteralExamples> not_match;
  bool match_given = false;  // present, literal or not
  bool not_match_given = false;
  // Offsets of the string literals inside a literal `pattern` list (for
  // pointing a caret at one token), with their values.
  std::vector<std::pair<uint32_t, std::string>> pattern_strings;
};

struct RuleCallScan {
  std::vector<RuleCallSite> calls;  // source order
  std::optional<lang::Diagnostic> syntax_error;
};

// True when `rule` was made by a call at `site` (the loader records the
// call's position; either the '(' or the name is accepted).
bool MadeBy(const PrefixRule& rule, const RuleCallSite& site,
            const lang::Source& source);

// Parses `source` with the .rules dialect and lists its prefix_rule calls.
RuleCallScan ScanRuleCalls(const lang::Source& source);

// The text of `source` with every literal match/not_match list of `calls`
// replaced by `None` padded with blanks (newlines kept).
std::string BlankLiteralExamples(const lang::Source& source,
                                 const std::vector<RuleCallSite>& calls);

}  // namespace warden::engine

#endif  // WARDEN_ENGINE_LINT_LINT_CALLS_H_
