// Starlark values: the `Value` handle and the `Object` base of heap values.
//
// HOW TO USE (the whole value API in one place)
//   #include "lang/value.h"   // Value, Kind, Object (this file)
//   #include "lang/object.h"  // String/List/Tuple/Range/Callable objects
//   #include "lang/dict.h"    // DictObject
//   #include "lang/int.h"     // big ints, int conversions
//   #include "lang/ops.h"     // operators, Repr/Str, Iterate, GetAttr, Call
//   #include "lang/thread.h"  // Thread (+ Heap in lang/heap.h)
//   #include "lang/builtin.h" // BuiltinFunction, UnpackArgs, Predeclared
//
//   Thread thread;                                  // owns a Heap
//   Heap& h = thread.heap();
//   Value n = Value::SmallInt(42), t = Value::True(), none;   // no allocation
//   Value big = MakeInt(h, int64_t{1} << 62);       // BigInt object (GMP)
//   Value s = MakeString(h, "hello");
//   Value l = MakeList(h, {n, s});                  // also MakeTuple/MakeDict
//   absl::Status st = l.As<ListObject>()->Append(t);  // frozen/iteration
//   checks absl::StatusOr<Value> sum = Binary(thread, BinaryOp::kAdd, n, n);
//   bool b = Truth(l);  std::string r = Repr(l);   // "[42, \"hello\", True]"
//   absl::StatusOr<bool> eq = Equal(n, big);
//   Errors are absl::Status with the bare starlark-go message, e.g.
//     return absl::InvalidArgumentError("unsupported comparison: int <
//     string"); (lang/ops.h has Errorf-style helper `Error(...)`).
//   Calling anything callable: Call(thread, fn, positional, named).
//   A builtin: absl::StatusOr<Value> Len(Thread& t, const Builtin& b,
//       absl::Span<const Value> args, absl::Span<const NamedArg> kwargs) {
//     Value x; if (auto st = UnpackArgs(b.name, args, kwargs, {{"x", &x}});
//     !st.ok()) return st; ... }
//   predeclared.AddBuiltin("len", &Len);  RegisterMethod(Kind::kString, ...).
//
// Representation: a Value is one 64-bit word (see the tag constants below).
// None, booleans and ints that fit in 63 bits are immediate. Everything else
// points to an `Object`. Heap objects carry an intrusive, NON-atomic reference
// count: a Thread's values must be used by one OS thread at a time. "Static"
// objects (owned by a Predeclared table or a function-local static, e.g.
// universe builtins) are tagged differently and are never reference counted,
// so they can be shared by many threads as long as they are frozen.
//
// Lifetime invariant: every heap Value must be destroyed before the Heap that
// allocated it (the Heap frees all its objects, cycles included, when it is
// destroyed).
#ifndef WARDEN_LANG_VALUE_H_
#define WARDEN_LANG_VALUE_H_

#include <cstdint>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include "absl/status/status.h"
#include "absl/status/statusor.h"

namespace warden::lang {

class Heap;
class Thread;
class Value;
class ReprContext;

// The dynamic type of a value. Host-defined objects (struct, string.elems,
// engine values) are kOther and name themselves via Object::TypeName().
enum class Kind : uint8_t {
  kNone,
  kBool,
  kInt,    // small (immediate) or BigInt object
  kFloat,  // FloatObject (object.h)
  kString,
  kList,
  kTuple,
  kDict,
  kRange,
  kFunction,  // a Starlark function (H1's Function derives CallableObject)
  kBuiltin,   // a BuiltinFunction / bound method
  kOther,     // host objects
};
inline constexpr int kNumKinds = static_cast<int>(Kind::kOther) + 1;

// Base of every non-immediate value. Subclasses override the virtual hooks;
// the operators in ops.h switch on kind() for the built-in kinds and only fall
// back to the virtuals for kOther/kFunction/kBuiltin, so the hooks are mainly
// for host objects.
class Object {
 public:
  Object(const Object&) = delete;
  Object& operator=(const Object&) = delete;
  virtual ~Object() = default;

