// The Starlark resolver: static scoping of every identifier of a parsed file
// (local, cell, free, global, predeclared, universal), per the Starlark spec
// and starlark-go's resolver, and every static error of the file at once.
//
// On success the tree is annotated in place (see ast.h: Ident::binding,
// Function frame layout, File::globals/predeclared) and is ready to run.
#ifndef WARDEN_LANG_RESOLVER_H_
#define WARDEN_LANG_RESOLVER_H_

#include <functional>
#include <string>
#include <string_view>
#include <vector>

#include "lang/ast.h"
#include "lang/builtin.h"  // NearestName
#include "lang/source.h"

namespace warden::lang {

// Dialect options (off by default, as in the Starlark spec; floats, standard
// since the spec gained them, are on).
struct DialectOptions {
  bool toplevelcontrol = false;    // if/for/while at top level
  bool globalreassign = false;     // rebinding a global or predeclared name
  bool recursion = false;          // a function calling itself (runtime check)
  bool while_stmt = false;         // while loops
  bool set = false;                // the set builtin
  bool loadbindsglobally = false;  // load() binds globals, not file-locals
  bool fstrings = false;           // f"..." literals
  bool annotations = false;        // type annotations on def (ignored)
  bool floats = true;              // float literals (standard Starlark)
  bool allow_tabs = false;         // tabs in indentation
};

// The names the host provides. Lookups happen once per distinct name.
struct ResolveEnv {
  // Module-specific predeclared names (e.g. prefix_rule).
  std::function<bool(std::string_view)> is_predeclared;
  // Universe names (len, None, True, ...).
  std::function<bool(std::string_view)> is_universal;
  // All names of both, for "did you mean" suggestions (called on error only).
  std::function<std::vector<std::string>()> all_names;
};

// Resolves `file` (parsed from its Source). Returns the static errors, in
// source order; empty means the file is ready to execute.
std::vector<Diagnostic> Resolve(File& file, const DialectOptions& options,
                                const ResolveEnv& env);

}  // namespace warden::lang

#endif  // WARDEN_LANG_RESOLVER_H_
