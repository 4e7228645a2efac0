// Methods of list values.
#include <climits>

#include "stdlib/internal.h"

namespace warden::stdlib {

using lang::ListObject;

namespace {

ListObject* Recv(const Builtin& b) { return b.receiver.As<ListObject>(); }

Result Append(Thread&, const Builtin& b, Args args, Kwargs kwargs) {
  if (args.size() != 1 || !kwargs.empty()) [[unlikely]] {
    Value x;
    if (auto st =
            lang::UnpackPositionalArgs(b.name, args, kwargs, 1, {{"x", &x}});
        !st.ok()) {
      return st;
    }
  }
  if (auto st = Recv(b)->Append(args[0]); !st.ok()) return NameErr(b, st);
  return Value::None();
}

Result Clear(Thread&, const Builtin& b, Args args, Kwargs kwargs) {
  if (auto st = lang::UnpackPositionalArgs(b.name, args, kwargs, 0, {});
      !st.ok()) {
    return st;
  }
  if (auto st = Recv(b)->Clear(); !st.ok()) return NameErr(b, st);
  return Value::None();
}

Result Extend(Thread& t, const Builtin& b, Args args, Kwargs kwargs) {
  Value x;
  if (auto st = lang::UnpackPositionalArgs(b.name, args, kwargs, 1,
                                           {{"iterable", &x}});
      !st.ok()) {
    return st;
  }
  ListObject* l = Recv(b);
  if (auto st = l->CheckMutable("extend"); !st.ok()) return NameErr(b, st);
  if (!lang::IsIterable(x)) {
    return NameErr(b, "for parameter 1: got ", lang::TypeName(x),
                   ", want iterable");
  }
  absl::StatusOr<std::vector<Value>> xs = lang::Collect(t, x);
  if (!xs.ok()) return xs.status();
  if (auto st = l->Extend(*xs); !st.ok()) return NameErr(b, st);
  return Value::None();
}

// An optional int argument for index/insert/pop: AsInt32 style errors.
absl::Status IntArg(const Builtin& b, int pos, const Value& v, int64_t* out) {
  if (v.kind() != Kind::kInt) {
    return NameErr(b, "for parameter ", pos, ": got ", lang::TypeName(v),
                   ", want int");
  }
  if (!lang::IntToInt64(v, out) || *out < INT32_MIN || *out > INT32_MAX) {
    return NameErr(b, "for parameter ", pos, ": ", lang::Repr(v),
                   " out of range");
  }
  return absl::OkStatus();
}

Result IndexOf(Thread&, const Builtin& b, Args args, Kwargs kwargs) {
  Value x, start_v = Value::Absent(), end_v = Value::Absent();
  if (auto st = lang::UnpackPositionalArgs(
          b.name, args, kwargs, 1,
          {{"x", &x}, {"start", &start_v}, {"end", &end_v}});
      !st.ok()) {
    return st;
  }
  ListObject* l = Recv(b);
  const int64_t n = l->size();
  int64_t start = 0, end = n;
  if (!start_v.IsAbsent() && !start_v.IsNone()) {
    if (start_v.kind() != Kind::kInt) {
      return NameErr(b, "invalid start index: got ", lang::TypeName(start_v),
                     ", want int");
    }
    if (auto st = IntArg(b, 2, start_v, &start); !st.ok()) return st;
    if (start < 0) start += n;
  }
  if (!end_v.IsAbsent() && !end_v.IsNone()) {
    if (end_v.kind() != Kind::kInt) {
      return NameErr(b, "invalid end index: got ", lang::TypeName(end_v),
                     ", want int");
    }
    if (auto st = IntArg(b, 3, end_v, &end); !st.ok()) return st;
    if (end < 0) end += n;
  }
  start = std::clamp<int64_t>(start, 0, n);
  end = std::clamp<int64_t>(end, 0, n);
  for (int64_t i = start; i < end && i < l->size(); ++i) {
    absl::StatusOr<bool> eq = lang::Equal(l->at(i), x);
    if (!eq.ok()) return NameErr(b, eq.status());
    if (*eq) return Value::SmallInt(i);
  }
  return NameErr(b, "value not in list");
}

Result Insert(Thread&, const Builtin& b, Args args, Kwargs kwargs) {
  Value iv, x;
  if (auto st = lang::UnpackPositionalArgs(b.name, args, kwargs, 2,
                                           {{"index", &iv}, {"x", &x}});
      !st.ok()) {
    return st;
  }
  int64_t i;
  if (auto st = IntArg(b, 1, iv, &i); !st.ok()) return st;
  ListObject* l = Recv(b);
  if (i < 0) i += l->size();
  if (auto st = l->Insert(i, x); !st.ok()) return NameErr(b, st);
  return Value::None();
}

Result Pop(Thread&, const Builtin& b, Args args, Kwargs kwargs) {
  Value iv = Value::Absent();
  if (auto st =
          lang::UnpackPositionalArgs(b.name, args, kwargs, 0, {{"i", &iv}});
      !st.ok()) {
    return st;
  }
  ListObject* l = Recv(b);
  int64_t i = -1;
  if (!iv.IsAbsent()) {
    if (auto st = IntArg(b, 1, iv, &i); !st.ok()) return st;
  }
  if (auto st = l->CheckMutable("pop from"); !st.ok()) return NameErr(b, st);
  const int64_t n = l->size();
  const int64_t orig = i;
  if (i < 0) i += n;
  if (i < 0 || i >= n) {
    if (n == 0) return NameErr(b, "index ", orig, " out of range: empty list");
    return NameErr(b, "list index ", orig, " out of range [", -n, ":", n - 1,
                   "]");
  }
  absl::StatusOr<Value> v = l->PopAt(i);
  if (!v.ok()) return NameErr(b, v.status());
  return v;
}

Result Remove(Thread&, const Builtin& b, Args args, Kwargs kwargs) {
  Value x;
  if (auto st =
          lang::UnpackPositionalArgs(b.name, args, kwargs, 1, {{"x", &x}});
      !st.ok()) {
    return st;
  }
  ListObject* l = Recv(b);
  if (auto st = l->CheckMutable("remove from"); !st.ok()) {
    return NameErr(b, st);
  }
  for (int64_t i = 0; i < l->size(); ++i) {
    absl::StatusOr<bool> eq = lang::Equal(l->at(i), x);
    if (!eq.ok()) return NameErr(b, eq.status());
    if (*eq) {
      absl::StatusOr<Value> v = l->PopAt(i);
      if (!v.ok()) return NameErr(b, v.status());
      return Value::None();
    }
  }
  return NameErr(b, "element not found");
}

}  // namespace

void RegisterListMethods() {
  using lang::RegisterMethod;
  constexpr Kind k = Kind::kList;
  RegisterMethod(k, "append", &Append);
  RegisterMethod(k, "clear", &Clear);
  RegisterMethod(k, "extend", &Extend);
  RegisterMethod(k, "index", &IndexOf);
  RegisterMethod(k, "insert", &Insert);
  RegisterMethod(k, "pop", &Pop);
  RegisterMethod(k, "remove", &Remove);
}

}  // namespace warden::stdlib
