// The `%` string formatting operator.
#include "lang/format.h"

#include <cmath>
#include <cstdio>

#include "absl/strings/str_cat.h"
#include "base/utf8.h"
#include "lang/dict.h"
#include "lang/int.h"
#include "lang/object.h"
#include "lang/ops.h"
#include "lang/ops_float.h"

namespace warden::lang {
namespace {

// %e %f %g and their upper-case forms, as starlark-go formats them: %g is
// the shortest form str() uses (always with a '.' or an exponent); %e and
// %f have six digits after the point; non-finite values are +inf -inf nan.
// (%F prints like %f, as Python does; starlark-go prints a literal "%F".)
void AppendFloatConversion(std::string* out, double d, char conv) {
  if (conv == 'g' || conv == 'G' || !std::isfinite(d)) {
    const size_t start = out->size();
    AppendFloat(out, d);
    if (conv == 'G') {
      for (size_t i = start; i < out->size(); ++i) {
        if ((*out)[i] == 'e') (*out)[i] = 'E';
      }
    }
    return;
  }
  char buf[400];  // %f of the largest double has 309 digits before the point
  const char* spec = conv == 'e' ? "%.6e" : conv == 'E' ? "%.6E" : "%.6f";
  const int n = std::snprintf(buf, sizeof buf, spec, d);
  out->append(buf, n > 0 ? static_cast<size_t>(n) : 0);
}

// True when s is exactly one valid UTF-8 rune (stored in *r).
bool SingleRune(std::string_view s, uint32_t* r) {
  return !s.empty() && base::DecodeUtf8(s, 0, r) == s.size();
}

// Appends int v in base 8/10/16 (upper for X) with a leading '-'.
void AppendInt(std::string* out, const Value& v, char conv) {
  const int base = conv == 'o' ? 8 : (conv == 'x' || conv == 'X') ? 16 : 10;
  std::string digits = IntToString(v, base);
  if (conv == 'X') {
    for (char& ch : digits) {
      if (ch >= 'a' && ch <= 'f') ch = static_cast<char>(ch - 'a' + 'A');
    }
  }
  out->append(digits);
}

}  // namespace

absl::StatusOr<Value> FormatPercent(Thread& thread, std::string_view format,
                                    const Value& x) {
  const TupleObject* tuple = x.TryAs<TupleObject>();
  const int64_t nargs = tuple != nullptr ? tuple->size() : 1;
  int64_t index = 0;
  std::string buf;
  buf.reserve(format.size() + 16);
  ReprContext ctx;
  while (true) {
    const size_t i = format.find('%');
    if (i == std::string_view::npos) {
      buf.append(format);
      break;
    }
    buf.append(format.substr(0, i));
    format.remove_prefix(i + 1);
    if (!format.empty() && format[0] == '%') {
      buf.push_back('%');
      format.remove_prefix(1);
      continue;
    }
    Value arg;
    if (!format.empty() && format[0] == '(') {
      format.remove_prefix(1);
      const size_t j = format.find(')');
      if (j == std::string_view::npos) return Error("incomplete format key");
      const std::string_view key = format.substr(0, j);
      const DictObject* dict = x.TryAs<DictObject>();
      if (dict == nullptr) return Error("format requires a mapping");
      absl::StatusOr<Value> v = dict->Get(MakeString(thread.heap(), key));
      if (!v.ok()) return v.status();
      if (v->IsAbsent()) return Error("key not found: ", key);
      arg = *v;
      format.remove_prefix(j + 1);
    } else {
      if (index >= nargs)
        return Error("not enough arguments for format string");
      arg = tuple != nullptr ? tuple->at(index) : x;
    }
    if (format.empty()) return Error("incomplete format");
    const char c = format[0];
    switch (c) {
      case 's':
        ctx.WriteStr(&buf, arg);
        break;
      case 'r':
        ctx.Write(&buf, arg);
        break;
      case 'd':
      case 'i':
      case 'o':
      case 'x':
      case 'X':
        if (arg.kind() == Kind::kFloat) {  // truncated, as starlark-go does
          const double d = arg.As<FloatObject>()->value();
          if (!std::isfinite(d)) {
            return Error("%", std::string_view(&c, 1),
                         " format requires integer: cannot convert float ",
                         std::isnan(d) ? "NaN" : "infinity", " to integer");
          }
          arg = TruncateToInt(thread.heap(), d);
        } else if (arg.kind() != Kind::kInt) {
          return Error("%", std::string_view(&c, 1),
                       " format requires integer: cannot convert ",
                       TypeName(arg), " to int");
        }
        AppendInt(&buf, arg, c);
        break;
      case 'e':
      case 'f':
      case 'g':
      case 'E':
      case 'F':
      case 'G': {
        double d;
        if (arg.kind() != Kind::kInt && arg.kind() != Kind::kFloat) {
          return Error("%", std::string_view(&c, 1),
                       " format requires float, not ", TypeName(arg));
        }
        if (auto st = ToDouble(arg, &d); !st.ok()) return st;
        AppendFloatConversion(&buf, d, c);
        break;
      }
      case 'c': {
        if (arg.kind() == Kind::kInt) {
          int64_t r;
          if (!IntToInt64(arg, &r) || r < 0 || r > 0x10FFFF) {
            return Error("%c format requires a valid Unicode code point, got ",
                         Repr(arg));
          }
          base::AppendUtf8(&buf, static_cast<uint32_t>(r));
        } else if (arg.kind() == Kind::kString) {
          uint32_t r;
          if (!SingleRune(StringView(arg), &r)) {
            return Error("%c format requires a single-character string");
          }
          buf.append(StringView(arg));
        } else {
          return Error(
              "%c format requires int or single-character string, "
              "not ",
              TypeName(arg));
        }
        break;
      }
      default: {
        // Report the whole (possibly multi-byte) conversion character.
        size_t n = 1;
        const unsigned char uc = c;
        if (uc >= 0xC0) {
          n = uc >= 0xF0 ? 4 : uc >= 0xE0 ? 3 : 2;
          if (n > format.size()) n = format.size();
        }
        return Error("unknown conversion %", format.substr(0, n));
      }
    }
    format.remove_prefix(1);
    ++index;
    if (auto st = thread.heap().Reserve(static_cast<int64_t>(buf.size()));
        !st.ok()) {
      return st;
    }
  }
  if (index < nargs && x.kind() != Kind::kDict) {
    return Error("too many arguments for format string");
  }
  return MakeString(thread.heap(), std::move(buf));
}

}  // namespace warden::lang
