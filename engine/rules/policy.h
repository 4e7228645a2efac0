// The compiled, immutable policy and the builder that collects rules for it.
//
// Policy::Check implements SPEC A3 and A5: every matching rule in definition
// order, each reporting the command's own tokens as matchedPrefix, and the
// strictest decision. Host-executable resolution (when enabled) runs only if
// the exact lookup matched nothing and argv[0] is absolute: the path is
// normalised lexically (".", "..", "//"), its basename's host_executable entry
// (if any) must list it, and the basename's rules are then matched with the
// basename in place of argv[0]; each such match carries resolvedProgram (the
// normalised path).
//
// A Policy never changes after Build(), so it is safe to share between
// threads; Check allocates only the Evaluation it returns.
#ifndef WARDEN_ENGINE_RULES_POLICY_H_
#define WARDEN_ENGINE_RULES_POLICY_H_

#include <cstdint>
#include <optional>
#include <span>
#include <string>
#include <utility>
#include <vector>

#include "absl/status/statusor.h"
#include "engine/rules/decision.h"
#include "engine/rules/host_executable.h"
#include "engine/rules/network.h"
#include "engine/rules/rule.h"
#include "engine/rules/trie_matcher.h"

namespace warden::engine {

struct MatchOptions {
  bool resolve_host_executables = false;
};

struct RuleMatch {
  // Points into the rule list the evaluation was made from (the Policy's);
  // valid as long as that lives.
  const PrefixRule* rule = nullptr;
  std::vector<std::string> matched_prefix;
  std::optional<std::string> resolved_program;

  Decision decision() const { return rule->decision; }
};

struct Evaluation {
  std::vector<RuleMatch> matches;    // definition order
  std::optional<Decision> decision;  // strictest; nullopt when no match
};

// Matches `argv` against `rules` (indices are positions in the span) with the
// linear algorithm (RuleMatches on each). Used for inline-example checks, where
// `rules` is the handful made by one prefix_rule call.
Evaluation EvaluateRules(std::span<const PrefixRule> rules,
                         const HostExecutables& hosts,
                         std::span<const std::string> argv,
                         const MatchOptions& options);

class Policy {
 public:
  Policy() = default;
  Policy(Policy&&) = default;
  Policy& operator=(Policy&&) = default;
  Policy(const Policy&) = delete;
  Policy& operator=(const Policy&) = delete;

  // The trie matcher: O(len(argv)).
  Evaluation Check(std::span<const std::string> argv,
                   const MatchOptions& options = {}) const;

  const std::vector<PrefixRule>& rules() const { return rules_; }
  const HostExecutables& host_executables() const { return hosts_; }
  const std::vector<NetworkRule>& network_rules() const {
    return network_rules_;
  }
  const NetworkLists& network() const { return network_; }
  const TrieMatcher& trie() const { return trie_; }

 private:
  friend class PolicyBuilder;

  std::vector<PrefixRule> rules_;
  HostExecutables hosts_;
  std::vector<NetworkRule> network_rules_;
  NetworkLists network_;
  TrieMatcher trie_;
};

// Collects rules across files in definition order, then compiles them.
class PolicyBuilder {
 public:
  // Adds the rules of one prefix_rule call: one rule per first-position
  // alternative, in that order, sharing the tail. Returns the indices of the
  // new rules as [first, first + count). Precondition: spec.pattern is
  // non-empty and every position has at least one alternative (the loader
  // validates).
  std::pair<uint32_t, uint32_t> AddPrefixRule(const RuleSpec& spec);
  // A later definition for the same name replaces the earlier one.
  void SetHostExecutable(std::string name, std::vector<std::string> paths);
  void AddNetworkRule(NetworkRule rule);

  const std::vector<PrefixRule>& rules() const { return rules_; }
  const HostExecutables& host_executables() const { return hosts_; }

  // Compiles the trie; fails (naming the rule) only when TrieLimits are hit.
  absl::StatusOr<Policy> Build(const TrieLimits& limits = {}) &&;

 private:
  std::vector<PrefixRule> rules_;
  HostExecutables hosts_;
  std::vector<NetworkRule> network_rules_;
  uint32_t calls_ = 0;
};

}  // namespace warden::engine

#endif  // WARDEN_ENGINE_RULES_POLICY_H_
