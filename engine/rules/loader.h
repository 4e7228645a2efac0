// Loading .rules files into a Policy (SPEC A1-A7).
//
// Each file is a Starlark module run in a fresh module of its own with the
// permissive dialect Codex uses (top-level for/if, global reassignment,
// f-strings, annotations; no recursion or while). Predeclared: the
// universe without print, plus prefix_rule, host_executable and
// network_rule. load() is refused. After each file, the inline examples of
// every prefix_rule call in it are checked against only that call's rules,
// with host-executable resolution on (not_match before match); the first
// failing call stops the load with a diagnostic at the call's
// path:line:col. Files merge in order; a directory means its *.rules regular
// files, sorted by name, not recursive.
#ifndef WARDEN_ENGINE_RULES_LOADER_H_
#define WARDEN_ENGINE_RULES_LOADER_H_

#include <memory>
#include <optional>
#include <string>
#include <vector>

#include "engine/rules/policy.h"
#include "engine/rules/trie_matcher.h"
#include "lang/source.h"

namespace warden::engine {

struct LoadOptions {
  // Replaces a leading "~/" in host_executable paths. Empty: such paths are
  // refused like relative ones.
  std::string home_dir;
  TrieLimits trie_limits;
};

class PolicyLoader {
 public:
  explicit PolicyLoader(LoadOptions options = {});
  ~PolicyLoader();
  PolicyLoader(const PolicyLoader&) = delete;
  PolicyLoader& operator=(const PolicyLoader&) = delete;

  // Evaluates one file given as text. `name` is how diagnostics name it.
  // Returns false (and records diagnostics) if it fails; the rules of a
  // failed file are still in the builder, so callers stop at the first
  // failure.
  bool AddSource(const std::string& name, std::string text);
  bool AddSource(const lang::Source& source);
  // A file, or a directory of *.rules files. Unreadable paths fail.
  bool AddPath(const std::string& path);

  // Compiles everything added so far. nullopt (with diagnostics) when the
  // trie limits are exceeded.
  std::optional<Policy> Finish() &&;

  const std::vector<lang::Diagnostic>& diagnostics() const;

 private:
  struct State;
  std::unique_ptr<State> state_;
};

struct LoadResult {
  std::optional<Policy> policy;  // set on success
  std::vector<lang::Diagnostic> diagnostics;
};

// Loads `paths` in order (an empty list gives an empty policy).
LoadResult LoadPolicy(const std::vector<std::string>& paths,
                      const LoadOptions& options = {});

// Every diagnostic formatted with lang::FormatDiagnostic, concatenated.
std::string FormatDiagnostics(const std::vector<lang::Diagnostic>& diags);

}  // namespace warden::engine

#endif  // WARDEN_ENGINE_RULES_LOADER_H_
