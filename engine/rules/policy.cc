#include "engine/rules/policy.h"

#include <algorithm>
#include <functional>

namespace warden::engine {
namespace {

// Shared by both matchers so they differ only in how candidates are found.
// `for_each(view, sink)` must call sink(i) for every rules[i] matching view.
template <typename ForEach>
Evaluation Evaluate(std::span<const PrefixRule> rules,
                    const HostExecutables& hosts,
                    std::span<const std::string> argv,
                    const MatchOptions& options, const ForEach& for_each) {
  Evaluation result;
  if (argv.empty()) return result;
  ArgvView view{argv[0], argv.subspan(1)};
  size_t count = 0;
  for_each(view, [&count](uint32_t) { ++count; });

  std::string normalized;  // owns the basename `view.first` may point into
  bool resolved = false;
  if (count == 0) {
    if (!options.resolve_host_executables || argv[0].empty() ||
        argv[0].front() != '/') {
      return result;
    }
    normalized = NormalizeAbsolutePath(argv[0]);
    std::string_view basename = PathBasename(normalized);
    if (basename.empty()) return result;
    if (auto entry = hosts.find(basename); entry != hosts.end()) {
      const std::vector<std::string>& paths = entry->second;
      if (std::find(paths.begin(), paths.end(), normalized) == paths.end()) {
        return result;
      }
    }
    view.first = basename;
    for_each(view, [&count](uint32_t) { ++count; });
    if (count == 0) return result;
    resolved = true;
  }

  result.matches.reserve(count);
  for_each(view, [&](uint32_t i) {
    RuleMatch match;
    match.rule = &rules[i];
    result.matches.push_back(std::move(match));
  });
  // The trie yields matches grouped by pattern length; report them in
  // definition order (rule positions are ascending in definition order).
  std::sort(result.matches.begin(), result.matches.end(),
            [](const RuleMatch& a, const RuleMatch& b) {
              return std::less<const PrefixRule*>()(a.rule, b.rule);
            });
  Decision strictest = Decision::kAllow;
  for (RuleMatch& match : result.matches) {
    size_t n = match.rule->length();
    match.matched_prefix.reserve(n);
    for (size_t i = 0; i < n; ++i) {
      match.matched_prefix.emplace_back(view[i]);
    }
    if (resolved) match.resolved_program = normalized;
    strictest = std::max(strictest, match.rule->decision);
  }
  result.decision = strictest;
  return result;
}

}  // namespace

Evaluation EvaluateRules(std::span<const PrefixRule> rules,
                         const HostExecutables& hosts,
                         std::span<const std::string> argv,
                         const MatchOptions& options) {
  return Evaluate(rules, hosts, argv, options,
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
  return Evaluate(
      rules_, hosts_, argv, options,
      [this](ArgvView view, auto&& sink) { trie_.ForEachMatch(view, sink); });
}

Evaluation Policy::CheckLinear(std::span<const std::string> argv,
                               const MatchOptions& options) const {
  return Evaluate(rules_, hosts_, argv, options,
                  [this](ArgvView view, auto&& sink) {
                    linear_.ForEachMatch(rules_, view, sink);
                  });
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
  policy.linear_ = LinearMatcher(policy.rules_);
  policy.hosts_ = std::move(hosts_);
  policy.network_ = CompileNetworkRules(network_rules_);
  policy.network_rules_ = std::move(network_rules_);
  return policy;
}

}  // namespace warden::engine
