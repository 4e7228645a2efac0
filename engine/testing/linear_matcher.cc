#include "engine/testing/linear_matcher.h"

#include "engine/rules/evaluate.h"

namespace warden::engine {

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

LinearPolicy::LinearPolicy(const Policy& policy)
    : policy_(policy), matcher_(policy.rules()) {}

Evaluation LinearPolicy::Check(std::span<const std::string> argv,
                               const MatchOptions& options) const {
  std::span<const PrefixRule> rules = policy_.rules();
  return internal::Evaluate(rules, policy_.host_executables(), argv, options,
                            [&](ArgvView view, auto&& sink) {
                              matcher_.ForEachMatch(rules, view, sink);
                            });
}

}  // namespace warden::engine
