// The ASCII identifier of shells and environment variables:
// [A-Za-z_][A-Za-z0-9_]*. (Starlark identifiers are the scanner's business:
// they differ.)
#ifndef WARDEN_BASE_IDENTIFIER_H_
#define WARDEN_BASE_IDENTIFIER_H_

#include <string_view>

namespace warden::base {

inline bool IsIdentifierStart(char c) {
  return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || c == '_';
}

inline bool IsIdentifierChar(char c) {
  return IsIdentifierStart(c) || (c >= '0' && c <= '9');
}

// True for a non-empty identifier: `PATH`, `_x1`; false for `1x`, `A-B`, "".
inline bool IsIdentifier(std::string_view s) {
  if (s.empty() || !IsIdentifierStart(s[0])) return false;
  for (char c : s) {
    if (!IsIdentifierChar(c)) return false;
  }
  return true;
}

}  // namespace warden::base

#endif  // WARDEN_BASE_IDENTIFIER_H_