  Kind kind() const { return kind_; }
  bool frozen() const { return frozen_; }
  // True for objects not owned by a Heap (never reference counted).
  bool is_static() const { return heap_ == nullptr; }
  Heap* heap() const { return heap_; }
  uint32_t refcount() const { return refs_; }

  // Marks this object and everything reachable from it immutable. Idempotent.
  void Freeze();

  // Adjusts the bytes this object has charged to its heap (growth/shrink of
  // internal buffers). Never fails; the heap notes when the budget is
  // exceeded and operations report it via Heap::CheckBudget().
  void ChargeBytes(int64_t delta);

  // ---- hooks (defaults suit an immutable opaque host value) ----
  // Name returned by type(x), e.g. "struct".
  virtual std::string_view TypeName() const;
  // Appends the repr (str(x) == repr(x) except for strings). Implementations
  // print nested values through ctx.Write so cycles print as "...".
  virtual void Repr(std::string* out, ReprContext& ctx) const;
  virtual bool Truth() const { return true; }
  // Default: error "unhashable type: <type>".
  virtual absl::StatusOr<uint32_t> Hash() const;
  // Equality with an object of the same kind() and TypeName(); `depth` bounds
  // recursion. Default: identity.
  virtual absl::StatusOr<bool> Equals(const Object& other, int depth) const;
  // x < y for objects of the same type; default error
  // "<type> < <type> not implemented".
  virtual absl::StatusOr<bool> Less(const Object& other, int depth) const;
  // Length, or -1 if the value has none.
  virtual int64_t Length() const { return -1; }
  // Host sequences (e.g. string.elems): when true, the value is iterable and
  // indexable by int through Length() and ElemAt(0 <= i < Length()).
  virtual bool IsSequence() const { return false; }
  virtual Value ElemAt(Heap& heap, int64_t i) const;
  // Attribute x.name: returns Value::Absent() when there is no such attribute.
  virtual absl::StatusOr<Value> Attr(Thread& thread, std::string_view name);
  // Attribute names (any order; dir() sorts).
  virtual std::vector<std::string> AttrNames() const { return {}; }

 protected:
  explicit Object(Kind kind) : kind_(kind) {}

  // Pushes the objects this object references onto `work` (Freeze sets
  // frozen_ first and then drains the worklist iteratively, so deeply nested
  // values cannot overflow the stack).
  virtual void FreezeChildren(std::vector<Object*>& work) { (void)work; }
  // Drops every Value this object holds. Called by ~Heap before deleting
  // objects so that reference cycles cannot dangle.
  virtual void ClearReferences() {}

 private:
  friend class Heap;
  friend class Value;
  friend class Predeclared;
  template <class T>
  friend T* NewStatic(T* obj);

  uint32_t refs_ = 0;
  Kind kind_;
  bool frozen_ = false;
  uint16_t pool_bytes_ = 0;  // size of its Heap pool block (0: operator new)
  Heap* heap_ = nullptr;
  Object* prev_ = nullptr;  // heap list
  Object* next_ = nullptr;
  int64_t charged_ = 0;  // bytes charged to heap_
};

// A named (keyword) argument of a call.
using NamedArg = std::pair<std::string_view, Value>;

class Value {
 public:
  // Tag layout of bits_ (objects are at least 8-byte aligned):
  //   ...xxx1  small int, value = bits >> 1 (63-bit two's complement)
  //   ...x000  heap object pointer, reference counted (never 0)
  //   ...x010  static object pointer, not counted
  //   ...0100  None;  ...1100 Absent (not a Starlark value: a sentinel)
  //   ...0110  False; ...1110 True
  static constexpr uint64_t kNoneBits = 4, kAbsentBits = 12, kFalseBits = 6,
                            kTrueBits = 14;
  static constexpr int64_t kMinSmallInt = -(int64_t{1} << 62);
  static constexpr int64_t kMaxSmallInt = (int64_t{1} << 62) - 1;

