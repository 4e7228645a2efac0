// The built-in heap object types: string, list, tuple, range, callable.
// (dict is in dict.h, big ints in int.h.)
#ifndef WARDEN_LANG_OBJECT_H_
#define WARDEN_LANG_OBJECT_H_

#include <cstdint>
#include <cstring>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include "absl/status/status.h"
#include "absl/status/statusor.h"
#include "absl/types/span.h"
#include "lang/heap.h"
#include "lang/value.h"

namespace warden::lang {

// An immutable byte string. len() is in bytes; methods are UTF-8 aware.
class StringObject final : public Object {
 public:
  static constexpr Kind kKind = Kind::kString;

  // A string object owned by `heap`; its bytes live in the same allocation,
  // right after the object (one allocation per string, not two).
  static StringObject* New(Heap& heap, std::string_view s) {
    StringObject* obj =
        heap.NewWithTrailingBytes<StringObject>(s.size(), s.size());
    if (!s.empty()) std::memcpy(obj->bytes(), s.data(), s.size());
    return obj;
  }
  // The same, for a static object (not owned by any heap, never freed).
  static StringObject* NewStatic(std::string_view s);

  std::string_view view() const { return {bytes(), size_}; }
  int64_t size() const { return static_cast<int64_t>(size_); }
  // Internal hash (not the java-style hash() of the builtin); cached.
  uint32_t hash() const;

  std::string_view TypeName() const override { return "string"; }
  void Repr(std::string* out, ReprContext& ctx) const override;
  bool Truth() const override { return size_ != 0; }
  absl::StatusOr<uint32_t> Hash() const override { return hash(); }
  int64_t Length() const override { return size(); }

 private:
  friend class Heap;
  explicit StringObject(size_t size) : Object(kKind), size_(size) {}
  char* bytes() { return reinterpret_cast<char*>(this + 1); }
  const char* bytes() const { return reinterpret_cast<const char*>(this + 1); }

  size_t size_;
  mutable uint32_t hash_ = 0;
  mutable bool hashed_ = false;
};

// A mutable sequence. Mutators check that the list is neither frozen nor
// being iterated and return starlark-go's errors ("cannot append to frozen
// list", "cannot append to list during iteration").
class ListObject final : public Object {
 public:
  static constexpr Kind kKind = Kind::kList;
  ListObject() : Object(kKind) {}
  explicit ListObject(std::vector<Value> elems);
  ~ListObject() override;

  const std::vector<Value>& elems() const { return elems_; }
  int64_t size() const { return static_cast<int64_t>(elems_.size()); }
  const Value& at(int64_t i) const { return elems_[i]; }

  // OK if mutable; else "cannot <verb> frozen list" / "cannot <verb> list
  // during iteration".
  absl::Status CheckMutable(std::string_view verb) const;
  absl::Status Append(Value v);
  // Requires 0 <= i < size().
  absl::Status SetAt(int64_t i, Value v);
  // Inserts before index i, clamped to [0, size()].
  absl::Status Insert(int64_t i, Value v);
  absl::Status Extend(absl::Span<const Value> vs);
  // Removes and returns element i (requires 0 <= i < size()).
  absl::StatusOr<Value> PopAt(int64_t i);
  absl::Status Clear();
  // Direct access for bulk operations: the caller must have called
  // CheckMutable() and must call SyncCharge() after changing the capacity.
  std::vector<Value>& mutable_elems() { return elems_; }
  void SyncCharge();

  // Iteration guard: while > 0 the list refuses mutation.
  void BeginIteration() { ++iterating_; }
  void EndIteration() { --iterating_; }
  bool iterating() const { return iterating_ > 0; }

  std::string_view TypeName() const override { return "list"; }
  void Repr(std::string* out, ReprContext& ctx) const override;
  bool Truth() const override { return !elems_.empty(); }
  int64_t Length() const override { return size(); }

 protected:
  void FreezeChildren(std::vector<Object*>& work) override;
  void ClearReferences() override;

