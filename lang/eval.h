// The tree-walking evaluator over a resolved syntax tree.
//
// Every name was resolved to a slot (local, cell, free, global, predeclared)
// by the resolver, so evaluation does no name lookups. Errors are
// absl::Status values carrying a backtrace payload (attached where the error
// first crosses a Starlark frame); ErrorDiagnostic turns one into a
// Diagnostic located at the innermost Starlark frame.
#ifndef WARDEN_LANG_EVAL_H_
#define WARDEN_LANG_EVAL_H_

#include <cstddef>
#include <functional>
#include <string_view>

#include "absl/status/status.h"
#include "absl/status/statusor.h"
#include "absl/types/span.h"
#include "lang/builtin.h"
#include "lang/function.h"
#include "lang/source.h"
#include "lang/thread.h"

namespace warden::lang {

// Resolves `load(module, ...)`: returns the loaded module's exported names
// (the table must outlive the evaluation) or an error.
using LoadHook = std::function<absl::StatusOr<const Predeclared*>(
    Thread& thread, std::string_view module)>;

// Per-thread evaluator settings, kept in a Thread local slot.
struct EvalContext {
  const char* stack_base = nullptr;  // address near the bottom of the C++ stack
  size_t max_stack_bytes = 0;        // C++ stack the evaluator may use
};

// Runs the top level of `module` (whose predeclared values are filled). The
// thread's call stack gets a "<toplevel>" frame for the duration.
absl::Status ExecModule(Thread& thread, ModuleObject* module,
                        const LoadHook& load, size_t max_stack_bytes);

// Calls a Starlark function.
absl::StatusOr<Value> CallStarlark(Thread& thread, StarlarkFunction* fn,
                                   absl::Span<const Value> positional,
                                   absl::Span<const NamedArg> named);

// The diagnostic for a runtime error returned by the evaluator: located at
// the innermost Starlark frame, with the backtrace (innermost first). Errors
// without position information are reported at `fallback` offset 0.
Diagnostic ErrorDiagnostic(const absl::Status& status, const Source& fallback);

// Fills d's file, position and source line from the innermost Starlark
// frame of `thread`, and its backtrace (innermost first) when there is more
// than one frame. False (d unchanged) when no frame has a source.
bool StackLocation(const Thread& thread, Diagnostic* d);

// Attaches the current call stack to `status` unless it already has one.
// The innermost frame's offset must be up to date.
absl::Status AttachBacktrace(Thread& thread, absl::Status status);

}  // namespace warden::lang

#endif  // WARDEN_LANG_EVAL_H_
