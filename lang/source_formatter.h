// The canonical layout of Starlark (.rules) files: `warden fmt`.
//
// Layout rules (buildifier-like, tuned for rules files):
//   * 4-space indentation per block; tokens spaced canonically (`a = b`,
//     `f(x, y)`, `key = value` keyword arguments, `x[1:2]`, `-x`, `*args`);
//   * a bracketed list, call, dict or tuple stays on one line when it fits in
//     `max_width` columns and holds no comment; otherwise it is broken with
//     one element per line (all of them), indented one level, with a trailing
//     comma (except where a comma would change the meaning: comprehensions,
//     parenthesized expressions, subscripts) — nested brackets are decided the
//     same way, innermost last;
//   * strings use double quotes unless that needs more backslashes;
//   * comments stay where they were: on their own line before the same token,
//     or at the end of the same token's line (two spaces before `#`); a
//     comment at the end of a block stays in that block;
//   * runs of blank lines become one; no blank line at the start of the file
//     or of a block; the file ends with exactly one newline.
//
// Invariants: the result parses, and its syntax tree equals the input's up to
// positions (checked on every call: a violation is returned as an error, never
// as output), and formatting is idempotent: Format(Format(x)) == Format(x).
// The layout depends only on the tokens and comments, never on how the input
// was laid out.
#ifndef WARDEN_LANG_SOURCE_FORMATTER_H_
#define WARDEN_LANG_SOURCE_FORMATTER_H_

#include <string>

#include "lang/ast.h"
#include "lang/parser.h"
#include "lang/source.h"

namespace warden::lang {

struct FormatOptions {
  int max_width = 100;
  // How the file is parsed (the .rules dialect by default: f-strings and
  // annotations on). A file that does not parse is not formatted.
  ParseOptions parse = {.fstrings = true, .annotations = true};
};

// Formats `source`. Returns false with `*error` set when the file does not
// parse (the syntax error), or, defensively, when the formatted text would not
// mean the same (an internal error; nothing is written).
bool FormatSource(const Source& source, const FormatOptions& options,
                  std::string* out, Diagnostic* error);

// A text rendering of a syntax tree without positions: two files mean the same
// program exactly when their fingerprints are equal. Used by the formatter's
// self-check and by tests.
std::string SyntaxFingerprint(const File& file);

}  // namespace warden::lang

#endif  // WARDEN_LANG_SOURCE_FORMATTER_H_
