// Floats: formatting, hashing and the arithmetic/comparison of mixed
// int/float operands.
#include "lang/ops_float.h"

#include <gmp.h>

#include <charconv>
#include <cmath>
#include <cstdlib>
#include <cstring>

#include "lang/int.h"
#include "lang/object.h"
#include "lang/ops.h"

namespace warden::lang {

void AppendFloat(std::string* out, double v) {
  if (std::isnan(v)) {
    out->append("nan");
    return;
  }
  if (std::isinf(v)) {
    out->append(v > 0 ? "+inf" : "-inf");
    return;
  }
  // Shortest round-trip digits, then Go's strconv 'g' layout with the
  // "shortest" exponent threshold of 6 (exp < -4 || exp >= 6 -> %e).
  char buf[64];
  auto res =
      std::to_chars(buf, buf + sizeof(buf), v, std::chars_format::scientific);
  std::string_view sci(buf, res.ptr - buf);  // e.g. "-1.2345e+06"
  bool neg = false;
  if (!sci.empty() && sci[0] == '-') {
    neg = true;
    sci.remove_prefix(1);
  }
  const size_t epos = sci.find('e');
  std::string digits;
  for (char c : sci.substr(0, epos)) {
    if (c != '.') digits.push_back(c);
  }
  const int exp = std::atoi(std::string(sci.substr(epos + 1)).c_str());
  while (digits.size() > 1 && digits.back() == '0') digits.pop_back();
  if (neg) out->push_back('-');
  if (v == 0) {
    out->append("0.0");
    return;
  }
  if (exp < -4 || exp >= 6) {
    out->push_back(digits[0]);
    if (digits.size() > 1) {
      out->push_back('.');
      out->append(digits, 1, std::string::npos);
    }
    out->push_back('e');
    out->push_back(exp < 0 ? '-' : '+');
    const int a = exp < 0 ? -exp : exp;
    if (a < 10) out->push_back('0');
    out->append(std::to_string(a));
    return;
  }
  if (exp < 0) {
    out->append("0.");
    out->append(static_cast<size_t>(-exp - 1), '0');
    out->append(digits);
    return;
  }
  const size_t int_len = static_cast<size_t>(exp) + 1;
  if (digits.size() <= int_len) {
    out->append(digits);
    out->append(int_len - digits.size(), '0');
    out->append(".0");
  } else {
    out->append(digits, 0, int_len);
    out->push_back('.');
    out->append(digits, int_len, std::string::npos);
  }
}

void FloatObject::Repr(std::string* out, ReprContext&) const {
  AppendFloat(out, v_);
}

absl::StatusOr<uint32_t> FloatObject::Hash() const {
  // Integral floats hash like the equal int (1.0 == 1 must share a slot).
  if (std::isfinite(v_) && v_ == std::trunc(v_) &&
      std::fabs(v_) <= static_cast<double>(Value::kMaxSmallInt)) {
    return lang::Hash(Value::SmallInt(static_cast<int64_t>(v_)));
  }
  uint64_t bits;
  static_assert(sizeof(bits) == sizeof(v_));
  std::memcpy(&bits, &v_, sizeof(bits));
  return static_cast<uint32_t>(bits ^ (bits >> 32));
}

Value MakeFloat(Heap& heap, double v) { return heap.NewValue<FloatObject>(v); }

Value TruncateToInt(Heap& heap, double d) {
  mpz_t m;
  mpz_init_set_d(m, std::trunc(d));
  Value v = MakeIntFromMpz(heap, m);
  mpz_clear(m);
  return v;
}

absl::Status ToDouble(const Value& x, double* out) {
  if (x.IsSmallInt()) {
    *out = static_cast<double>(x.AsSmallInt());
    return absl::OkStatus();
  }
  if (x.kind() == Kind::kFloat) {
    *out = x.As<FloatObject>()->value();
    return absl::OkStatus();
  }
  if (x.kind() == Kind::kInt) {
    const double d = mpz_get_d(x.As<BigIntObject>()->mpz());
    if (std::isinf(d)) return Error("int too large to convert to float");
    *out = d;
    return absl::OkStatus();
  }
  return Error("got ", TypeName(x), ", want float");
}

absl::StatusOr<Value> FloatBinary(Thread& thread, BinaryOp op, const Value& x,
                                  const Value& y) {
  double a, b;
  if (auto st = ToDouble(x, &a); !st.ok()) return st;
  if (auto st = ToDouble(y, &b); !st.ok()) return st;
  double r;
  switch (op) {
    case BinaryOp::kAdd:
      r = a + b;
      break;
    case BinaryOp::kSub:
      r = a - b;
      break;
    case BinaryOp::kMul:
      r = a * b;
      break;
    case BinaryOp::kDiv:
      if (b == 0) return Error("floating-point division by zero");
      r = a / b;
      break;
    case BinaryOp::kFloorDiv:
      if (b == 0) return Error("floating-point division by zero");
      r = std::floor(a / b);
      break;
    case BinaryOp::kMod:
      if (b == 0) return Error("floating-point modulo by zero");
      r = std::fmod(a, b);
      if (r != 0 && ((r < 0) != (b < 0))) r += b;
      break;
    default:
      return Error("unknown binary op: ", TypeName(x), " ", BinaryOpToken(op),
                   " ", TypeName(y));
  }
  return MakeFloat(thread.heap(), r);
}

int CompareNumbers(const Value& x, const Value& y) {
  // Exact when both are ints; otherwise through doubles (NaN compares as
  // unordered: reported as "greater", so only != holds).
  double a = 0, b = 0;
  (void)ToDouble(x, &a);
  (void)ToDouble(y, &b);
  if (a < b) return -1;
  if (a > b) return 1;
  if (a == b) return 0;
  return 2;  // unordered (NaN)
}

}  // namespace warden::lang
