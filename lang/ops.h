// Starlark operators and the generic value protocol: arithmetic, comparison,
// truth, hashing, len, indexing, slicing, iteration, attributes, calls,
// repr/str and freezing. Semantics and error texts follow the Starlark spec
// and starlark-go (errors are bare messages without positions).
#ifndef WARDEN_LANG_OPS_H_
#define WARDEN_LANG_OPS_H_

#include <cstdint>
#include <string>
#include <string_view>
#include <type_traits>
#include <vector>

#include "absl/status/status.h"
#include "absl/status/statusor.h"
#include "absl/strings/string_view.h"
#include "absl/types/span.h"
#include "lang/object.h"
#include "lang/thread.h"
#include "lang/value.h"

namespace warden::lang {

namespace internal {
inline void AppendPiece(std::string* out, std::string_view s) {
  out->append(s);
}
inline void AppendPiece(std::string* out, const char* s) { out->append(s); }
inline void AppendPiece(std::string* out, absl::string_view s) {
  out->append(s.data(), s.size());
}
inline void AppendPiece(std::string* out, const std::string& s) {
  out->append(s);
}
template <class T>
requires std::is_integral_v<T>
void AppendPiece(std::string* out, T v) { out->append(std::to_string(v)); }
}  // namespace internal

// Concatenates strings, string_views and integers (like absl::StrCat, which
// in Debian's Abseil does not accept std::string_view).
template <class... Args>
std::string Cat(const Args&... args) {
  std::string out;
  (internal::AppendPiece(&out, args), ...);
  return out;
}

// An error value with a message built from pieces (see Cat).
template <class... Args>
absl::Status Error(const Args&... args) {
  return absl::InvalidArgumentError(Cat(args...));
}

enum class BinaryOp : uint8_t {
  kAdd,       // +
  kSub,       // -
  kMul,       // *
  kDiv,       // /  (always a float)
  kFloorDiv,  // //
  kMod,       // %  (ints, or string formatting)
  kBitOr,     // |  (ints, dict union)
  kBitXor,    // ^
  kBitAnd,    // &
  kShl,       // <<
  kShr,       // >>
  kIn,        // in
  kNotIn,     // not in
  kEq,        // ==
  kNe,        // !=
  kLt,        // <
  kLe,        // <=
  kGt,        // >
  kGe,        // >=
};
// The operator's token text, e.g. "+", "not in".
std::string_view BinaryOpToken(BinaryOp op);

enum class UnaryOp : uint8_t { kPlus, kMinus, kInvert, kNot };
std::string_view UnaryOpToken(UnaryOp op);

// x op y. Errors e.g. "unknown binary op: int + string", "division by zero",
// "unsupported comparison: int < string" style ("int < string not
// implemented"), "in: requires string as left operand, not int".
absl::StatusOr<Value> Binary(Thread& thread, BinaryOp op, const Value& x,
                             const Value& y);
// Augmented assignment x op= y: like Binary except that `list += iterable`
// extends x in place (error "cannot apply += to frozen list").
absl::StatusOr<Value> InplaceBinary(Thread& thread, BinaryOp op, const Value& x,
                                    const Value& y);

// Allocation-free fast path for two small ints and + - < <= > >= == != & | ^
// (and the arithmetic ones only when the result stays small). Returns false
// when the caller must use Binary().
inline bool TryFastBinary(BinaryOp op, const Value& x, const Value& y,
                          Value* out) {
  if (!(x.IsSmallInt() && y.IsSmallInt())) return false;
  const int64_t a = x.AsSmallInt(), b = y.AsSmallInt();
  int64_t r;
  switch (op) {
    case BinaryOp::kAdd:
      r = a + b;  // cannot overflow int64: both fit in 63 bits
      break;
    case BinaryOp::kSub:
      r = a - b;
      break;
    case BinaryOp::kLt:
      *out = Value::Bool(a < b);
      return true;
    case BinaryOp::kLe:
      *out = Value::Bool(a <= b);
      return true;
    case BinaryOp::kGt:
      *out = Value::Bool(a > b);
      return true;
    case BinaryOp::kGe:
      *out = Value::Bool(a >= b);
      return true;
    case BinaryOp::kEq:
      *out = Value::Bool(a == b);
      return true;
    case BinaryOp::kNe:
      *out = Value::Bool(a != b);
      return true;
    case BinaryOp::kBitAnd:
      *out = Value::SmallInt(a & b);
      return true;
    case BinaryOp::kBitOr:
      *out = Value::SmallInt(a | b);
      return true;
    case BinaryOp::kBitXor:
      *out = Value::SmallInt(a ^ b);
      return true;
    default:
      return false;
  }
  if (!Value::FitsSmallInt(r)) return false;
  *out = Value::SmallInt(r);
  return true;
}

// -x, +x, ~x, not x. Errors "unknown unary op: -string".
absl::StatusOr<Value> Unary(Thread& thread, UnaryOp op, const Value& x);

// The truth value of x (allocation-free).
inline bool Truth(const Value& x) {
  if (x.IsBool()) return x.AsBool();
  if (x.IsSmallInt()) return x.AsSmallInt() != 0;
  if (x.IsObject()) return x.object()->Truth();
  return false;  // None
}

// x == y. Fails only for comparisons nested too deeply ("comparison exceeded
// maximum recursion depth").
absl::StatusOr<bool> Equal(const Value& x, const Value& y);
// x op y for op in kEq..kGe. Errors "int < string not implemented" style
// (starlark-go: "unsupported comparison"-class errors read "X < Y not
// implemented").
absl::StatusOr<bool> Compare(BinaryOp op, const Value& x, const Value& y);

// hash(x) for dict keys. Errors "unhashable type: list" (range:
// "unhashable: range" as starlark-go).
absl::StatusOr<uint32_t> Hash(const Value& x);

// Length of x, or -1 if x has no length (allocation-free).
int64_t Len(const Value& x);

// x[i]. Errors "index 5 out of range: index out of range [5] with length 3"
// style, "unhandled index operation int[int]" style, "invalid dict key"...
absl::StatusOr<Value> Index(Thread& thread, const Value& x, const Value& i);
// x[i] = v (lists and dicts). "cannot assign to element of frozen list".
absl::Status SetIndex(Thread& thread, const Value& x, const Value& i,
                      const Value& v);
// x[lo:hi:step]; None means omitted. "slice step cannot be zero".
absl::StatusOr<Value> Slice(Thread& thread, const Value& x, const Value& lo,
                            const Value& hi, const Value& step);

// `needle in container` (the kIn operator without negation).
absl::StatusOr<bool> Contains(const Value& container, const Value& needle);

// Iterates a list, tuple, dict (keys), range or iterable host object. While
// alive it marks a list/dict as being iterated, so mutation fails. Movable,
// not copyable.
class Iterator {
 public:
  Iterator() = default;
  Iterator(Iterator&& o) noexcept;
  Iterator& operator=(Iterator&& o) noexcept;
  Iterator(const Iterator&) = delete;
  Iterator& operator=(const Iterator&) = delete;
  ~Iterator() { Done(); }

