#include "lang/module_assert.h"

#include <string>
#include <utility>

#include "lang/interpreter.h"
#include "lang/ops.h"

namespace warden::lang {
namespace {

AssertModule* Self(const Builtin& b) {
  return static_cast<AssertModule*>(b.data);
}

absl::StatusOr<Value> Fail(Thread& thread, const Builtin& b,
                           std::string message) {
  Self(b)->AddFailure(DiagnosticHere(thread, std::move(message)));
  return Value::None();
}

// assert.eq and assert.ne: one comparison, wanting equality or not.
absl::StatusOr<Value> AssertEquality(Thread& thread, const Builtin& b,
                                     absl::Span<const Value> args,
                                     absl::Span<const NamedArg> kwargs,
                                     bool want_equal) {
  Value x, y;
  if (auto st =
          UnpackPositionalArgs(b.name, args, kwargs, 2, {{"x", &x}, {"y", &y}});
      !st.ok()) {
    return st;
  }
  auto eq = Equal(x, y);
  if (!eq.ok()) return eq.status();
  if (*eq == want_equal) return Value::None();
  return Fail(thread, b, Repr(x) + (want_equal ? " != " : " == ") + Repr(y));
}

absl::StatusOr<Value> AssertEq(Thread& thread, const Builtin& b,
                               absl::Span<const Value> args,
                               absl::Span<const NamedArg> kwargs) {
  return AssertEquality(thread, b, args, kwargs, /*want_equal=*/true);
}

absl::StatusOr<Value> AssertNe(Thread& thread, const Builtin& b,
                               absl::Span<const Value> args,
                               absl::Span<const NamedArg> kwargs) {
  return AssertEquality(thread, b, args, kwargs, /*want_equal=*/false);
}

absl::StatusOr<Value> AssertTrue(Thread& thread, const Builtin& b,
                                 absl::Span<const Value> args,
                                 absl::Span<const NamedArg> kwargs) {
  Value cond, msg = Value::Absent();
  if (auto st =
          UnpackArgs(b.name, args, kwargs, {{"cond", &cond}, {"msg?", &msg}});
      !st.ok()) {
    return st;
  }
  if (Truth(cond)) return Value::None();
  return Fail(thread, b, msg.IsAbsent() ? "assertion failed" : Str(msg));
}

absl::StatusOr<Value> AssertLt(Thread& thread, const Builtin& b,
                               absl::Span<const Value> args,
                               absl::Span<const NamedArg> kwargs) {
  Value x, y;
  if (auto st =
          UnpackPositionalArgs(b.name, args, kwargs, 2, {{"x", &x}, {"y", &y}});
      !st.ok()) {
    return st;
  }
  auto lt = Compare(BinaryOp::kLt, x, y);
  if (!lt.ok()) return lt.status();
  if (*lt) return Value::None();
  return Fail(thread, b, Str(x) + " is not less than " + Str(y));
}

absl::StatusOr<Value> AssertContains(Thread& thread, const Builtin& b,
                                     absl::Span<const Value> args,
                                     absl::Span<const NamedArg> kwargs) {
  Value c, x;
  if (auto st = UnpackPositionalArgs(b.name, args, kwargs, 2,
                                     {{"container", &c}, {"elem", &x}});
      !st.ok()) {
    return st;
  }
  auto in = Contains(c, x);
  if (!in.ok()) return in.status();
  if (*in) return Value::None();
  return Fail(thread, b, Str(c) + " does not contain " + Str(x));
}

absl::StatusOr<Value> AssertFail(Thread& thread, const Builtin& b,
                                 absl::Span<const Value> args,
                                 absl::Span<const NamedArg> kwargs) {
  Value msg;
  if (auto st = UnpackPositionalArgs(b.name, args, kwargs, 1, {{"msg", &msg}});
      !st.ok()) {
    return st;
  }
  return Fail(thread, b, Str(msg));
}

absl::StatusOr<Value> AssertFails(Thread& thread, const Builtin& b,
                                  absl::Span<const Value> args,
                                  absl::Span<const NamedArg> kwargs) {
  Value fn;
  std::string_view pattern;
  if (auto st = UnpackPositionalArgs(b.name, args, kwargs, 2,
                                     {{"fn", &fn}, {"pattern", &pattern}});
      !st.ok()) {
    return st;
  }
  // The callee may grow the call stack; the caller's frame position is what
  // a failure reports, so remember it.
  Frame* top = thread.top_frame();
  uint32_t offset = top != nullptr ? top->offset : 0;
  size_t depth = thread.frames().size();
  auto result = Call(thread, fn, {});
  // An error unwinds the callee's frames; restore our view regardless.
  while (thread.frames().size() > depth) thread.PopFrame();
  if (top != nullptr) thread.frames()[depth - 1].offset = offset;
  if (result.ok()) {
    return Fail(thread, b,
                "evaluation succeeded unexpectedly (want error matching " +
                    std::string(pattern) + ")");
  }
  // Budget exhaustion is not an assertion result: propagate it.
  if (!thread.CheckBudgets().ok()) return result.status();
  std::string message(result.status().message());
  auto match = Self(b)->matcher()(pattern, message);
  if (!match.ok()) return match.status();
  if (*match) return Value::None();
  return Fail(thread, b,
              "regular expression (" + std::string(pattern) +
                  ") did not match error (" + message + ")");
}

absl::StatusOr<Value> FreezeBuiltin(Thread&, const Builtin& b,
                                    absl::Span<const Value> args,
                                    absl::Span<const NamedArg> kwargs) {
  Value x;
  if (auto st = UnpackPositionalArgs(b.name, args, kwargs, 1, {{"x", &x}});
      !st.ok()) {
    return st;
  }
  Freeze(x);
  return x;
}

// The `assert` value: a host object whose attributes are the checks.
class AssertObject final : public Object {
 public:
  explicit AssertObject(AssertModule* module) : Object(Kind::kOther) {
    struct {
      const char* name;
      BuiltinFn fn;
    } const fns[] = {{"eq", AssertEq},
                     {"ne", AssertNe},
                     {"true", AssertTrue},
                     {"lt", AssertLt},
                     {"contains", AssertContains},
                     {"fail", AssertFail},
                     {"fails", AssertFails}};
    for (const auto& f : fns) {
      auto* obj = NewStatic(new BuiltinFunction(std::string("assert.") + f.name,
                                                f.fn, Value::Absent(), module));
      owned_.emplace_back(obj);
      attrs_.emplace_back(f.name, Value(obj));
    }
  }
  ~AssertObject() override { attrs_.clear(); }

  std::string_view TypeName() const override { return "assert"; }
  absl::StatusOr<Value> Attr(Thread&, std::string_view name) override {
    for (const auto& [n, v] : attrs_) {
      if (n == name) return v;
    }
    return Value::Absent();
  }
  std::vector<std::string> AttrNames() const override {
    std::vector<std::string> names;
    for (const auto& a : attrs_) names.push_back(a.first);
    return names;
  }

 private:
  std::vector<std::unique_ptr<BuiltinFunction>> owned_;
  std::vector<std::pair<std::string, Value>> attrs_;
};

}  // namespace

AssertModule::AssertModule(RegexpMatcher matcher)
    : matcher_(std::move(matcher)) {
  exports_.AddStatic(
      "assert", std::unique_ptr<Object>(NewStatic(new AssertObject(this))));
  exports_.AddBuiltin("freeze", FreezeBuiltin, this);
}

LoadHook AssertModule::Loader() {
  return [this](Thread&,
                std::string_view module) -> absl::StatusOr<const Predeclared*> {
    if (module == "assert.star") return &exports_;
    return absl::NotFoundError("no such module: " + std::string(module));
  };
}

}  // namespace warden::lang
