// Structural equality of two syntax trees, ignoring positions, resolver
// annotations and redundant parentheses: two files compare equal exactly when
// they are the same program. Written independently of the formatter's own
// self-check (lang::SyntaxFingerprint), so a field that check overlooks is
// still caught by fuzz_format_roundtrip.
#ifndef WARDEN_FUZZ_SYNTAX_EQUAL_H_
#define WARDEN_FUZZ_SYNTAX_EQUAL_H_

#include <string>

#include "lang/ast.h"

namespace warden::fuzz {

// True when `a` and `b` hold the same statements. On a difference, `*where`
// (if non-null) names the first differing node kind or field.
bool SyntaxEqual(const lang::File& a, const lang::File& b, std::string* where);

}  // namespace warden::fuzz

#endif  // WARDEN_FUZZ_SYNTAX_EQUAL_H_
