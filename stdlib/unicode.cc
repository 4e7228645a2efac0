// UTF-8 decoding and Unicode classes/case mappings for the string methods.
//
// Go's unicode package is the reference (starlark-go's methods use it). The
// classes come from glibc's C.UTF-8 LC_CTYPE tables through the *_l
// functions, so no global locale is touched; Go's categories are derived:
// a title-case rune (Lt) is one that has both distinct upper and lower
// mappings, and upper/lower exclude those.
#include <locale.h>
#include <wctype.h>

#include "stdlib/internal.h"

namespace warden::stdlib {

namespace {

struct CType {
  locale_t loc = nullptr;
  wctrans_t totitle = nullptr;
  CType() {
    loc = newlocale(LC_CTYPE_MASK, "C.UTF-8", static_cast<locale_t>(nullptr));
    if (loc != nullptr) totitle = wctrans_l("totitle", loc);
  }
};

const CType& Ct() {
  static const CType* ct = new CType();
  return *ct;
}

}  // namespace

size_t DecodeRune(std::string_view s, size_t i, uint32_t* r) {
  const size_t n = base::DecodeUtf8(s, i, r);
  if (n != 0) return n;
  *r = kRuneError;
  return 1;
}

size_t DecodeLastRune(std::string_view s, size_t end, uint32_t* r) {
  // Find the start of the last (up to 4-byte) sequence ending at `end`.
  size_t start = end - 1;
  const size_t lim = end >= 4 ? end - 4 : 0;
  while (start > lim && (static_cast<unsigned char>(s[start]) & 0xC0) == 0x80) {
    --start;
  }
  const size_t n = DecodeRune(s, start, r);
  if (start + n != end) {
    *r = kRuneError;
    return 1;
  }
  return n;
}

bool IsSpaceRune(uint32_t r) {
  switch (r) {
    case '\t':
    case '\n':
    case '\v':
    case '\f':
    case '\r':
    case ' ':
    case 0x85:
    case 0xA0:
      return true;
    default:
      break;
  }
  if (r < 0x100) return false;
  return r == 0x1680 || (r >= 0x2000 && r <= 0x200A) || r == 0x2028 ||
         r == 0x2029 || r == 0x202F || r == 0x205F || r == 0x3000;
}

bool IsLetterRune(uint32_t r) {
  if (r < 0x80) return (r | 0x20) >= 'a' && (r | 0x20) <= 'z';
  const CType& ct = Ct();
  if (ct.loc == nullptr) return false;
  return iswalpha_l(static_cast<wint_t>(r), ct.loc) && !IsDigitRune(r);
}

bool IsDigitRune(uint32_t r) {
  if (r < 0x80) return r >= '0' && r <= '9';
  // Non-ASCII decimal digits (Nd) in the common blocks: each block of ten
  // starts at a code point ending in 0 or 6.
  static constexpr uint32_t kZeros[] = {
      0x0660,  0x06F0,  0x07C0, 0x0966, 0x09E6,  0x0A66,  0x0AE6,  0x0B66,
      0x0BE6,  0x0C66,  0x0CE6, 0x0D66, 0x0DE6,  0x0E50,  0x0ED0,  0x0F20,
      0x1040,  0x1090,  0x17E0, 0x1810, 0x1946,  0x19D0,  0x1A80,  0x1A90,
      0x1B50,  0x1BB0,  0x1C40, 0x1C50, 0xA620,  0xA8D0,  0xA900,  0xA9D0,
      0xA9F0,  0xAA50,  0xABF0, 0xFF10, 0x104A0, 0x11066, 0x1D7CE, 0x1D7D8,
      0x1D7E2, 0x1D7EC, 0x1D7F6};
  for (uint32_t z : kZeros) {
    if (r >= z && r < z + 10) return true;
  }
  return false;
}

bool IsTitleRune(uint32_t r) {
  if (r < 0x80) return false;
  return ToUpperRune(r) != r && ToLowerRune(r) != r;
}

bool IsUpperRune(uint32_t r) {
  if (r < 0x80) return r >= 'A' && r <= 'Z';
  const CType& ct = Ct();
  if (ct.loc == nullptr) return false;
  return iswupper_l(static_cast<wint_t>(r), ct.loc) && !IsTitleRune(r);
}

bool IsLowerRune(uint32_t r) {
  if (r < 0x80) return r >= 'a' && r <= 'z';
  const CType& ct = Ct();
  if (ct.loc == nullptr) return false;
  return iswlower_l(static_cast<wint_t>(r), ct.loc) && !IsTitleRune(r);
}

uint32_t ToUpperRune(uint32_t r) {
  if (r < 0x80) return (r >= 'a' && r <= 'z') ? r - 32 : r;
  const CType& ct = Ct();
  if (ct.loc == nullptr) return r;
  return static_cast<uint32_t>(towupper_l(static_cast<wint_t>(r), ct.loc));
}

uint32_t ToLowerRune(uint32_t r) {
  if (r < 0x80) return (r >= 'A' && r <= 'Z') ? r + 32 : r;
  const CType& ct = Ct();
  if (ct.loc == nullptr) return r;
  return static_cast<uint32_t>(towlower_l(static_cast<wint_t>(r), ct.loc));
}

uint32_t ToTitleRune(uint32_t r) {
  if (r < 0x80) return ToUpperRune(r);
  const CType& ct = Ct();
  if (ct.loc == nullptr) return r;
  if (ct.totitle == nullptr) return ToUpperRune(r);
  return static_cast<uint32_t>(
      towctrans_l(static_cast<wint_t>(r), ct.totitle, ct.loc));
}

int32_t JavaStringHash(std::string_view s) {
  // As starlark-go: 31*h + code point over the decoded runes (invalid bytes
  // count as U+FFFD). For the BMP this is java.lang.String.hashCode; like
  // starlark-go, supplementary code points are not split into surrogates.
  uint32_t h = 0;
  for (size_t i = 0; i < s.size();) {
    uint32_t r;
    i += DecodeRune(s, i, &r);
    h = 31 * h + r;
  }
  return static_cast<int32_t>(h);
}

}  // namespace warden::stdlib
