// Host values for the conformance tests: freeze, struct, hasfields.
#include <algorithm>

#include "stdlib/internal.h"
#include "stdlib/universe.h"

namespace warden::stdlib {

namespace {

// struct(**kwargs): an immutable record whose fields are its attributes.
// Fields are kept sorted by name (repr lists them in that order).
class StructObject final : public lang::Object {
 public:
  explicit StructObject(std::vector<std::pair<std::string, Value>> fields)
      : Object(Kind::kOther), fields_(std::move(fields)) {
    std::sort(fields_.begin(), fields_.end(),
              [](const auto& a, const auto& b) { return a.first < b.first; });
  }

  std::string_view TypeName() const override { return "struct"; }
  void Repr(std::string* out, lang::ReprContext& ctx) const override {
    out->append("struct(");
    for (size_t i = 0; i < fields_.size(); ++i) {
      if (i > 0) out->append(", ");
      out->append(fields_[i].first).append(" = ");
      ctx.Write(out, fields_[i].second);
    }
    out->push_back(')');
  }
  absl::StatusOr<Value> Attr(Thread&, std::string_view name) override {
    for (const auto& [k, v] : fields_) {
      if (k == name) return v;
    }
    return Value::Absent();
  }
  std::vector<std::string> AttrNames() const override {
    std::vector<std::string> names;
    for (const auto& [k, v] : fields_) names.push_back(k);
    return names;
  }
  absl::StatusOr<bool> Equals(const Object& other, int depth) const override {
    const auto& o = static_cast<const StructObject&>(other);
    if (fields_.size() != o.fields_.size()) return false;
    for (size_t i = 0; i < fields_.size(); ++i) {
      if (fields_[i].first != o.fields_[i].first) return false;
      if (depth < 1) {
        return lang::Error("comparison exceeded maximum recursion depth");
      }
      absl::StatusOr<bool> eq =
          lang::Equal(fields_[i].second, o.fields_[i].second);
      if (!eq.ok() || !*eq) return eq;
    }
    return true;
  }

 protected:
  void FreezeChildren(std::vector<Object*>& work) override {
    for (const auto& [k, v] : fields_) {
      if (v.IsObject() && !v.object()->frozen()) work.push_back(v.object());
    }
  }
  void ClearReferences() override { fields_.clear(); }

 private:
  std::vector<std::pair<std::string, Value>> fields_;
};

Result Freeze(Thread&, const Builtin& b, Args args, Kwargs kwargs) {
  Value x;
  if (auto st =
          lang::UnpackPositionalArgs(b.name, args, kwargs, 1, {{"x", &x}});
      !st.ok()) {
    return st;
  }
  lang::Freeze(x);
  return x;
}

Result Struct(Thread& t, const Builtin& b, Args args, Kwargs kwargs) {
  if (!args.empty()) return NameErr(b, "unexpected positional arguments");
  std::vector<std::pair<std::string, Value>> fields;
  for (const NamedArg& kw : kwargs) {
    fields.emplace_back(std::string(kw.first), kw.second);
  }
  return t.heap().NewValue<StructObject>(std::move(fields));
}

// hasfields(): a mutable host value with settable attributes (starlark-go's
// eval_test "hasfields"). Here: an empty struct.
Result HasFields(Thread& t, const Builtin& b, Args args, Kwargs kwargs) {
  if (auto st = lang::UnpackPositionalArgs(b.name, args, kwargs, 0, {});
      !st.ok()) {
    return st;
  }
  return t.heap().NewValue<StructObject>(
      std::vector<std::pair<std::string, Value>>{});
}

}  // namespace

const lang::Predeclared& TestHostValues() {
  static const lang::Predeclared* host = [] {
    auto* p = new lang::Predeclared();
    p->AddBuiltin("freeze", &Freeze);
    p->AddBuiltin("struct", &Struct);
    p->AddBuiltin("hasfields", &HasFields);
    return p;
  }();
  return *host;
}

}  // namespace warden::stdlib
