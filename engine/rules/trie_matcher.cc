#include "engine/rules/trie_matcher.h"

#include <algorithm>
#include <utility>

#include "engine/str_util.h"

namespace warden::engine {

TrieMatcher::TrieMatcher() { nodes_.emplace_back(); }

uint32_t TrieMatcher::Intern(const std::string& token) {
  auto [it, inserted] =
      tokens_.try_emplace(token, static_cast<uint32_t>(tokens_.size()));
  return it->second;
}

uint32_t TrieMatcher::NewNode() {
  nodes_.emplace_back();
  return static_cast<uint32_t>(nodes_.size() - 1);
}

uint32_t TrieMatcher::Clone(uint32_t node) {
  uint32_t copy = NewNode();
  nodes_[copy].edges = nodes_[node].edges;
  nodes_[copy].accept = nodes_[node].accept;
  // The clone's children gain one incoming edge per copied edge.
  for (const auto& [token, child] : nodes_[copy].edges) {
    ++nodes_[child].in_edges;
  }
  return copy;
}

size_t TrieMatcher::edge_count() const {
  size_t n = 0;
  for (const Node& node : nodes_) n += node.edges.size();
  return n;
}

absl::Status TrieMatcher::Insert(const PrefixRule& rule,
                                 const TrieLimits& limits, size_t& work) {
  auto too_large = [&]() {
    return absl::ResourceExhaustedError(
        Concat({"policy too large to compile: the pattern alternatives of the "
                "prefix_rule at ",
                rule.source.ToString(), " would need more than ",
                std::to_string(limits.max_nodes), " trie nodes or ",
                std::to_string(limits.max_work),
                " steps; use fewer alternatives or split the rule"}));
  };
  // Token ids per position, interned once and deduplicated.
  std::vector<std::vector<uint32_t>> ids(rule.length());
  for (size_t d = 0; d < rule.length(); ++d) {
    for (const std::string& alt : rule.pattern[d].alternatives) {
      uint32_t id = Intern(alt);
      if (std::find(ids[d].begin(), ids[d].end(), id) == ids[d].end()) {
        ids[d].push_back(id);
      }
    }
  }
  // Work list of (node, depth). Invariant: every node on it is reached only
  // by paths that match the rule's first `depth` positions, so it may be
  // mutated in place. Each node is visited at most once per rule.
  std::vector<std::pair<uint32_t, uint32_t>> todo = {{0, 0}};
  std::vector<std::pair<uint32_t, uint32_t>> by_child;  // (child, token)
  while (!todo.empty()) {
    auto [node, depth] = todo.back();
    todo.pop_back();
    if (depth == rule.length()) {
      nodes_[node].accept.push_back(rule.index);
      continue;
    }
    by_child.clear();
    uint32_t fresh = UINT32_MAX;
    for (uint32_t token : ids[depth]) {
      if (++work > limits.max_work) return too_large();
      auto it = nodes_[node].edges.find(token);
      if (it != nodes_[node].edges.end()) {
        by_child.emplace_back(it->second, token);
        continue;
      }
      // Tokens with no edge yet all share one new child.
      if (fresh == UINT32_MAX) {
        if (nodes_.size() >= limits.max_nodes) return too_large();
        fresh = NewNode();
        todo.emplace_back(fresh, depth + 1);
      }
      nodes_[node].edges.emplace(token, fresh);
      ++nodes_[fresh].in_edges;
    }
    std::sort(by_child.begin(), by_child.end());
    for (size_t i = 0; i < by_child.size();) {
      size_t j = i;
      while (j < by_child.size() && by_child[j].first == by_child[i].first) {
        ++j;
      }
      uint32_t child = by_child[i].first;
      uint32_t count = static_cast<uint32_t>(j - i);
      if (nodes_[child].in_edges == count) {
        // Every path into `child` goes through `node` and one of this
        // position's alternatives: extend it in place.
        todo.emplace_back(child, depth + 1);
      } else {
        // Other paths share `child`: give these edges their own copy.
        if (nodes_.size() >= limits.max_nodes) return too_large();
        work += nodes_[child].edges.size() + nodes_[child].accept.size();
        if (work > limits.max_work) return too_large();
        uint32_t copy = Clone(child);
        for (size_t k = i; k < j; ++k) {
          nodes_[node].edges[by_child[k].second] = copy;
        }
        nodes_[child].in_edges -= count;
        nodes_[copy].in_edges += count;
        todo.emplace_back(copy, depth + 1);
      }
      i = j;
    }
  }
  return absl::OkStatus();
}

absl::StatusOr<TrieMatcher> TrieMatcher::Build(
    std::span<const PrefixRule> rules, const TrieLimits& limits) {
  TrieMatcher trie;
  size_t work = 0;
  for (const PrefixRule& rule : rules) {
    if (absl::Status s = trie.Insert(rule, limits, work); !s.ok()) return s;
  }
  return trie;
}

void TrieMatcher::ForEachMatch(ArgvView argv,
                               absl::FunctionRef<void(uint32_t)> sink) const {
  uint32_t node = 0;
  for (size_t i = 0; i < argv.size(); ++i) {
    auto token = tokens_.find(argv[i]);
    if (token == tokens_.end()) return;
    const Node& current = nodes_[node];
    auto edge = current.edges.find(token->second);
    if (edge == current.edges.end()) return;
    node = edge->second;
    for (uint32_t rule : nodes_[node].accept) sink(rule);
  }
}

}  // namespace warden::engine
