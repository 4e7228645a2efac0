// String, list, tuple, range and callable objects.
#include "lang/object.h"

#include <array>
#include <memory>

#include "absl/hash/hash.h"
#include "absl/strings/str_cat.h"
#include "lang/ops.h"

namespace warden::lang {

// ---- string ----

uint32_t StringObject::hash() const {
  if (!hashed_) {
    const uint64_t h = absl::HashOf(view());
    hash_ = static_cast<uint32_t>(h ^ (h >> 32));
    hashed_ = true;
  }
  return hash_;
}

void StringObject::Repr(std::string* out, ReprContext&) const {
  QuoteString(out, view());
}

namespace {

// Strings of length 0 and 1 are preallocated static objects: s[i], elems()
// and one-character splits then never allocate.
struct SmallStrings {
  std::array<StringObject*, 257> strs;  // [256] is ""
  SmallStrings() {
    for (int i = 0; i < 256; ++i) {
      const char c = static_cast<char>(i);
      strs[i] = StringObject::NewStatic(std::string_view(&c, 1));
    }
    strs[256] = StringObject::NewStatic(std::string_view());
  }
};

const SmallStrings& Smalls() {
  static const SmallStrings* smalls = new SmallStrings();
  return *smalls;
}

}  // namespace

StringObject* StringObject::NewStatic(std::string_view s) {
  void* memory = ::operator new(sizeof(StringObject) + s.size());
  auto* obj = new (memory) StringObject(s.size());
  if (!s.empty()) std::memcpy(obj->bytes(), s.data(), s.size());
  return lang::NewStatic(obj);
}

Value MakeString(Heap& heap, std::string_view s) {
  if (s.size() <= 1) {
    return Value(
        Smalls().strs[s.empty() ? 256 : static_cast<unsigned char>(s[0])]);
  }
  return Value(StringObject::New(heap, s));
}

Value MakeString(Heap& heap, std::string&& s) {
  return MakeString(heap, std::string_view(s));
}

// ---- list ----

ListObject::ListObject(std::vector<Value> elems)
    : Object(kKind), elems_(std::move(elems)) {}

ListObject::~ListObject() = default;

void ListObject::SyncCharge() {
  const int64_t cap = static_cast<int64_t>(elems_.capacity());
  if (cap != charged_capacity_) {
    ChargeBytes((cap - charged_capacity_) * int64_t{sizeof(Value)});
    charged_capacity_ = cap;
  }
}

absl::Status ListObject::CheckMutable(std::string_view verb) const {
  if (frozen()) return Error("cannot ", verb, " frozen list");
  if (iterating_ > 0) return Error("cannot ", verb, " list during iteration");
  return absl::OkStatus();
}

absl::Status ListObject::Append(Value v) {
  if (frozen() || iterating_ > 0) [[unlikely]] {
    return CheckMutable("append to");
  }
  elems_.push_back(std::move(v));
  if (static_cast<int64_t>(elems_.capacity()) != charged_capacity_) {
    SyncCharge();
  }
  return absl::OkStatus();
}

absl::Status ListObject::SetAt(int64_t i, Value v) {
  if (auto st = CheckMutable("assign to element of"); !st.ok()) return st;
  elems_[i] = std::move(v);
  return absl::OkStatus();
}

absl::Status ListObject::Insert(int64_t i, Value v) {
  if (auto st = CheckMutable("insert into"); !st.ok()) return st;
  if (i < 0) i = 0;
  if (i > size()) i = size();
  elems_.insert(elems_.begin() + i, std::move(v));
  SyncCharge();
  return absl::OkStatus();
}

absl::Status ListObject::Extend(absl::Span<const Value> vs) {
  if (auto st = CheckMutable("extend"); !st.ok()) return st;
  elems_.insert(elems_.end(), vs.begin(), vs.end());
  SyncCharge();
  return absl::OkStatus();
}

absl::StatusOr<Value> ListObject::PopAt(int64_t i) {
  if (auto st = CheckMutable("pop from"); !st.ok()) return st;
  Value v = std::move(elems_[i]);
  elems_.erase(elems_.begin() + i);
  return v;
}

absl::Status ListObject::Clear() {
  if (auto st = CheckMutable("clear"); !st.ok()) return st;
  std::vector<Value> old;
  old.swap(elems_);
  SyncCharge();
  return absl::OkStatus();  // `old` released here, after the list is valid
}

void ListObject::Repr(std::string* out, ReprContext& ctx) const {
  out->push_back('[');
  for (size_t i = 0; i < elems_.size(); ++i) {
    if (i > 0) out->append(", ");
    ctx.Write(out, elems_[i]);
  }
  out->push_back(']');
}

void ListObject::FreezeChildren(std::vector<Object*>& work) {
  for (const Value& v : elems_) {
    if (v.IsObject() && !v.object()->frozen()) work.push_back(v.object());
  }
}

void ListObject::ClearReferences() {
  std::vector<Value> old;
  old.swap(elems_);
}

// ---- tuple ----

TupleObject::TupleObject(std::vector<Value> elems)
    : Object(kKind), elems_(std::move(elems)) {}

TupleObject::~TupleObject() = default;

void TupleObject::Repr(std::string* out, ReprContext& ctx) const {
  out->push_back('(');
  for (size_t i = 0; i < elems_.size(); ++i) {
    if (i > 0) out->append(", ");
    ctx.Write(out, elems_[i]);
  }
  if (elems_.size() == 1) out->push_back(',');
  out->push_back(')');
}

void TupleObject::FreezeChildren(std::vector<Object*>& work) {
  for (const Value& v : elems_) {
    if (v.IsObject() && !v.object()->frozen()) work.push_back(v.object());
  }
}

void TupleObject::ClearReferences() {
  std::vector<Value> old;
  old.swap(elems_);
}

// ---- range ----

RangeObject::RangeObject(int64_t start, int64_t stop, int64_t step)
    : Object(kKind), start_(start), stop_(stop), step_(step) {
  // 128-bit arithmetic: stop - start may overflow int64.
  __int128 n = 0;
  if (step > 0 && start < stop) {
    n = ((__int128)stop - start - 1) / step + 1;
  } else if (step < 0 && start > stop) {
    n = ((__int128)start - stop - 1) / (-(__int128)step) + 1;
  }
  len_ = static_cast<int64_t>(n);
}

void RangeObject::Repr(std::string* out, ReprContext&) const {
  if (step_ != 1) {
    out->append(Cat("range(", start_, ", ", stop_, ", ", step_, ")"));
  } else if (start_ != 0) {
    out->append(Cat("range(", start_, ", ", stop_, ")"));
  } else {
    out->append(Cat("range(", stop_, ")"));
  }
}

// ---- callable ----

std::string_view CallableObject::TypeName() const {
  return kind() == Kind::kFunction ? "function" : "builtin_function_or_method";
}

Value MakeList(Heap& heap, std::vector<Value> elems) {
  ListObject* l = heap.New<ListObject>(std::move(elems));
  l->SyncCharge();
  return Value(l);
}

Value MakeTuple(Heap& heap, std::vector<Value> elems) {
  const int64_t n = static_cast<int64_t>(elems.capacity());
  TupleObject* t = heap.New<TupleObject>(std::move(elems));
  t->ChargeBytes(n * int64_t{sizeof(Value)});
  return Value(t);
}

Value MakeRange(Heap& heap, int64_t start, int64_t stop, int64_t step) {
  return heap.NewValue<RangeObject>(start, stop, step);
}

absl::Span<const Value> SequenceElems(const Value& v) {
  if (v.object()->kind() == Kind::kList) return v.As<ListObject>()->elems();
  return v.As<TupleObject>()->elems();
}

}  // namespace warden::lang
