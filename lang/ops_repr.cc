// repr/str of values and starlark-go compatible string quoting.
#include <algorithm>

#include "absl/strings/str_cat.h"
#include "base/utf8.h"
#include "lang/ops.h"

namespace warden::lang {

namespace {

// Nesting deeper than this prints "..." instead of recursing (keeps the C++
// stack bounded for adversarial values).
constexpr size_t kMaxReprDepth = 1000;

constexpr char kHex[] = "0123456789abcdef";

// Approximates Go's unicode.IsPrint for non-ASCII code points: everything
// is printable except C1 controls, format characters, separators other than
// space, private use and non-characters.
bool IsPrintableRune(uint32_t r) {
  if (r <= 0xA0) return false;  // C1 controls and NBSP (Zs)
  if (r == 0xAD) return false;
  if (r >= 0x2000 && r <= 0x200F) return false;  // Zs spaces, ZW format
  if (r >= 0x2028 && r <= 0x202F) return false;
  if (r >= 0x205F && r <= 0x206F) return false;
  if (r == 0xFEFF) return false;
  if (r >= 0xFFF9 && r <= 0xFFFB) return false;
  if (r >= 0xE000 && r <= 0xF8FF) return false;
  if ((r & 0xFFFE) == 0xFFFE) return false;
  if (r >= 0xF0000) return false;
  if (r == 0x3000 || r == 0x1680) return false;  // Zs other than ' '
  return true;
}

}  // namespace

void QuoteString(std::string* out, std::string_view s) {
  out->push_back('"');
  size_t i = 0;
  while (i < s.size()) {
    const unsigned char c = s[i];
    if (c >= 0x20 && c < 0x7F) {
      if (c == '"' || c == '\\') out->push_back('\\');
      out->push_back(static_cast<char>(c));
      ++i;
      continue;
    }
    if (c < 0x80) {
      switch (c) {
        case '\a':
          out->append("\\a");
          break;
        case '\b':
          out->append("\\b");
          break;
        case '\f':
          out->append("\\f");
          break;
        case '\n':
          out->append("\\n");
          break;
        case '\r':
          out->append("\\r");
          break;
        case '\t':
          out->append("\\t");
          break;
        case '\v':
          out->append("\\v");
          break;
        default:
          out->append("\\x");
          out->push_back(kHex[c >> 4]);
          out->push_back(kHex[c & 15]);
      }
      ++i;
      continue;
    }
    uint32_t r;
    const size_t n = base::DecodeUtf8(s, i, &r);
    if (n == 0) {
      out->append("\\x");
      out->push_back(kHex[c >> 4]);
      out->push_back(kHex[c & 15]);
      ++i;
      continue;
    }
    if (IsPrintableRune(r)) {
      out->append(s.substr(i, n));
    } else if (r < 0x10000) {
      out->append("\\u");
      for (int shift = 12; shift >= 0; shift -= 4) {
        out->push_back(kHex[(r >> shift) & 15]);
      }
    } else {
      out->append("\\U");
      for (int shift = 28; shift >= 0; shift -= 4) {
        out->push_back(kHex[(r >> shift) & 15]);
      }
    }
    i += n;
  }
  out->push_back('"');
}

void ReprContext::Write(std::string* out, const Value& v) {
  if (v.IsSmallInt()) {
    out->append(Cat(v.AsSmallInt()));
    return;
  }
  if (!v.IsObject()) {
    out->append(v.IsNone() ? "None" : v.IsTrue() ? "True" : "False");
    return;
  }
  const Object* obj = v.object();
  const Kind k = obj->kind();
  if (k == Kind::kString || k == Kind::kInt) {
    obj->Repr(out, *this);
    return;
  }
  if (std::find(path_.begin(), path_.end(), obj) != path_.end()) {
    out->append(k == Kind::kDict   ? "{...}"
                : k == Kind::kList ? "[...]"
                                   : "...");
    return;
  }
  if (path_.size() >= kMaxReprDepth) {
    out->append("...");
    return;
  }
  path_.push_back(obj);
  obj->Repr(out, *this);
  path_.pop_back();
}

void ReprContext::WriteStr(std::string* out, const Value& v) {
  if (v.kind() == Kind::kString) {
    out->append(StringView(v));
  } else {
    Write(out, v);
  }
}

std::string Repr(const Value& x) {
  std::string out;
  WriteRepr(&out, x);
  return out;
}

std::string Str(const Value& x) {
  if (x.kind() == Kind::kString) return std::string(StringView(x));
  return Repr(x);
}

void WriteRepr(std::string* out, const Value& x) {
  ReprContext ctx;
  ctx.Write(out, x);
}

void WriteStr(std::string* out, const Value& x) {
  ReprContext ctx;
  ctx.WriteStr(out, x);
}

}  // namespace warden::lang
