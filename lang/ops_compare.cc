// Equality, ordering and hashing.
#include <gmp.h>

#include <algorithm>

#include "lang/dict.h"
#include "lang/int.h"
#include "lang/ops.h"
#include "lang/ops_float.h"

namespace warden::lang {

namespace {

// Nesting bound for comparisons (starlark-go uses 10; we allow deeper
// structures but still stop cycles).
constexpr int kMaxCompareDepth = 100;

absl::Status DepthError() {
  return Error("comparison exceeded maximum recursion depth");
}

int CompareInts(const Value& x, const Value& y) {
  if (x.IsSmallInt() && y.IsSmallInt()) {
    const int64_t a = x.AsSmallInt(), b = y.AsSmallInt();
    return (a > b) - (a < b);
  }
  // At least one is big: a big int is beyond every small one.
  if (x.IsSmallInt()) return -mpz_sgn(y.As<BigIntObject>()->mpz());
  if (y.IsSmallInt()) return mpz_sgn(x.As<BigIntObject>()->mpz());
  const int c =
      mpz_cmp(x.As<BigIntObject>()->mpz(), y.As<BigIntObject>()->mpz());
  return (c > 0) - (c < 0);
}

absl::StatusOr<bool> EqualDepth(const Value& x, const Value& y, int depth);

absl::StatusOr<bool> SeqEqual(absl::Span<const Value> a,
                              absl::Span<const Value> b, int depth) {
  if (a.size() != b.size()) return false;
  for (size_t i = 0; i < a.size(); ++i) {
    absl::StatusOr<bool> eq = EqualDepth(a[i], b[i], depth - 1);
    if (!eq.ok() || !*eq) return eq;
  }
  return true;
}

bool IsNumber(Kind k) { return k == Kind::kInt || k == Kind::kFloat; }

absl::StatusOr<bool> EqualDepth(const Value& x, const Value& y, int depth) {
  const Kind kx = x.kind(), ky = y.kind();
  if (kx != ky) {
    return IsNumber(kx) && IsNumber(ky) && CompareNumbers(x, y) == 0;
  }
  if (kx == Kind::kFloat) return CompareNumbers(x, y) == 0;
  switch (kx) {
    case Kind::kNone:
    case Kind::kBool:
      return x.IsIdentical(y);
    case Kind::kInt:
      return x.IsIdentical(y) ||
             (x.IsObject() && y.IsObject() && CompareInts(x, y) == 0);
    case Kind::kString:
      return x.IsIdentical(y) || StringView(x) == StringView(y);
    default:
      break;
  }
  if (depth < 1) return DepthError();
  switch (kx) {
    case Kind::kList:
    case Kind::kTuple:
      return SeqEqual(SequenceElems(x), SequenceElems(y), depth);
    case Kind::kDict: {
      const auto* a = x.As<DictObject>();
      const auto* b = y.As<DictObject>();
      if (a->size() != b->size()) return false;
      for (const DictObject::Entry& e : a->raw_entries()) {
        if (e.key.IsAbsent()) continue;
        absl::StatusOr<Value> other = b->Get(e.key);
        if (!other.ok()) return other.status();
        if (other->IsAbsent()) return false;
        absl::StatusOr<bool> eq = EqualDepth(e.value, *other, depth - 1);
        if (!eq.ok() || !*eq) return eq;
      }
      return true;
    }
    case Kind::kRange: {
      const auto* a = x.As<RangeObject>();
      const auto* b = y.As<RangeObject>();
      if (a->size() != b->size()) return false;
      if (a->size() == 0) return true;
      if (a->start() != b->start()) return false;
      return a->size() == 1 || a->step() == b->step();
    }
    default:
      if (x.object()->TypeName() != y.object()->TypeName()) return false;
      return x.object()->Equals(*y.object(), depth - 1);
  }
}

absl::Status NotImplemented(BinaryOp op, const Value& x, const Value& y) {
  return Error(TypeName(x), " ", BinaryOpToken(op), " ", TypeName(y),
               " not implemented");
}

bool Holds(BinaryOp op, int cmp) {
  switch (op) {
    case BinaryOp::kEq:
      return cmp == 0;
    case BinaryOp::kNe:
      return cmp != 0;
    case BinaryOp::kLt:
      return cmp < 0;
    case BinaryOp::kLe:
      return cmp <= 0;
    case BinaryOp::kGt:
      return cmp > 0;
    default:
      return cmp >= 0;
  }
}

absl::StatusOr<bool> CompareDepth(BinaryOp op, const Value& x, const Value& y,
                                  int depth);

// Lexicographic comparison of sequences (starlark-go's sliceCompare).
absl::StatusOr<bool> SeqCompare(BinaryOp op, absl::Span<const Value> a,
                                absl::Span<const Value> b, int depth) {
  // Fast path for equality: lengths differ.
  if (a.size() != b.size() && (op == BinaryOp::kEq || op == BinaryOp::kNe)) {
    return op == BinaryOp::kNe;
  }
  const size_t n = std::min(a.size(), b.size());
  for (size_t i = 0; i < n; ++i) {
    absl::StatusOr<bool> eq = EqualDepth(a[i], b[i], depth - 1);
    if (!eq.ok()) return eq.status();
    if (!*eq) {
      if (op == BinaryOp::kEq) return false;
      if (op == BinaryOp::kNe) return true;
      return CompareDepth(op, a[i], b[i], depth - 1);
    }
  }
  const int c = (a.size() > b.size()) - (a.size() < b.size());
  return Holds(op, c);
}

absl::StatusOr<bool> CompareDepth(BinaryOp op, const Value& x, const Value& y,
                                  int depth) {
  if (op == BinaryOp::kEq || op == BinaryOp::kNe) {
    absl::StatusOr<bool> eq = EqualDepth(x, y, depth);
    if (!eq.ok()) return eq;
    return *eq == (op == BinaryOp::kEq);
  }
  const Kind kx = x.kind();
  if (IsNumber(kx) && IsNumber(y.kind()) &&
      (kx == Kind::kFloat || y.kind() == Kind::kFloat)) {
    const int c = CompareNumbers(x, y);
    return c != 2 && Holds(op, c);  // NaN: every ordered comparison is false
  }
  if (kx != y.kind()) return NotImplemented(op, x, y);
  switch (kx) {
    case Kind::kInt:
      return Holds(op, CompareInts(x, y));
    case Kind::kBool:
      return Holds(op, int{x.AsBool()} - int{y.AsBool()});
    case Kind::kString: {
      const int c = StringView(x).compare(StringView(y));
      return Holds(op, (c > 0) - (c < 0));
    }
    case Kind::kList:
    case Kind::kTuple:
      if (depth < 1) return DepthError();
      return SeqCompare(op, SequenceElems(x), SequenceElems(y), depth);
    case Kind::kOther: {
      if (x.object()->TypeName() != y.object()->TypeName()) {
        return NotImplemented(op, x, y);
      }
      // Derive all orderings from Less.
      const bool swap = op == BinaryOp::kGt || op == BinaryOp::kLe;
      const Value& a = swap ? y : x;
      const Value& b = swap ? x : y;
      absl::StatusOr<bool> less = a.object()->Less(*b.object(), depth - 1);
      if (!less.ok()) return less;
      return (op == BinaryOp::kLt || op == BinaryOp::kGt) ? *less : !*less;
    }
    default:
      return NotImplemented(op, x, y);
  }
}

}  // namespace

absl::StatusOr<bool> Equal(const Value& x, const Value& y) {
  return EqualDepth(x, y, kMaxCompareDepth);
}

absl::StatusOr<bool> Compare(BinaryOp op, const Value& x, const Value& y) {
  if (x.IsSmallInt() && y.IsSmallInt()) {
    const int64_t a = x.AsSmallInt(), b = y.AsSmallInt();
    return Holds(op, (a > b) - (a < b));
  }
  return CompareDepth(op, x, y, kMaxCompareDepth);
}

absl::StatusOr<uint32_t> Hash(const Value& x) {
  if (x.IsSmallInt()) {
    // A multiplicative mix so consecutive ints spread over the table.
    const uint64_t h =
        static_cast<uint64_t>(x.AsSmallInt()) * 0x9E3779B97F4A7C15ull;
    return static_cast<uint32_t>(h >> 32);
  }
  if (!x.IsObject()) {
    return x.IsNone() ? 0x5a17u : x.IsTrue() ? 0x3c1u : 0x3c0u;
  }
  const Object* o = x.object();
  switch (o->kind()) {
    case Kind::kString:
      return static_cast<const StringObject*>(o)->hash();
    case Kind::kTuple: {
      // starlark-go's tuple hash: combine element hashes.
      uint32_t h = 0x345678;
      uint32_t mult = 1000003;
      for (const Value& e : static_cast<const TupleObject*>(o)->elems()) {
        absl::StatusOr<uint32_t> eh = Hash(e);
        if (!eh.ok()) return eh;
        h = (h ^ *eh) * mult;
        mult += 82520 + static_cast<uint32_t>(2 * 1);
      }
      return h;
    }
    case Kind::kList:
    case Kind::kDict:
      return Error("unhashable type: ", o->TypeName());
    case Kind::kRange:
      return Error("unhashable: range");
    default:
      return o->Hash();
  }
}

}  // namespace warden::lang
