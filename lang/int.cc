// Big ints (GMP) and int conversions.
#include "lang/int.h"

#include <cctype>

#include "absl/strings/str_cat.h"
#include "lang/ops.h"

namespace warden::lang {

BigIntObject::BigIntObject() : Object(kKind) { mpz_init(v_); }
BigIntObject::~BigIntObject() { mpz_clear(v_); }

void BigIntObject::Repr(std::string* out, ReprContext&) const {
  const size_t n = mpz_sizeinbase(v_, 10) + 2;
  std::string buf(n, '\0');
  mpz_get_str(buf.data(), 10, v_);
  buf.resize(std::char_traits<char>::length(buf.c_str()));
  out->append(buf);
}

absl::StatusOr<uint32_t> BigIntObject::Hash() const {
  // Any function of the value will do: big ints never equal small ints.
  const uint64_t lo = mpz_getlimbn(v_, 0);
  return static_cast<uint32_t>(lo ^ (lo >> 32)) ^
         static_cast<uint32_t>(mpz_size(v_) * 0x9e3779b9u) ^
         (mpz_sgn(v_) < 0 ? 0x5bd1e995u : 0);
}

namespace {

bool MpzFitsSmall(mpz_srcptr v) {
  if (!mpz_fits_slong_p(v)) return false;
  return Value::FitsSmallInt(mpz_get_si(v));
}

}  // namespace

Value MakeInt(Heap& heap, int64_t v) {
  if (Value::FitsSmallInt(v)) return Value::SmallInt(v);
  BigIntObject* b = heap.New<BigIntObject>();
  mpz_set_si(b->mpz(), v);
  b->ChargeBytes(static_cast<int64_t>(mpz_size(b->mpz()) * sizeof(mp_limb_t)));
  return Value(b);
}

Value MakeIntFromMpz(Heap& heap, mpz_srcptr v) {
  if (MpzFitsSmall(v)) return Value::SmallInt(mpz_get_si(v));
  BigIntObject* b = heap.New<BigIntObject>();
  mpz_set(b->mpz(), v);
  b->ChargeBytes(static_cast<int64_t>(mpz_size(b->mpz()) * sizeof(mp_limb_t)));
  return Value(b);
}

void IntToMpz(const Value& v, mpz_ptr out) {
  if (v.IsSmallInt()) {
    mpz_set_si(out, v.AsSmallInt());
  } else {
    mpz_set(out, v.As<BigIntObject>()->mpz());
  }
}

bool IntToInt64(const Value& v, int64_t* out) {
  if (v.IsSmallInt()) {
    *out = v.AsSmallInt();
    return true;
  }
  if (!v.IsObject() || v.object()->kind() != Kind::kInt) return false;
  mpz_srcptr m = v.As<BigIntObject>()->mpz();
  if (!mpz_fits_slong_p(m)) return false;
  *out = mpz_get_si(m);
  return true;
}

int IntSign(const Value& v) {
  if (v.IsSmallInt()) {
    const int64_t x = v.AsSmallInt();
    return (x > 0) - (x < 0);
  }
  return mpz_sgn(v.As<BigIntObject>()->mpz());
}

std::string IntToString(const Value& v, int base) {
  if (v.IsSmallInt() && base == 10) return Cat(v.AsSmallInt());
  mpz_t m;
  mpz_init(m);
  IntToMpz(v, m);
  std::string buf(mpz_sizeinbase(m, base) + 2, '\0');
  mpz_get_str(buf.data(), base, m);
  mpz_clear(m);
  buf.resize(std::char_traits<char>::length(buf.c_str()));
  return buf;
}

namespace {

int DigitValue(char c) {
  if (c >= '0' && c <= '9') return c - '0';
  if (c >= 'a' && c <= 'z') return c - 'a' + 10;
  if (c >= 'A' && c <= 'Z') return c - 'A' + 10;
  return 99;
}

// Parses unsigned digits (underscores not allowed) in `base` into a Value.
// False if empty or a digit is invalid.
bool ParseDigits(Heap& heap, std::string_view digits, int base, bool negative,
                 Value* out) {
  if (digits.empty()) return false;
  for (char c : digits) {
    if (DigitValue(c) >= base) return false;
  }
  // Fast path: fits comfortably in int64.
  if ((base <= 10 && digits.size() <= 18) ||
      (base <= 16 && digits.size() <= 15) || digits.size() <= 12) {
    int64_t v = 0;
    for (char c : digits) v = v * base + DigitValue(c);
    *out = MakeInt(heap, negative ? -v : v);
    return true;
  }
  std::string s(digits);
  mpz_t m;
  mpz_init(m);
  mpz_set_str(m, s.c_str(), base);
  if (negative) mpz_neg(m, m);
  *out = MakeIntFromMpz(heap, m);
  mpz_clear(m);
  return true;
}

}  // namespace

absl::StatusOr<Value> ParseIntLiteral(Heap& heap, std::string_view lit) {
  int base = 10;
  std::string_view digits = lit;
  if (lit.size() >= 2 && lit[0] == '0') {
    const char p = static_cast<char>(std::tolower(lit[1]));
    if (p == 'x') base = 16;
    if (p == 'o') base = 8;
    if (p == 'b') base = 2;
    if (base != 10) digits.remove_prefix(2);
  }
  if (base == 10 && digits.size() > 1 && digits[0] == '0') {
    for (char c : digits) {
      if (c != '0') {
        return Error("invalid int literal: ", lit,
                     " (obsolete form of octal literal; use 0o...)");
      }
    }
  }
  Value v;
  if (!ParseDigits(heap, digits, base, false, &v)) {
    return Error("invalid int literal: ", lit);
  }
  return v;
}

absl::StatusOr<Value> ParseInt(Heap& heap, std::string_view s, int base) {
  auto invalid = [&] {
    return Error("invalid literal with base ", base, ": ", s);
  };
  std::string_view t = s;
  bool negative = false;
  if (!t.empty() && (t[0] == '+' || t[0] == '-')) {
    negative = t[0] == '-';
    t.remove_prefix(1);
  }
  int b = base;
  if (t.size() >= 2 && t[0] == '0') {
    const char p = static_cast<char>(std::tolower(t[1]));
    const int prefix_base = p == 'x' ? 16 : p == 'o' ? 8 : p == 'b' ? 2 : 0;
    if (prefix_base != 0 && (base == 0 || base == prefix_base)) {
      b = prefix_base;
      t.remove_prefix(2);
    } else if (base == 0) {
      // Leading zero without a prefix: legacy octal, refused (except "0..0").
      for (char c : t) {
        if (c != '0') return invalid();
      }
      b = 10;
    }
  }
  if (b == 0) b = 10;
  Value v;
  if (!ParseDigits(heap, t, b, negative, &v)) return invalid();
  return v;
}

}  // namespace warden::lang