  // The default value is None.
  Value() noexcept : bits_(kNoneBits) {}
  // Takes a new reference to obj (obj must not be null).
  explicit Value(Object* obj) noexcept
      : bits_(reinterpret_cast<uint64_t>(obj) | (obj->is_static() ? 2 : 0)) {
    IncRef();
  }
  Value(const Value& o) noexcept : bits_(o.bits_) { IncRef(); }
  Value(Value&& o) noexcept : bits_(o.bits_) { o.bits_ = kNoneBits; }
  Value& operator=(const Value& o) noexcept {
    o.IncRef();
    DecRef();
    bits_ = o.bits_;
    return *this;
  }
  Value& operator=(Value&& o) noexcept {
    if (this != &o) {
      DecRef();
      bits_ = o.bits_;
      o.bits_ = kNoneBits;
    }
    return *this;
  }
  ~Value() { DecRef(); }

  static Value None() { return Value(kNoneBits, 0); }
  // A sentinel meaning "no value" (unbound variable, missing attribute,
  // omitted optional argument). Never visible to Starlark programs.
  static Value Absent() { return Value(kAbsentBits, 0); }
  static Value True() { return Value(kTrueBits, 0); }
  static Value False() { return Value(kFalseBits, 0); }
  static Value Bool(bool b) { return b ? True() : False(); }
  static constexpr bool FitsSmallInt(int64_t v) {
    return v >= kMinSmallInt && v <= kMaxSmallInt;
  }
  // Requires FitsSmallInt(v); use MakeInt (int.h) for any int64.
  static Value SmallInt(int64_t v) {
    return Value((static_cast<uint64_t>(v) << 1) | 1, 0);
  }

  bool IsNone() const { return bits_ == kNoneBits; }
  bool IsAbsent() const { return bits_ == kAbsentBits; }
  bool IsBool() const { return (bits_ & 7) == 6; }
  bool IsTrue() const { return bits_ == kTrueBits; }
  bool IsFalse() const { return bits_ == kFalseBits; }
  bool IsSmallInt() const { return (bits_ & 1) != 0; }
  bool IsObject() const { return (bits_ & 5) == 0; }  // tag 000 or 010
  // Any int: small or BigInt.
  bool IsInt() const {
    return IsSmallInt() || (IsObject() && object()->kind() == Kind::kInt);
  }
  bool Is(Kind k) const { return kind() == k; }

  bool AsBool() const { return bits_ == kTrueBits; }  // requires IsBool()
  int64_t AsSmallInt() const {                        // requires IsSmallInt()
    return static_cast<int64_t>(bits_) >> 1;
  }
  Object* object() const {  // requires IsObject()
    return reinterpret_cast<Object*>(bits_ & ~uint64_t{7});
  }
  // Unchecked downcast of the object; T must match kind()/type.
  template <class T>
  T* As() const {
    return static_cast<T*>(object());
  }
  // Checked downcast: nullptr unless the value is an object of kind T::kKind.
  template <class T>
  T* TryAs() const {
    return IsObject() && object()->kind() == T::kKind ? As<T>() : nullptr;
  }

  Kind kind() const {
    if (IsSmallInt()) return Kind::kInt;
    if (IsObject()) return object()->kind();
    return IsBool() ? Kind::kBool : Kind::kNone;  // Absent reports kNone
  }

  // Same identity (same object, or same immediate).
  bool IsIdentical(const Value& o) const { return bits_ == o.bits_; }
  uint64_t raw_bits() const { return bits_; }

 private:
  Value(uint64_t bits, int) : bits_(bits) {}
  void IncRef() const {
    if ((bits_ & 7) == 0) ++object()->refs_;
  }
  void DecRef() const {
    if ((bits_ & 7) == 0 && --object()->refs_ == 0) Release(object());
  }
  static void Release(Object* obj);  // frees via its heap

  uint64_t bits_;
};

// Marks `obj` as a static object (not owned by any heap, never reference
// counted) and returns it. The caller owns it (e.g. a unique_ptr). Use for
// values shared by many threads (universe builtins, host constants).
template <class T>
T* NewStatic(T* obj) {
  obj->heap_ = nullptr;
  obj->frozen_ = true;
  return obj;
}

}  // namespace warden::lang

#endif  // WARDEN_LANG_VALUE_H_
