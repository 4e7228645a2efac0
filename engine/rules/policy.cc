#include "engine/rules/policy.h"

#include "engine/rules/evaluate.h"

namespace warden::engine {

Evaluation EvaluateRules(std::span<const PrefixRule> rules,
                         const HostExecutables& hosts,
                         std::span<const std::string> argv,
                         const MatchOptions& options) {
  return internal::Evaluate(rules, hosts, argv, options,
                            [rules](ArgvView view, auto&& sink) {
                              for (size_t i = 0; i < rules.size(); ++i) {
                                if (RuleMatches(rules[i], view)) {
                                  sink(static_cast<uint32_t>(i));
                                }
                              }
                            });
}

Evaluation Policy::Check(std::span<const std::string> argv,
                         const MatchOptions& options) const {
  return internal::Evaluate(
      rules_, hosts_, argv, options,
      [this](ArgvView view, auto&& sink) { trie_.ForEachMatch(view, sink); });
}

std::pair<uint32_t, uint32_t> PolicyBuilder::AddPrefixRule(
    const RuleSpec& spec) {
  uint32_t first = static_cast<uint32_t>(rules_.size());
  uint32_t call = calls_++;
  std::vector<PatternToken> tail(spec.pattern.begin() + 1, spec.pattern.end());
  for (const std::string& program : spec.pattern[0].alternatives) {
    // A duplicated first-position alternative still makes its own rule, as
    // in Codex (matches are never deduplicated).
    PrefixRule rule;
    rule.pattern.reserve(spec.pattern.size());
    rule.pattern.emplace_back(program);
    rule.pattern.insert(rule.pattern.end(), tail.begin(), tail.end());
    rule.decision = spec.decision;
    rule.justification = spec.justification;
    rule.source = spec.source;
    rule.index = static_cast<uint32_t>(rules_.size());
    rule.call = call;
    rules_.push_back(std::move(rule));
  }
  return {first, static_cast<uint32_t>(rules_.size()) - first};
}

void PolicyBuilder::SetHostExecutable(std::string name,
                                      std::vector<std::string> paths) {
  hosts_[std::move(name)] = std::move(paths);
}

void PolicyBuilder::AddNetworkRule(NetworkRule rule) {
  network_rules_.push_back(std::move(rule));
}

absl::StatusOr<Policy> PolicyBuilder::Build(const TrieLimits& limits) && {
  absl::StatusOr<TrieMatcher> trie = TrieMatcher::Build(rules_, limits);
  if (!trie.ok()) return trie.status();
  Policy policy;
  policy.trie_ = *std::move(trie);
  policy.rules_ = std::move(rules_);
  policy.hosts_ = std::move(hosts_);
  policy.network_ = CompileNetworkRules(network_rules_);
  policy.network_rules_ = std::move(network_rules_);
  return policy;
}

}  // namespace warden::engine
