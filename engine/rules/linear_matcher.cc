#include "engine/rules/linear_matcher.h"

namespace warden::engine {

bool RuleMatches(const PrefixRule& rule, ArgvView argv) {
  if (argv.size() < rule.length()) return false;
  for (size_t i = 0; i < rule.length(); ++i) {
    if (!rule.pattern[i].Matches(argv[i])) return false;
  }
  return true;
}

LinearMatcher::LinearMatcher(std::span<const PrefixRule> rules) {
  for (size_t i = 0; i < rules.size(); ++i) {
    by_program_[rules[i].program()].push_back(static_cast<uint32_t>(i));
  }
}

void LinearMatcher::ForEachMatch(std::span<const PrefixRule> rules,
                                 ArgvView argv,
                                 absl::FunctionRef<void(uint32_t)> sink) const {
  auto bucket = by_program_.find(argv.first);
  if (bucket == by_program_.end()) return;
  for (uint32_t i : bucket->second) {
    if (RuleMatches(rules[i], argv)) sink(i);
  }
}

}  // namespace warden::engine
