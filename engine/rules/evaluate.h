// The one evaluation of SPEC A3/A5 over a set of candidate rules, shared by
// Policy::Check (the trie), EvaluateRules (inline examples) and the linear
// test oracle (engine/testing/), so that they differ only in how candidates
// are found: host-executable resolution, definition order, matchedPrefix and
// the strictest decision are written once. Internal to the engine: users call
// Policy::Check.
#ifndef WARDEN_ENGINE_RULES_EVALUATE_H_
#define WARDEN_ENGINE_RULES_EVALUATE_H_

#include <algorithm>
#include <functional>
#include <span>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include "base/path.h"
#include "engine/rules/argv_view.h"
#include "engine/rules/host_executable.h"
#include "engine/rules/policy.h"

namespace warden::engine::internal {

// `for_each(view, sink)` must call sink(i) for every rules[i] matching view.
// A template, not a FunctionRef, so the trie walk inlines into the query.
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
    std::string_view basename = base::Basename(normalized);
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

}  // namespace warden::engine::internal

#endif  // WARDEN_ENGINE_RULES_EVALUATE_H_
