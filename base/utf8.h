// UTF-8 decoding and encoding: the one implementation the scanner, repr,
// % formatting and the string methods share, so they agree on what is valid.
//
// Valid means what Go's unicode/utf8 accepts: no overlong forms, no
// surrogates (U+D800..U+DFFF), nothing above U+10FFFF.
#ifndef WARDEN_BASE_UTF8_H_
#define WARDEN_BASE_UTF8_H_

#include <cstddef>
#include <cstdint>
#include <string>
#include <string_view>

namespace warden::base {

// U+FFFD, what an invalid byte decodes to where a caller wants a rune anyway.
inline constexpr uint32_t kRuneError = 0xFFFD;

// Decodes the sequence that starts at s[i] (precondition: i < s.size()) into
// *r and returns its length, 1 to 4. Returns 0 when the bytes there are not
// one valid sequence (a stray continuation byte, a truncated sequence, an
// overlong form, a surrogate, a value above U+10FFFF); *r is then
// unspecified. Callers decide what an invalid byte means (repr escapes it,
// the string methods read it as kRuneError of length 1).
inline size_t DecodeUtf8(std::string_view s, size_t i, uint32_t* r) {
  const unsigned char c = s[i];
  if (c < 0x80) {
    *r = c;
    return 1;
  }
  size_t n;
  uint32_t min, v;
  if ((c & 0xE0) == 0xC0) {
    n = 2, min = 0x80, v = c & 0x1F;
  } else if ((c & 0xF0) == 0xE0) {
    n = 3, min = 0x800, v = c & 0x0F;
  } else if ((c & 0xF8) == 0xF0) {
    n = 4, min = 0x10000, v = c & 0x07;
  } else {
    return 0;
  }
  if (i + n > s.size()) return 0;
  for (size_t k = 1; k < n; ++k) {
    const unsigned char cc = s[i + k];
    if ((cc & 0xC0) != 0x80) return 0;
    v = (v << 6) | (cc & 0x3F);
  }
  if (v < min || v > 0x10FFFF || (v >= 0xD800 && v <= 0xDFFF)) return 0;
  *r = v;
  return n;
}

// Appends the encoding of `r`; a surrogate or a value above U+10FFFF (which
// have none) is written as U+FFFD.
inline void AppendUtf8(std::string* out, uint32_t r) {
  if (r > 0x10FFFF || (r >= 0xD800 && r <= 0xDFFF)) r = kRuneError;
  if (r < 0x80) {
    out->push_back(static_cast<char>(r));
  } else if (r < 0x800) {
    out->push_back(static_cast<char>(0xC0 | (r >> 6)));
    out->push_back(static_cast<char>(0x80 | (r & 0x3F)));
  } else if (r < 0x10000) {
    out->push_back(static_cast<char>(0xE0 | (r >> 12)));
    out->push_back(static_cast<char>(0x80 | ((r >> 6) & 0x3F)));
    out->push_back(static_cast<char>(0x80 | (r & 0x3F)));
  } else {
    out->push_back(static_cast<char>(0xF0 | (r >> 18)));
    out->push_back(static_cast<char>(0x80 | ((r >> 12) & 0x3F)));
    out->push_back(static_cast<char>(0x80 | ((r >> 6) & 0x3F)));
    out->push_back(static_cast<char>(0x80 | (r & 0x3F)));
  }
}

}  // namespace warden::base

#endif  // WARDEN_BASE_UTF8_H_