  // Stores the next element and returns true, or returns false at the end.
  bool Next(Heap& heap, Value* out);
  // Ends the iteration early (idempotent; the destructor calls it).
  void Done();

 private:
  friend absl::StatusOr<Iterator> Iterate(const Value& x);
  Value seq_;                // the iterated value
  Object* guard_ = nullptr;  // list/dict whose iteration count we hold
  int64_t pos_ = 0;          // index, or dict entry position
};
// Starts iterating x. Error "<type> value is not iterable" (e.g. "int value
// is not iterable"); strings are not iterable.
absl::StatusOr<Iterator> Iterate(const Value& x);
// True if Iterate(x) would succeed.
bool IsIterable(const Value& x);
// The elements of an iterable as a vector (lists/tuples copied directly).
absl::StatusOr<std::vector<Value>> Collect(Thread& thread, const Value& x);

// x.name. For built-in types returns a bound method (allocates); host objects
// answer through Object::Attr. Error "int has no .foo field or method" (the
// starlark-go wording).
absl::StatusOr<Value> GetAttr(Thread& thread, const Value& x,
                              std::string_view name);
bool HasAttr(Thread& thread, const Value& x, std::string_view name);
// Attribute names of x, sorted (dir()).
std::vector<std::string> AttrNames(const Value& x);
// x.name(args...) without materializing the bound method when x is a
// built-in type (allocation-free lookup).
absl::StatusOr<Value> CallMethod(Thread& thread, const Value& x,
                                 std::string_view name,
                                 absl::Span<const Value> positional,
                                 absl::Span<const NamedArg> named);

// fn(args...). Error "invalid call of non-function (int)".
absl::StatusOr<Value> Call(Thread& thread, const Value& fn,
                           absl::Span<const Value> positional,
                           absl::Span<const NamedArg> named = {});

// type(x): "NoneType", "bool", "int", "string", "list", "tuple", "dict",
// "range", "function", "builtin_function_or_method", or a host type name.
std::string_view TypeName(const Value& x);

// Cycle-aware printing state: objects currently being printed, so a list that
// contains itself prints "[...]" and a dict "{...}".
class ReprContext {
 public:
  // Appends the repr of v.
  void Write(std::string* out, const Value& v);
  // Appends str(v) (strings unquoted, everything else as repr).
  void WriteStr(std::string* out, const Value& v);

 private:
  std::vector<const Object*> path_;
};
// repr(x) / str(x).
std::string Repr(const Value& x);
std::string Str(const Value& x);
void WriteRepr(std::string* out, const Value& x);
void WriteStr(std::string* out, const Value& x);
// Appends s as a Starlark string literal with starlark-go's quoting.
void QuoteString(std::string* out, std::string_view s);

// Deep-freezes x (no-op for immediates).
void Freeze(const Value& x);

}  // namespace warden::lang

#endif  // WARDEN_LANG_OPS_H_
