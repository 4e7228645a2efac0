// Heap objects of the evaluator: the module (globals, constants, predeclared
// values of one executed file), Starlark functions (closures over a
// module and captured cells), and cells (variables shared with closures).
#ifndef WARDEN_LANG_FUNCTION_H_
#define WARDEN_LANG_FUNCTION_H_

#include <memory>
#include <string>
#include <string_view>
#include <vector>

#include "absl/status/statusor.h"
#include "absl/types/span.h"
#include "lang/ast.h"
#include "lang/object.h"
#include "lang/resolver.h"
#include "lang/value.h"

namespace warden::lang {

// The state of one executed file. Functions defined in the file keep it
// alive (they hold a Value referring to it), and it keeps the syntax tree
// alive. Invariant: the File's Source outlives every value of the module.
class ModuleObject final : public Object {
 public:
  static constexpr Kind kKind = Kind::kOther;
  ModuleObject(std::shared_ptr<const File> file, const DialectOptions& options)
      : Object(kKind), file_(std::move(file)), options_(options) {
    globals_.assign(file_->globals.size(), Value::Absent());
    constants_.assign(static_cast<size_t>(file_->num_constants),
                      Value::Absent());
    predeclared_.assign(file_->predeclared.size(), Value::Absent());
  }

  const File& file() const { return *file_; }
  const Source& source() const { return *file_->source; }
  const DialectOptions& options() const { return options_; }
  std::vector<Value>& globals() { return globals_; }
  std::vector<Value>& constants() { return constants_; }
  std::vector<Value>& predeclared() { return predeclared_; }

  std::string_view TypeName() const override { return "module"; }

 protected:
  void FreezeChildren(std::vector<Object*>& work) override;
  void ClearReferences() override;

 private:
  std::shared_ptr<const File> file_;
  DialectOptions options_;
  std::vector<Value> globals_;
  std::vector<Value> constants_;
  std::vector<Value> predeclared_;
};

// A variable captured by a closure. Absent while unbound.
class CellObject final : public Object {
 public:
  static constexpr Kind kKind = Kind::kOther;
  CellObject() : Object(kKind) {}
  Value value = Value::Absent();
  std::string_view TypeName() const override { return "cell"; }

 protected:
  void FreezeChildren(std::vector<Object*>& work) override;
  void ClearReferences() override { value = Value::Absent(); }
};

// A function defined by `def` or `lambda`.
class StarlarkFunction final : public CallableObject {
 public:
  static constexpr Kind kKind = Kind::kFunction;
  StarlarkFunction(const Function* code, Value module,
                   std::vector<Value> defaults, std::vector<Value> freevars)
      : CallableObject(kKind),
        code_(code),
        module_(std::move(module)),
        defaults_(std::move(defaults)),
        freevars_(std::move(freevars)) {}

  const Function* code() const { return code_; }
  ModuleObject* module() const { return module_.As<ModuleObject>(); }
  // Default values in slot order of the named parameters (Absent: required).
  const std::vector<Value>& defaults() const { return defaults_; }
  const std::vector<Value>& freevars() const { return freevars_; }

  std::string_view name() const override { return code_->name; }
  absl::StatusOr<Value> Call(Thread& thread, absl::Span<const Value> positional,
                             absl::Span<const NamedArg> named) override;

  std::string_view TypeName() const override { return "function"; }
  void Repr(std::string* out, ReprContext& ctx) const override;
  absl::StatusOr<uint32_t> Hash() const override;

 protected:
  void FreezeChildren(std::vector<Object*>& work) override;
  void ClearReferences() override;

 private:
  const Function* code_;
  Value module_;
  std::vector<Value> defaults_;
  std::vector<Value> freevars_;
};

}  // namespace warden::lang

#endif  // WARDEN_LANG_FUNCTION_H_
