// The Starlark parser: a hand-written recursive-descent parser following
// starlark-go's grammar (see grammar.txt beside this file) and its error
// wording. It stops at the first error.
//
// Nesting is bounded: more than `max_nesting` levels of brackets, operators,
// suffixes or blocks is a syntax error rather than a stack overflow, so every
// later recursive pass over the tree (resolver, evaluator, formatter) is
// bounded too.
#ifndef WARDEN_LANG_PARSER_H_
#define WARDEN_LANG_PARSER_H_

#include <memory>

#include "lang/ast.h"
#include "lang/source.h"

namespace warden::lang {

struct ParseOptions {
  bool allow_tabs = false;   // see ScanOptions::allow_tabs
  bool fstrings = false;     // f"..{expr}.." literals
  bool annotations = false;  // `def f(x: T = 1) -> T:` (parsed and ignored)
  bool floats = true;        // float literals (else "floats are not supported")
  int max_nesting = 400;
};

// Parses `source`. Returns the file, or null with `*error` set to the first
// syntax error. `source` must outlive the returned File.
std::unique_ptr<File> Parse(const Source& source, const ParseOptions& options,
                            Diagnostic* error);

}  // namespace warden::lang

#endif  // WARDEN_LANG_PARSER_H_