 private:
  std::vector<Value> elems_;
  int64_t charged_capacity_ = 0;
  uint32_t iterating_ = 0;
};

// An immutable sequence (may still contain mutable values).
class TupleObject final : public Object {
 public:
  static constexpr Kind kKind = Kind::kTuple;
  explicit TupleObject(std::vector<Value> elems);
  ~TupleObject() override;

  const std::vector<Value>& elems() const { return elems_; }
  int64_t size() const { return static_cast<int64_t>(elems_.size()); }
  const Value& at(int64_t i) const { return elems_[i]; }

  std::string_view TypeName() const override { return "tuple"; }
  void Repr(std::string* out, ReprContext& ctx) const override;
  bool Truth() const override { return !elems_.empty(); }
  int64_t Length() const override { return size(); }

 protected:
  void FreezeChildren(std::vector<Object*>& work) override;
  void ClearReferences() override;

 private:
  std::vector<Value> elems_;
};

// range(start, stop, step): an immutable arithmetic sequence. step != 0.
class RangeObject final : public Object {
 public:
  static constexpr Kind kKind = Kind::kRange;
  RangeObject(int64_t start, int64_t stop, int64_t step);

  int64_t start() const { return start_; }
  int64_t stop() const { return stop_; }
  int64_t step() const { return step_; }
  int64_t size() const { return len_; }
  int64_t at(int64_t i) const { return start_ + i * step_; }

  std::string_view TypeName() const override { return "range"; }
  void Repr(std::string* out, ReprContext& ctx) const override;
  bool Truth() const override { return len_ > 0; }
  int64_t Length() const override { return len_; }

 private:
  int64_t start_, stop_, step_, len_;
};

// A float (IEEE 754 double). Only produced when the program divides with
// `/`, calls float(), or (if the front end enables them) writes a float
// literal.
class FloatObject final : public Object {
 public:
  static constexpr Kind kKind = Kind::kFloat;
  explicit FloatObject(double v) : Object(kKind), v_(v) {}
  double value() const { return v_; }

  std::string_view TypeName() const override { return "float"; }
  void Repr(std::string* out, ReprContext& ctx) const override;
  bool Truth() const override { return v_ != 0; }
  absl::StatusOr<uint32_t> Hash() const override;

 private:
  double v_;
};

// Anything that can be called: BuiltinFunction (builtin.h) and the
// evaluator's Starlark functions. Implementations must not throw; errors are
// returned as Status with the bare message.
class CallableObject : public Object {
 public:
  virtual std::string_view name() const = 0;
  virtual absl::StatusOr<Value> Call(Thread& thread,
                                     absl::Span<const Value> positional,
                                     absl::Span<const NamedArg> named) = 0;

  std::string_view TypeName() const override;  // "function" / "builtin_..."

 protected:
  explicit CallableObject(Kind kind) : Object(kind) {}
};

// ---- constructors (all allocate on `heap`, except where noted) ----

// Strings of length 0 and 1 are shared static objects (no allocation).
Value MakeString(Heap& heap, std::string_view s);
Value MakeString(Heap& heap, std::string&& s);
inline Value MakeString(Heap& heap, const char* s) {
  return MakeString(heap, std::string_view(s));
}
inline Value MakeString(Heap& heap, const std::string& s) {
  return MakeString(heap, std::string_view(s));
}
Value MakeList(Heap& heap, std::vector<Value> elems = {});
Value MakeTuple(Heap& heap, std::vector<Value> elems);
Value MakeFloat(Heap& heap, double v);
// Appends starlark-go's %g rendering of a float ("5.0", "1e+100", "0.0001",
// "+inf", "nan").
void AppendFloat(std::string* out, double v);
// Requires step != 0.
Value MakeRange(Heap& heap, int64_t start, int64_t stop, int64_t step);

// The bytes of a string value (requires kind() == kString).
inline std::string_view StringView(const Value& v) {
  return v.As<StringObject>()->view();
}
// The elements of a list or tuple value (requires one of those kinds).
absl::Span<const Value> SequenceElems(const Value& v);

}  // namespace warden::lang

#endif  // WARDEN_LANG_OBJECT_H_
