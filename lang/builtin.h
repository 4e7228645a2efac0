// Native functions callable from Starlark: BuiltinFunction, argument
// unpacking with starlark-go's error wording, the per-type method tables, and
// the Predeclared name -> value table that hosts fill.
#ifndef WARDEN_LANG_BUILTIN_H_
#define WARDEN_LANG_BUILTIN_H_

#include <cstdint>
#include <initializer_list>
#include <memory>
#include <string>
#include <string_view>
#include <vector>

#include "absl/container/flat_hash_map.h"
#include "absl/status/status.h"
#include "absl/status/statusor.h"
#include "absl/types/span.h"
#include "lang/object.h"
#include "lang/thread.h"
#include "lang/value.h"

namespace warden::lang {

// What a native function is told about the call besides its arguments: its
// name (for error messages), the receiver for a method (Absent otherwise),
// and the host pointer given at registration.
struct Builtin {
  std::string_view name;
  Value receiver;
  void* data = nullptr;
};

// Native implementation. Returns the result or an error whose message is
// the bare starlark-go text, by convention prefixed with the function name
// ("len: value of type int has no len").
using BuiltinFn = absl::StatusOr<Value> (*)(Thread& thread, const Builtin& b,
                                            absl::Span<const Value> args,
                                            absl::Span<const NamedArg> kwargs);

// A builtin function or a bound method (receiver not Absent).
// type() is "builtin_function_or_method"; repr is "<built-in function len>"
// or "<built-in method append of list value>".
class BuiltinFunction final : public CallableObject {
 public:
  static constexpr Kind kKind = Kind::kBuiltin;
  BuiltinFunction(std::string name, BuiltinFn fn,
                  Value receiver = Value::Absent(), void* data = nullptr)
      : CallableObject(kKind),
        name_(std::move(name)),
        fn_(fn),
        receiver_(std::move(receiver)),
        data_(data) {}

  std::string_view name() const override { return name_; }
  const Value& receiver() const { return receiver_; }
  BuiltinFn fn() const { return fn_; }
  void* data() const { return data_; }

  absl::StatusOr<Value> Call(Thread& thread, absl::Span<const Value> positional,
                             absl::Span<const NamedArg> named) override {
    return fn_(thread, Builtin{name_, receiver_, data_}, positional, named);
  }

  std::string_view TypeName() const override {
    return "builtin_function_or_method";
  }
  void Repr(std::string* out, ReprContext& ctx) const override;
  absl::StatusOr<uint32_t> Hash() const override;

 protected:
  void FreezeChildren(std::vector<Object*>& work) override;
  void ClearReferences() override { receiver_ = Value::Absent(); }

 private:
  std::string name_;
  BuiltinFn fn_;
  Value receiver_;
  void* data_;
};

// ---- argument unpacking (starlark-go's UnpackArgs) ----

// One parameter: name plus where to store the argument. Name suffix "?" marks
// an optional parameter (left untouched when not given); "??" additionally
// treats an explicit None as not given. Typed destinations check the type:
// int64_t* (an int that fits), std::string_view* (a string; the view points
// into the argument, which the caller's args keep alive), bool* (a bool),
// Value* (anything).
// Type errors read "fn: for parameter x: got int, want string".
class ArgSpec {
 public:
  enum class Type : uint8_t { kValue, kInt, kString, kBool };
  ArgSpec(std::string_view name, Value* out)
      : name_(name), type_(Type::kValue), out_(out) {}
  ArgSpec(std::string_view name, int64_t* out)
      : name_(name), type_(Type::kInt), out_(out) {}
  ArgSpec(std::string_view name, std::string_view* out)
      : name_(name), type_(Type::kString), out_(out) {}
  ArgSpec(std::string_view name, bool* out)
      : name_(name), type_(Type::kBool), out_(out) {}

  std::string_view name() const { return name_; }
  Type type() const { return type_; }
  void* out() const { return out_; }

 private:
  std::string_view name_;
  Type type_;
  void* out_;
};

// Binds positional then keyword arguments to `params` in order. Errors
// (starlark-go wording, prefixed "fn: "):
//   "got 3 arguments, want at most 2" / "got 1 argument, want at most 0"
//   "missing argument for x"
//   "unexpected keyword argument \"y\""
//   "got multiple values for parameter \"x\""
//   "for parameter x: got int, want string"
absl::Status UnpackArgs(std::string_view fn, absl::Span<const Value> args,
                        absl::Span<const NamedArg> kwargs,
                        std::initializer_list<ArgSpec> params);
// Positional-only parameters, at least `min` of them (as starlark-go's
// UnpackPositionalArgs): "fn: got 0 arguments, want at least 1",
// "fn: got 3 arguments, want at most 2" ("want 1" when min == max),
// "fn: unexpected keyword arguments",
// "fn: for parameter 1: got int, want string".
absl::Status UnpackPositionalArgs(std::string_view fn,
                                  absl::Span<const Value> args,
                                  absl::Span<const NamedArg> kwargs, int min,
                                  std::initializer_list<ArgSpec> params);
// OK, or "fn: unexpected keyword arguments" if kwargs is not empty.
absl::Status CheckNoKwargs(std::string_view fn,
                           absl::Span<const NamedArg> kwargs);

// The candidate closest to `name` for a "did you mean" hint, or "" if none
// is close enough (starlark-go's spell.Nearest: case and underscores are
// ignored, at most about half the letters may differ).
std::string NearestName(std::string_view name,
                        const std::vector<std::string>& candidates);

// ---- method tables ----

// Registers the method `name` of built-in kind `kind` (kString, kList,
// kDict, ...). Call only during start-up (not thread-safe against lookups);
// stdlib::InstallMethods() does it once.
void RegisterMethod(Kind kind, std::string_view name, BuiltinFn fn);
// The method, or nullptr.
BuiltinFn LookupMethod(Kind kind, std::string_view name);
// Names of the methods of `kind`, sorted.
std::vector<std::string> MethodNames(Kind kind);

// ---- predeclared names ----

// A name -> value table (the universe, or host predeclared names). Copies
// share the static builtin objects they own, so copying the universe and
// adding host functions is cheap.
class Predeclared {
 public:
  Predeclared() = default;

  // Binds `name` to `value`. Heap values must outlive the table's use.
  void Set(std::string_view name, Value value);
  // Creates a static (thread-shareable) builtin owned by this table.
  void AddBuiltin(std::string_view name, BuiltinFn fn, void* data = nullptr);
  // Takes ownership of a static object (see NewStatic) and binds it.
  void AddStatic(std::string_view name, std::unique_ptr<Object> obj);

  // The value bound to name, or nullptr.
  const Value* Find(std::string_view name) const {
    auto it = table_.find(absl::string_view(name.data(), name.size()));
    return it == table_.end() ? nullptr : &it->second;
  }
  bool Contains(std::string_view name) const { return Find(name) != nullptr; }
  // All names, sorted.
  std::vector<std::string> Names() const;
  size_t size() const { return table_.size(); }
  const absl::flat_hash_map<std::string, Value>& table() const {
    return table_;
  }

 private:
  absl::flat_hash_map<std::string, Value> table_;
  std::vector<std::shared_ptr<Object>> owned_;
};

}  // namespace warden::lang

#endif  // WARDEN_LANG_BUILTIN_H_
