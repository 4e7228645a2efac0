// The reference matcher (Codex's algorithm): rules bucketed by program, each
// bucket scanned rule by rule. Kept as the benchmark baseline and as the
// differential oracle the trie is tested against; never used for decisions,
// so it lives in warden_engine_testing, which tests, fuzzers and benchmarks
// link and the product does not.
#ifndef WARDEN_ENGINE_TESTING_LINEAR_MATCHER_H_
#define WARDEN_ENGINE_TESTING_LINEAR_MATCHER_H_

#include <cstdint>
#include <span>
#include <string>
#include <vector>

#include "absl/container/flat_hash_map.h"
#include "absl/functional/function_ref.h"
#include "engine/rules/argv_view.h"
#include "engine/rules/policy.h"
#include "engine/rules/rule.h"
#include "engine/str_util.h"

namespace warden::engine {

class LinearMatcher {
 public:
  LinearMatcher() = default;
  // Buckets rules[i] under its program as index i.
  explicit LinearMatcher(std::span<const PrefixRule> rules);

  // Calls `sink(i)` for every matching rules[i], in ascending i. `rules`
  // must be the span the matcher was built from.
  void ForEachMatch(std::span<const PrefixRule> rules, ArgvView argv,
                    absl::FunctionRef<void(uint32_t)> sink) const;

 private:
  absl::flat_hash_map<std::string, std::vector<uint32_t>, StringHash, StringEq>
      by_program_;
};

// Policy::Check's answer computed with the linear matcher over the same rules
// and host executables. Holds a reference to `policy`, which must outlive it.
class LinearPolicy {
 public:
  explicit LinearPolicy(const Policy& policy);

  Evaluation Check(std::span<const std::string> argv,
                   const MatchOptions& options = {}) const;

 private:
  const Policy& policy_;
  LinearMatcher matcher_;
};

}  // namespace warden::engine

#endif  // WARDEN_ENGINE_TESTING_LINEAR_MATCHER_H_
