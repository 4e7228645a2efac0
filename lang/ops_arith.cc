// Arithmetic, bitwise, concatenation/repetition and unary operators.
#include <gmp.h>

#include <climits>

#include "absl/strings/str_cat.h"
#include "lang/dict.h"
#include "lang/format.h"
#include "lang/int.h"
#include "lang/ops.h"
#include "lang/ops_float.h"

namespace warden::lang {

std::string_view BinaryOpToken(BinaryOp op) {
  switch (op) {
    case BinaryOp::kAdd:
      return "+";
    case BinaryOp::kSub:
      return "-";
    case BinaryOp::kMul:
      return "*";
    case BinaryOp::kDiv:
      return "/";
    case BinaryOp::kFloorDiv:
      return "//";
    case BinaryOp::kMod:
      return "%";
    case BinaryOp::kBitOr:
      return "|";
    case BinaryOp::kBitXor:
      return "^";
    case BinaryOp::kBitAnd:
      return "&";
    case BinaryOp::kShl:
      return "<<";
    case BinaryOp::kShr:
      return ">>";
    case BinaryOp::kIn:
      return "in";
    case BinaryOp::kNotIn:
      return "not in";
    case BinaryOp::kEq:
      return "==";
    case BinaryOp::kNe:
      return "!=";
    case BinaryOp::kLt:
      return "<";
    case BinaryOp::kLe:
      return "<=";
    case BinaryOp::kGt:
      return ">";
    case BinaryOp::kGe:
      return ">=";
  }
  return "?";
}

std::string_view UnaryOpToken(UnaryOp op) {
  switch (op) {
    case UnaryOp::kPlus:
      return "+";
    case UnaryOp::kMinus:
      return "-";
    case UnaryOp::kInvert:
      return "~";
    case UnaryOp::kNot:
      return "not";
  }
  return "?";
}

namespace {

// An mpz_t that clears itself.
struct Mpz {
  mpz_t v;
  Mpz() { mpz_init(v); }
  explicit Mpz(const Value& x) {
    mpz_init(v);
    IntToMpz(x, v);
  }
  ~Mpz() { mpz_clear(v); }
  Mpz(const Mpz&) = delete;
  Mpz& operator=(const Mpz&) = delete;
};

int64_t LimbBytes(const Value& x) {
  if (x.IsSmallInt()) return 8;
  return static_cast<int64_t>(mpz_size(x.As<BigIntObject>()->mpz())) * 8 + 8;
}

absl::Status UnknownBinary(BinaryOp op, const Value& x, const Value& y) {
  return Error("unknown binary op: ", TypeName(x), " ", BinaryOpToken(op), " ",
               TypeName(y));
}

// Integer arithmetic on ints of any size. Requires x.IsInt() && y.IsInt().
absl::StatusOr<Value> IntBinary(Thread& thread, BinaryOp op, const Value& x,
                                const Value& y) {
  Heap& heap = thread.heap();
  if (x.IsSmallInt() && y.IsSmallInt()) {
    const int64_t a = x.AsSmallInt(), b = y.AsSmallInt();
    int64_t r;
    switch (op) {
      case BinaryOp::kAdd:
        return MakeInt(heap, a + b);  // 63-bit operands cannot overflow
      case BinaryOp::kSub:
        return MakeInt(heap, a - b);
      case BinaryOp::kMul:
        if (!__builtin_mul_overflow(a, b, &r)) return MakeInt(heap, r);
        break;  // to GMP
      case BinaryOp::kFloorDiv: {
        if (b == 0) return Error("floored division by zero");
        int64_t q = a / b;  // no overflow: |a| < 2^62
        if ((a % b != 0) && ((a < 0) != (b < 0))) --q;
        return MakeInt(heap, q);
      }
      case BinaryOp::kMod: {
        if (b == 0) return Error("integer modulo by zero");
        int64_t m = a % b;
        if (m != 0 && ((m < 0) != (b < 0))) m += b;
        return Value::SmallInt(m);
      }
      case BinaryOp::kBitAnd:
        return Value::SmallInt(a & b);
      case BinaryOp::kBitOr:
        return Value::SmallInt(a | b);
      case BinaryOp::kBitXor:
        return Value::SmallInt(a ^ b);
      case BinaryOp::kShl:
        if (b < 0) return Error("negative shift count: ", b);
        if (b >= 512) return Error("shift count too large: ", b);
        if (a == 0) return Value::SmallInt(0);
        if (b < 62) {
          // The product may overflow int64 (555555555 << 55): that is
          // undefined behaviour, so it is checked, not computed and undone.
          int64_t s;
          if (!__builtin_mul_overflow(a, int64_t{1} << b, &s) &&
              Value::FitsSmallInt(s)) {
            return Value::SmallInt(s);
          }
        }
        break;  // to GMP
      case BinaryOp::kShr:
        if (b < 0) return Error("negative shift count: ", b);
        return Value::SmallInt(b >= 63 ? (a < 0 ? -1 : 0) : a >> b);
      default:
        return UnknownBinary(op, x, y);
    }
  }
  // General case through GMP.
  Mpz a(x), b(y), r;
  switch (op) {
    case BinaryOp::kAdd:
      mpz_add(r.v, a.v, b.v);
      break;
    case BinaryOp::kSub:
      mpz_sub(r.v, a.v, b.v);
      break;
    case BinaryOp::kMul:
      if (auto st = heap.Reserve(LimbBytes(x) + LimbBytes(y)); !st.ok()) {
        return st;
      }
      mpz_mul(r.v, a.v, b.v);
      break;
    case BinaryOp::kFloorDiv:
      if (mpz_sgn(b.v) == 0) return Error("floored division by zero");
      mpz_fdiv_q(r.v, a.v, b.v);
      break;
    case BinaryOp::kMod:
      if (mpz_sgn(b.v) == 0) return Error("integer modulo by zero");
      mpz_fdiv_r(r.v, a.v, b.v);
      break;
    case BinaryOp::kBitAnd:
      mpz_and(r.v, a.v, b.v);
      break;
    case BinaryOp::kBitOr:
      mpz_ior(r.v, a.v, b.v);
      break;
    case BinaryOp::kBitXor:
      mpz_xor(r.v, a.v, b.v);
      break;
    case BinaryOp::kShl:
    case BinaryOp::kShr: {
      if (mpz_sgn(b.v) < 0) return Error("negative shift count: ", Repr(y));
      if (op == BinaryOp::kShl) {
        if (mpz_cmp_ui(b.v, 512) >= 0) {
          return Error("shift count too large: ", Repr(y));
        }
        if (auto st = heap.Reserve(LimbBytes(x) + 64); !st.ok()) return st;
        mpz_mul_2exp(r.v, a.v, mpz_get_ui(b.v));
      } else {
        const unsigned long n =  // NOLINT(runtime/int): GMP's type
            mpz_fits_ulong_p(b.v) ? mpz_get_ui(b.v) : ULONG_MAX;
        mpz_fdiv_q_2exp(r.v, a.v, n);
      }
      break;
    }
    default:
      return UnknownBinary(op, x, y);
  }
  Value result = MakeIntFromMpz(heap, r.v);
  if (auto st = heap.CheckBudget(); !st.ok()) return st;
  return result;
}

// starlark-go's AsInt32-based repeat count: "repeat count N too large" if it
// does not fit in int32; <= 0 means empty.
absl::StatusOr<int64_t> RepeatCount(const Value& n) {
  int64_t count;
  if (!IntToInt64(n, &count) || count > INT32_MAX || count < INT32_MIN) {
    return Error("repeat count ", Repr(n), " too large");
  }
  return count < 0 ? 0 : count;
}

// seq * n for strings, lists and tuples.
absl::StatusOr<Value> Repeat(Thread& thread, const Value& seq, const Value& n) {
  absl::StatusOr<int64_t> count = RepeatCount(n);
  if (!count.ok()) return count.status();
  Heap& heap = thread.heap();
  constexpr int64_t kMaxAlloc = int64_t{1} << 30;
  if (seq.kind() == Kind::kString) {
    const std::string_view s = StringView(seq);
    if (*count == 0 || s.empty()) return MakeString(heap, std::string_view());
    if (static_cast<int64_t>(s.size()) > kMaxAlloc / *count) {
      return Error("excessive repeat (", s.size(), " * ", *count, " elements)");
    }
    const int64_t total = static_cast<int64_t>(s.size()) * *count;
    if (auto st = heap.Reserve(total); !st.ok()) return st;
    std::string out;
    out.reserve(total);
    for (int64_t i = 0; i < *count; ++i) out.append(s);
    return MakeString(heap, std::move(out));
  }
  absl::Span<const Value> elems = SequenceElems(seq);
  std::vector<Value> out;
  if (*count > 0 && !elems.empty()) {
    if (static_cast<int64_t>(elems.size()) > kMaxAlloc / *count) {
      return Error("excessive repeat (", elems.size(), " * ", *count,
                   " elements)");
    }
    const int64_t total = static_cast<int64_t>(elems.size()) * *count;
    if (auto st = heap.Reserve(total * int64_t{sizeof(Value)}); !st.ok()) {
      return st;
    }
    out.reserve(total);
    for (int64_t i = 0; i < *count; ++i) {
      out.insert(out.end(), elems.begin(), elems.end());
    }
  }
  return seq.kind() == Kind::kList ? MakeList(heap, std::move(out))
                                   : MakeTuple(heap, std::move(out));
}

absl::StatusOr<Value> Concat(Thread& thread, const Value& x, const Value& y) {
  Heap& heap = thread.heap();
  if (x.kind() == Kind::kString) {
    const std::string_view a = StringView(x), b = StringView(y);
    if (a.empty()) return y;
    if (b.empty()) return x;
    if (auto st = heap.Reserve(static_cast<int64_t>(a.size() + b.size()));
        !st.ok()) {
      return st;
    }
    std::string out;
    out.reserve(a.size() + b.size());
    out.append(a).append(b);
    return MakeString(heap, std::move(out));
  }
  absl::Span<const Value> a = SequenceElems(x), b = SequenceElems(y);
  if (auto st = heap.Reserve(
          static_cast<int64_t>((a.size() + b.size()) * sizeof(Value)));
      !st.ok()) {
    return st;
  }
  std::vector<Value> out;
  out.reserve(a.size() + b.size());
  out.insert(out.end(), a.begin(), a.end());
  out.insert(out.end(), b.begin(), b.end());
  return x.kind() == Kind::kList ? MakeList(heap, std::move(out))
                                 : MakeTuple(heap, std::move(out));
}

absl::StatusOr<Value> DictUnion(Thread& thread, const Value& x,
                                const Value& y) {
  Value result = MakeDict(thread.heap());
  auto* d = result.As<DictObject>();
  for (const Value* src : {&x, &y}) {
    for (const DictObject::Entry& e : src->As<DictObject>()->raw_entries()) {
      if (e.key.IsAbsent()) continue;
      if (auto st = d->Set(e.key, e.value); !st.ok()) return st;
    }
  }
  return result;
}

bool IsSeq(Kind k) { return k == Kind::kList || k == Kind::kTuple; }

}  // namespace

absl::StatusOr<Value> Binary(Thread& thread, BinaryOp op, const Value& x,
                             const Value& y) {
  Value fast;
  if (TryFastBinary(op, x, y, &fast)) return fast;
  switch (op) {
    case BinaryOp::kEq:
    case BinaryOp::kNe:
    case BinaryOp::kLt:
    case BinaryOp::kLe:
    case BinaryOp::kGt:
    case BinaryOp::kGe: {
      absl::StatusOr<bool> b = Compare(op, x, y);
      if (!b.ok()) return b.status();
      return Value::Bool(*b);
    }
    case BinaryOp::kIn:
    case BinaryOp::kNotIn: {
      absl::StatusOr<bool> b = Contains(y, x);
      if (!b.ok()) return b.status();
      return Value::Bool(*b == (op == BinaryOp::kIn));
    }
    default:
      break;
  }
  const Kind kx = x.kind(), ky = y.kind();
  if (kx == Kind::kInt && ky == Kind::kInt) {
    if (op == BinaryOp::kDiv) return FloatBinary(thread, op, x, y);
    return IntBinary(thread, op, x, y);
  }
  if ((kx == Kind::kFloat && (ky == Kind::kFloat || ky == Kind::kInt)) ||
      (kx == Kind::kInt && ky == Kind::kFloat)) {
    return FloatBinary(thread, op, x, y);
  }
  switch (op) {
    case BinaryOp::kAdd:
      if (kx == ky && (kx == Kind::kString || IsSeq(kx))) {
        return Concat(thread, x, y);
      }
      break;
    case BinaryOp::kMul:
      if (ky == Kind::kInt && (kx == Kind::kString || IsSeq(kx))) {
        return Repeat(thread, x, y);
      }
      if (kx == Kind::kInt && (ky == Kind::kString || IsSeq(ky))) {
        return Repeat(thread, y, x);
      }
      break;
    case BinaryOp::kMod:
      if (kx == Kind::kString) return FormatPercent(thread, StringView(x), y);
      break;
    case BinaryOp::kBitOr:
      if (kx == Kind::kDict && ky == Kind::kDict) {
        return DictUnion(thread, x, y);
      }
      break;
    default:
      break;
  }
  return UnknownBinary(op, x, y);
}

absl::StatusOr<Value> InplaceBinary(Thread& thread, BinaryOp op, const Value& x,
                                    const Value& y) {
  if (op == BinaryOp::kAdd && x.kind() == Kind::kList) {
    auto* list = x.As<ListObject>();
    if (IsIterable(y)) {
      if (auto st = list->CheckMutable("apply += to"); !st.ok()) return st;
      absl::StatusOr<std::vector<Value>> elems = Collect(thread, y);
      if (!elems.ok()) return elems.status();
      if (auto st = list->Extend(*elems); !st.ok()) return st;
      return x;
    }
  }
  if (op == BinaryOp::kBitOr && x.kind() == Kind::kDict &&
      y.kind() == Kind::kDict) {
    // starlark-go: d |= d2 updates d in place.
    auto* d = x.As<DictObject>();
    for (const DictObject::Entry& e : y.As<DictObject>()->raw_entries()) {
      if (e.key.IsAbsent()) continue;
      if (auto st = d->Set(e.key, e.value); !st.ok()) return st;
    }
    return x;
  }
  return Binary(thread, op, x, y);
}

absl::StatusOr<Value> Unary(Thread& thread, UnaryOp op, const Value& x) {
  if (op == UnaryOp::kNot) return Value::Bool(!Truth(x));
  if (x.kind() == Kind::kInt) {
    if (x.IsSmallInt()) {
      const int64_t a = x.AsSmallInt();
      switch (op) {
        case UnaryOp::kPlus:
          return x;
        case UnaryOp::kMinus:
          return MakeInt(thread.heap(), -a);
        default:
          return Value::SmallInt(~a);
      }
    }
    if (op == UnaryOp::kPlus) return x;
    Mpz a(x), r;
    if (op == UnaryOp::kMinus) {
      mpz_neg(r.v, a.v);
    } else {
      mpz_com(r.v, a.v);
    }
    return MakeIntFromMpz(thread.heap(), r.v);
  }
  if (x.kind() == Kind::kFloat && op != UnaryOp::kInvert) {
    if (op == UnaryOp::kPlus) return x;
    return MakeFloat(thread.heap(), -x.As<FloatObject>()->value());
  }
  return Error("unknown unary op: ", UnaryOpToken(op), " ", TypeName(x));
}

}  // namespace warden::lang
