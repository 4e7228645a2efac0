// len, indexing, slicing, membership, iteration, attributes and calls.
#include <algorithm>
#include <climits>

#include "absl/strings/str_cat.h"
#include "lang/builtin.h"
#include "lang/dict.h"
#include "lang/int.h"
#include "lang/ops.h"

namespace warden::lang {

std::string_view TypeName(const Value& x) {
  if (x.IsSmallInt()) return "int";
  if (x.IsObject()) return x.object()->TypeName();
  return x.IsBool() ? "bool" : "NoneType";
}

void Freeze(const Value& x) {
  if (x.IsObject()) x.object()->Freeze();
}

int64_t Len(const Value& x) {
  if (!x.IsObject()) return -1;
  const Object* o = x.object();
  switch (o->kind()) {
    case Kind::kString:
      return static_cast<const StringObject*>(o)->size();
    case Kind::kList:
      return static_cast<const ListObject*>(o)->size();
    case Kind::kTuple:
      return static_cast<const TupleObject*>(o)->size();
    case Kind::kDict:
      return static_cast<const DictObject*>(o)->size();
    case Kind::kRange:
      return static_cast<const RangeObject*>(o)->size();
    case Kind::kInt:
      return -1;
    default:
      return o->Length();
  }
}

namespace {

// starlark-go's AsInt32 for indices: error "got T, want int" or "N out of
// range".
absl::Status AsInt32(const Value& v, int64_t* out) {
  if (v.kind() != Kind::kInt) return Error("got ", TypeName(v), ", want int");
  if (!IntToInt64(v, out) || *out < INT32_MIN || *out > INT32_MAX) {
    return Error(Repr(v), " out of range");
  }
  return absl::OkStatus();
}

absl::Status OutOfRange(int64_t i, int64_t n, const Value& x) {
  if (n == 0) return Error("index ", i, " out of range: empty ", TypeName(x));
  return Error(TypeName(x), " index ", i, " out of range [", -n, ":", n - 1,
               "]");
}

// Resolves index `iv` (negative counts from the end) into [0, n).
absl::Status ResolveIndex(const Value& x, const Value& iv, int64_t n,
                          int64_t* out) {
  int64_t i;
  if (auto st = AsInt32(iv, &i); !st.ok()) {
    return Error(TypeName(x), " index: ", st.message());
  }
  const int64_t orig = i;
  if (i < 0) i += n;
  if (i < 0 || i >= n) return OutOfRange(orig, n, x);
  *out = i;
  return absl::OkStatus();
}

bool IsHostSequence(const Object* o) {
  return o->kind() == Kind::kOther && o->IsSequence();
}

// Reads a slice bound into *out unless it is None (then *out keeps its
// default); a negative bound counts from the end. `what` names it in errors.
absl::Status ReadSliceBound(const Value& v, int64_t n, std::string_view what,
                            int64_t* out) {
  if (v.IsNone()) return absl::OkStatus();
  if (auto st = AsInt32(v, out); !st.ok()) {
    return Error("invalid ", what, " index: ", st.message());
  }
  if (*out < 0) *out += n;
  return absl::OkStatus();
}

}  // namespace

absl::StatusOr<Value> Index(Thread& thread, const Value& x, const Value& iv) {
  if (x.IsObject()) {
    const Object* o = x.object();
    int64_t i;
    switch (o->kind()) {
      case Kind::kList: {
        const auto* l = static_cast<const ListObject*>(o);
        if (iv.IsSmallInt()) {  // fast path
          int64_t k = iv.AsSmallInt();
          if (k < 0) k += l->size();
          if (k >= 0 && k < l->size()) return l->at(k);
        }
        if (auto st = ResolveIndex(x, iv, l->size(), &i); !st.ok()) return st;
        return l->at(i);
      }
      case Kind::kTuple: {
        const auto* t = static_cast<const TupleObject*>(o);
        if (auto st = ResolveIndex(x, iv, t->size(), &i); !st.ok()) return st;
        return t->at(i);
      }
      case Kind::kString: {
        const auto* s = static_cast<const StringObject*>(o);
        if (auto st = ResolveIndex(x, iv, s->size(), &i); !st.ok()) return st;
        return MakeString(thread.heap(), s->view().substr(i, 1));
      }
      case Kind::kRange: {
        const auto* r = static_cast<const RangeObject*>(o);
        if (auto st = ResolveIndex(x, iv, r->size(), &i); !st.ok()) return st;
        return MakeInt(thread.heap(), r->at(i));
      }
      case Kind::kDict: {
        absl::StatusOr<Value> v = static_cast<const DictObject*>(o)->Get(iv);
        if (!v.ok()) return v.status();
        if (v->IsAbsent()) return Error("key ", Repr(iv), " not in dict");
        return v;
      }
      default:
        if (IsHostSequence(o)) {
          if (auto st = ResolveIndex(x, iv, o->Length(), &i); !st.ok()) {
            return st;
          }
          return o->ElemAt(thread.heap(), i);
        }
        break;
    }
  }
  return Error("unhandled index operation ", TypeName(x), "[", TypeName(iv),
               "]");
}

absl::Status SetIndex(Thread&, const Value& x, const Value& iv,
                      const Value& v) {
  if (ListObject* l = x.TryAs<ListObject>()) {
    if (auto st = l->CheckMutable("assign to element of"); !st.ok()) return st;
    int64_t i;
    if (auto st = ResolveIndex(x, iv, l->size(), &i); !st.ok()) return st;
    return l->SetAt(i, v);
  }
  if (DictObject* d = x.TryAs<DictObject>()) return d->Set(iv, v);
  return Error(TypeName(x), " value does not support item assignment");
}

absl::StatusOr<Value> Slice(Thread& thread, const Value& x, const Value& lo,
                            const Value& hi, const Value& step_v) {
  const Kind k = x.kind();
  const bool host = x.IsObject() && IsHostSequence(x.object());
  if (k != Kind::kString && k != Kind::kList && k != Kind::kTuple &&
      k != Kind::kRange && !host) {
    return Error("invalid slice operand ", TypeName(x));
  }
  const int64_t n = Len(x);
  int64_t step = 1;
  if (!step_v.IsNone()) {
    if (auto st = AsInt32(step_v, &step); !st.ok()) {
      return Error("invalid slice step: ", st.message());
    }
    if (step == 0) return Error("zero is not a valid slice step");
  }
  // The defaults and the range a bound is clamped to depend on the direction
  // (as in starlark-go): [0, n] forwards, [-1, n-1] backwards.
  const bool forward = step > 0;
  int64_t start = forward ? 0 : n - 1;
  int64_t end = forward ? n : -1;
  if (auto st = ReadSliceBound(lo, n, "start", &start); !st.ok()) return st;
  if (auto st = ReadSliceBound(hi, n, "end", &end); !st.ok()) return st;
  const int64_t min = forward ? 0 : -1;
  const int64_t max = forward ? n : n - 1;
  start = std::clamp<int64_t>(start, min, max);
  end = std::clamp<int64_t>(end, min, max);
  if (forward && end < start) end = start;
  if (!forward && start < end) start = end;
  Heap& heap = thread.heap();
  if (k == Kind::kRange) {
    const auto* r = x.As<RangeObject>();
    return MakeRange(heap, r->start() + start * r->step(),
                     r->start() + end * r->step(), r->step() * step);
  }
  if (k == Kind::kString) {
    const std::string_view s = StringView(x);
    if (step == 1) return MakeString(heap, s.substr(start, end - start));
    std::string out;
    if (step > 0) {
      for (int64_t i = start; i < end; i += step) out.push_back(s[i]);
    } else {
      for (int64_t i = start; i > end; i += step) out.push_back(s[i]);
    }
    return MakeString(heap, std::move(out));
  }
  std::vector<Value> out;
  if (host) {
    const Object* o = x.object();
    if (step > 0) {
      for (int64_t i = start; i < end; i += step) {
        out.push_back(o->ElemAt(heap, i));
      }
    } else {
      for (int64_t i = start; i > end; i += step) {
        out.push_back(o->ElemAt(heap, i));
      }
    }
    return MakeList(heap, std::move(out));
  }
  absl::Span<const Value> elems = SequenceElems(x);
  if (step > 0) {
    for (int64_t i = start; i < end; i += step) out.push_back(elems[i]);
  } else {
    for (int64_t i = start; i > end; i += step) out.push_back(elems[i]);
  }
  return k == Kind::kList ? MakeList(heap, std::move(out))
                          : MakeTuple(heap, std::move(out));
}

absl::StatusOr<bool> Contains(const Value& container, const Value& needle) {
  switch (container.kind()) {
    case Kind::kString:
      if (needle.kind() != Kind::kString) {
        return Error("'in <string>' requires string as left operand, not ",
                     TypeName(needle));
      }
      return StringView(container).find(StringView(needle)) !=
             std::string_view::npos;
    case Kind::kList:
    case Kind::kTuple:
      for (const Value& e : SequenceElems(container)) {
        absl::StatusOr<bool> eq = Equal(e, needle);
        if (!eq.ok()) return eq;
        if (*eq) return true;
      }
      return false;
    case Kind::kDict: {
      // As starlark-go: an unhashable needle is simply not found.
      absl::StatusOr<Value> v = container.As<DictObject>()->Get(needle);
      return v.ok() && !v->IsAbsent();
    }
    case Kind::kRange: {
      if (needle.kind() != Kind::kInt) {
        return Error("'in <range>' requires integer as left operand, not ",
                     TypeName(needle));
      }
      int64_t v;
      if (!IntToInt64(needle, &v)) return false;
      const auto* r = container.As<RangeObject>();
      if (r->size() == 0) return false;
      const __int128 off = (__int128)v - r->start();
      if (off % r->step() != 0) return false;
      const __int128 idx = off / r->step();
      return idx >= 0 && idx < r->size();
    }
    default:
      if (container.IsObject() && IsHostSequence(container.object())) {
        Heap scratch;  // elements of host sequences are cheap temporaries
        const Object* o = container.object();
        for (int64_t i = 0; i < o->Length(); ++i) {
          Value e = o->ElemAt(scratch, i);
          absl::StatusOr<bool> eq = Equal(e, needle);
          if (!eq.ok()) return eq;
          if (*eq) return true;
        }
        return false;
      }
      return Error("unknown binary op: ", TypeName(needle), " in ",
                   TypeName(container));
  }
}

// ---- iteration ----

Iterator::Iterator(Iterator&& o) noexcept
    : seq_(std::move(o.seq_)), guard_(o.guard_), pos_(o.pos_) {
  o.guard_ = nullptr;
}

Iterator& Iterator::operator=(Iterator&& o) noexcept {
  if (this != &o) {
    Done();
    seq_ = std::move(o.seq_);
    guard_ = o.guard_;
    pos_ = o.pos_;
    o.guard_ = nullptr;
  }
  return *this;
}

void Iterator::Done() {
  if (guard_ != nullptr) {
    if (guard_->kind() == Kind::kList) {
      static_cast<ListObject*>(guard_)->EndIteration();
    } else {
      static_cast<DictObject*>(guard_)->EndIteration();
    }
    guard_ = nullptr;
  }
  seq_ = Value();
}

bool Iterator::Next(Heap& heap, Value* out) {
  if (!seq_.IsObject()) return false;
  const Object* o = seq_.object();
  switch (o->kind()) {
    case Kind::kList: {
      const auto* l = static_cast<const ListObject*>(o);
      if (pos_ >= l->size()) break;
      *out = l->at(pos_++);
      return true;
    }
    case Kind::kTuple: {
      const auto* t = static_cast<const TupleObject*>(o);
      if (pos_ >= t->size()) break;
      *out = t->at(pos_++);
      return true;
    }
    case Kind::kDict: {
      size_t p = static_cast<size_t>(pos_);
      const bool ok = static_cast<const DictObject*>(o)->Next(&p, out, nullptr);
      pos_ = static_cast<int64_t>(p);
      if (!ok) break;
      return true;
    }
    case Kind::kRange: {
      const auto* r = static_cast<const RangeObject*>(o);
      if (pos_ >= r->size()) break;
      *out = MakeInt(heap, r->at(pos_++));
      return true;
    }
    default:
      if (pos_ >= o->Length()) break;
      *out = o->ElemAt(heap, pos_++);
      return true;
  }
  Done();
  return false;
}

bool IsIterable(const Value& x) {
  if (!x.IsObject()) return false;
  const Object* o = x.object();
  switch (o->kind()) {
    case Kind::kList:
    case Kind::kTuple:
    case Kind::kDict:
    case Kind::kRange:
      return true;
    default:
      return IsHostSequence(o);
  }
}

absl::StatusOr<Iterator> Iterate(const Value& x) {
  if (!IsIterable(x)) return Error(TypeName(x), " value is not iterable");
  Iterator it;
  it.seq_ = x;
  Object* o = x.object();
  // Frozen containers cannot be mutated anyway, and may be shared between
  // threads, so they are not marked.
  if (!o->frozen()) {
    if (o->kind() == Kind::kList) {
      static_cast<ListObject*>(o)->BeginIteration();
      it.guard_ = o;
    } else if (o->kind() == Kind::kDict) {
      static_cast<DictObject*>(o)->BeginIteration();
      it.guard_ = o;
    }
  }
  return it;
}

absl::StatusOr<std::vector<Value>> Collect(Thread& thread, const Value& x) {
  const Kind k = x.kind();
  if (k == Kind::kList || k == Kind::kTuple) {
    absl::Span<const Value> e = SequenceElems(x);
    return std::vector<Value>(e.begin(), e.end());
  }
  if (k == Kind::kDict) return x.As<DictObject>()->Keys();
  absl::StatusOr<Iterator> it = Iterate(x);
  if (!it.ok()) return it.status();
  std::vector<Value> out;
  const int64_t n = Len(x);
  if (n > 0) {
    if (auto st = thread.heap().Reserve(n * int64_t{sizeof(Value)}); !st.ok()) {
      return st;
    }
    out.reserve(n);
  }
  Value v;
  while (it->Next(thread.heap(), &v)) out.push_back(std::move(v));
  return out;
}

// ---- attributes and calls ----

namespace {

bool HasMethodTable(Kind k) {
  return k != Kind::kOther && k != Kind::kFunction && k != Kind::kBuiltin;
}

}  // namespace

namespace {

absl::Status NoAttr(const Value& x, std::string_view name) {
  const std::string near = NearestName(name, AttrNames(x));
  if (!near.empty()) {
    return Error(TypeName(x), " has no .", name,
                 " field or method (did you mean .", near, "?)");
  }
  return Error(TypeName(x), " has no .", name, " field or method");
}

}  // namespace

absl::StatusOr<Value> GetAttr(Thread& thread, const Value& x,
                              std::string_view name) {
  const Kind k = x.kind();
  if (HasMethodTable(k)) {
    BuiltinFn fn = LookupMethod(k, name);
    if (fn == nullptr) return NoAttr(x, name);
    return thread.heap().NewValue<BuiltinFunction>(std::string(name), fn, x);
  }
  if (x.IsObject()) {
    absl::StatusOr<Value> v = x.object()->Attr(thread, name);
    if (!v.ok()) return v;
    if (!v->IsAbsent()) return v;
  }
  return NoAttr(x, name);
}

bool HasAttr(Thread& thread, const Value& x, std::string_view name) {
  const Kind k = x.kind();
  if (HasMethodTable(k)) return LookupMethod(k, name) != nullptr;
  if (!x.IsObject()) return false;
  absl::StatusOr<Value> v = x.object()->Attr(thread, name);
  return v.ok() && !v->IsAbsent();
}

std::vector<std::string> AttrNames(const Value& x) {
  const Kind k = x.kind();
  if (HasMethodTable(k)) return MethodNames(k);
  if (!x.IsObject()) return {};
  std::vector<std::string> names = x.object()->AttrNames();
  std::sort(names.begin(), names.end());
  return names;
}

absl::StatusOr<Value> CallMethod(Thread& thread, const Value& x,
                                 std::string_view name,
                                 absl::Span<const Value> positional,
                                 absl::Span<const NamedArg> named) {
  const Kind k = x.kind();
  if (HasMethodTable(k)) {
    BuiltinFn fn = LookupMethod(k, name);
    if (fn == nullptr) return NoAttr(x, name);
    return fn(thread, Builtin{name, x, nullptr}, positional, named);
  }
  absl::StatusOr<Value> m = GetAttr(thread, x, name);
  if (!m.ok()) return m;
  return Call(thread, *m, positional, named);
}

absl::StatusOr<Value> Call(Thread& thread, const Value& fn,
                           absl::Span<const Value> positional,
                           absl::Span<const NamedArg> named) {
  if (fn.IsObject()) {
    const Kind k = fn.object()->kind();
    if (k == Kind::kBuiltin || k == Kind::kFunction) {
      return static_cast<CallableObject*>(fn.object())
          ->Call(thread, positional, named);
    }
  }
  return Error("invalid call of non-function (", TypeName(fn), ")");
}

}  // namespace warden::lang
