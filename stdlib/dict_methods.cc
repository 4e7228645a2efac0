// Methods of dict values.
#include "stdlib/internal.h"

namespace warden::stdlib {

using lang::DictObject;

namespace {

DictObject* Recv(const Builtin& b) { return b.receiver.As<DictObject>(); }

Result Clear(Thread&, const Builtin& b, Args args, Kwargs kwargs) {
  if (auto st = lang::UnpackPositionalArgs(b.name, args, kwargs, 0, {});
      !st.ok()) {
    return st;
  }
  if (auto st = Recv(b)->Clear(); !st.ok()) return NameErr(b, st);
  return Value::None();
}

Result Get(Thread&, const Builtin& b, Args args, Kwargs kwargs) {
  Value key, dflt = Value::None();
  if (args.size() == 1 && kwargs.empty()) [[likely]] {
    key = args[0];
  } else if (auto st = lang::UnpackPositionalArgs(
                 b.name, args, kwargs, 1, {{"key", &key}, {"default", &dflt}});
             !st.ok()) {
    return st;
  }
  absl::StatusOr<Value> v = Recv(b)->Get(key);
  if (!v.ok()) return NameErr(b, v.status());
  return v->IsAbsent() ? dflt : *v;
}

Result Items(Thread& t, const Builtin& b, Args args, Kwargs kwargs) {
  if (auto st = lang::UnpackPositionalArgs(b.name, args, kwargs, 0, {});
      !st.ok()) {
    return st;
  }
  std::vector<Value> out;
  out.reserve(Recv(b)->size());
  for (const DictObject::Entry& e : Recv(b)->raw_entries()) {
    if (e.key.IsAbsent()) continue;
    out.push_back(lang::MakeTuple(t.heap(), {e.key, e.value}));
  }
  return lang::MakeList(t.heap(), std::move(out));
}

Result Keys(Thread& t, const Builtin& b, Args args, Kwargs kwargs) {
  if (auto st = lang::UnpackPositionalArgs(b.name, args, kwargs, 0, {});
      !st.ok()) {
    return st;
  }
  return lang::MakeList(t.heap(), Recv(b)->Keys());
}

Result Values(Thread& t, const Builtin& b, Args args, Kwargs kwargs) {
  if (auto st = lang::UnpackPositionalArgs(b.name, args, kwargs, 0, {});
      !st.ok()) {
    return st;
  }
  return lang::MakeList(t.heap(), Recv(b)->Values());
}

Result Pop(Thread&, const Builtin& b, Args args, Kwargs kwargs) {
  Value key, dflt = Value::Absent();
  if (auto st = lang::UnpackPositionalArgs(b.name, args, kwargs, 1,
                                           {{"key", &key}, {"default", &dflt}});
      !st.ok()) {
    return st;
  }
  absl::StatusOr<Value> v = Recv(b)->Delete(key);
  if (!v.ok()) return NameErr(b, v.status());
  if (!v->IsAbsent()) return v;
  if (!dflt.IsAbsent()) return dflt;
  return NameErr(b, "missing key");
}

Result PopItem(Thread& t, const Builtin& b, Args args, Kwargs kwargs) {
  if (auto st = lang::UnpackPositionalArgs(b.name, args, kwargs, 0, {});
      !st.ok()) {
    return st;
  }
  DictObject* d = Recv(b);
  if (auto st = d->CheckMutable("delete from"); !st.ok()) {
    return NameErr(b, st);
  }
  size_t pos = 0;
  Value k, v;
  if (!d->Next(&pos, &k, &v)) return NameErr(b, "empty dict");
  absl::StatusOr<Value> removed = d->Delete(k);
  if (!removed.ok()) return NameErr(b, removed.status());
  return lang::MakeTuple(t.heap(), {k, v});
}

Result SetDefault(Thread&, const Builtin& b, Args args, Kwargs kwargs) {
  Value key, dflt = Value::None();
  if (auto st = lang::UnpackPositionalArgs(b.name, args, kwargs, 1,
                                           {{"key", &key}, {"default", &dflt}});
      !st.ok()) {
    return st;
  }
  DictObject* d = Recv(b);
  absl::StatusOr<Value> v = d->Get(key);
  if (!v.ok()) return NameErr(b, v.status());
  if (!v->IsAbsent()) return v;
  if (auto st = d->Set(key, dflt); !st.ok()) return NameErr(b, st);
  return dflt;
}

Result Update(Thread& t, const Builtin& b, Args args, Kwargs kwargs) {
  if (auto st = UpdateDict(t, b, Recv(b), args, kwargs); !st.ok()) return st;
  return Value::None();
}

}  // namespace

void RegisterDictMethods() {
  using lang::RegisterMethod;
  constexpr Kind k = Kind::kDict;
  RegisterMethod(k, "clear", &Clear);
  RegisterMethod(k, "get", &Get);
  RegisterMethod(k, "items", &Items);
  RegisterMethod(k, "keys", &Keys);
  RegisterMethod(k, "pop", &Pop);
  RegisterMethod(k, "popitem", &PopItem);
  RegisterMethod(k, "setdefault", &SetDefault);
  RegisterMethod(k, "update", &Update);
  RegisterMethod(k, "values", &Values);
}

}  // namespace warden::stdlib
