// The compiled matcher: a deterministic trie over interned tokens.
//
// Shape. Every node is a set of "live" rule positions; an edge per token.
// A rule [p0, p1, ..., pn] is inserted along every path p0 p1' ... pn' with
// pi' one of pi's alternatives, and its index is recorded in the node where
// its last position ends ("accept" list). Alternatives at one position become
// several edges to ONE shared child, so [git, [a,b,c], [x,y,z]] costs 3 nodes
// and 7 edges, not 9 paths.
//
// Sharing is copy-on-write: each node keeps the number of edges pointing at
// it. When a later rule needs to extend only some of the edges that share a
// child, that child is cloned (shallowly: its own children become shared)
// and only those edges are redirected. The result is always a DFA: from any
// node at most one edge per token, so a query walks one path.
//
// Cost. A query looks up each argv token once in the intern table and once
// in the node's edge map: O(len(argv)) whatever the number of rules, plus the
// size of its answer. Building is linear in the input for ordinary files;
// adversarial files (many overlapping alternatives at many positions) could
// need exponentially many nodes, so Build() counts every node created and
// edge copied against TrieLimits and refuses the rule that crosses them.
#ifndef WARDEN_ENGINE_RULES_TRIE_MATCHER_H_
#define WARDEN_ENGINE_RULES_TRIE_MATCHER_H_

#include <cstdint>
#include <span>
#include <string>
#include <vector>

#include "absl/container/flat_hash_map.h"
#include "absl/functional/function_ref.h"
#include "absl/status/statusor.h"
#include "engine/rules/argv_view.h"
#include "engine/rules/rule.h"
#include "engine/str_util.h"

namespace warden::engine {

struct TrieLimits {
  // Total nodes the trie may hold.
  size_t max_nodes = 2'000'000;
  // Total units of build work (nodes created + edges written or copied).
  size_t max_work = 40'000'000;
};

class TrieMatcher {
 public:
  TrieMatcher();

  // Compiles `rules` (rules[i].index must equal i). Fails, naming the rule's
  // location, when the limits would be exceeded.
  static absl::StatusOr<TrieMatcher> Build(std::span<const PrefixRule> rules,
                                           const TrieLimits& limits = {});

  // Calls `sink(rule_index)` for every rule matching `argv`. Order: by
  // pattern length, then by index (callers sort when they need definition
  // order). Allocates nothing.
  void ForEachMatch(ArgvView argv,
                    absl::FunctionRef<void(uint32_t)> sink) const;

  size_t node_count() const { return nodes_.size(); }
  size_t edge_count() const;

 private:
  struct Node {
    absl::flat_hash_map<uint32_t, uint32_t> edges;  // token id -> node
    std::vector<uint32_t> accept;  // rules ending here, ascending
    uint32_t in_edges = 0;         // number of edges pointing here
  };

  absl::Status Insert(const PrefixRule& rule, const TrieLimits& limits,
                      size_t& work);
  uint32_t Intern(const std::string& token);
  uint32_t NewNode();
  uint32_t Clone(uint32_t node);

  absl::flat_hash_map<std::string, uint32_t, StringHash, StringEq> tokens_;
  std::vector<Node> nodes_;  // nodes_[0] is the root
};

}  // namespace warden::engine

#endif  // WARDEN_ENGINE_RULES_TRIE_MATCHER_H_
