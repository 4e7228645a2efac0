// Entry points of the Starlark interpreter: parse, resolve, execute a file.
//
//   Thread thread;
//   Source src("BUILD.star", text);
//   ExecResult r = ExecFile(thread, src, DialectOptions{}, predeclared,
//                           stdlib::Universe(), /*load=*/nullptr);
//   for (auto& d : r.diagnostics) std::cerr << FormatDiagnostic(d);
//
// Lifetimes: the Source must outlive the result; the result's Values live on
// the thread's heap and must be destroyed before it.
#ifndef WARDEN_LANG_INTERPRETER_H_
#define WARDEN_LANG_INTERPRETER_H_

#include <cstdint>
#include <memory>
#include <string>
#include <utility>
#include <vector>

#include "lang/ast.h"
#include "lang/builtin.h"
#include "lang/eval.h"
#include "lang/parser.h"
#include "lang/resolver.h"
#include "lang/source.h"
#include "lang/thread.h"

namespace warden::lang {

// Bounds of one evaluation; each ends it with a clear error.
struct Limits {
  int64_t max_steps = 50'000'000;          // statements, iterations, calls
  int64_t max_memory_bytes = 512ll << 20;  // live heap bytes
  int max_call_depth = 1000;               // Starlark call frames
  int max_nesting = 400;                   // syntactic nesting (parser)
  size_t max_stack_bytes = 4u << 20;       // C++ stack used by evaluation
};

struct ParseResult {
  std::shared_ptr<File> file;  // null on a syntax error
  std::vector<Diagnostic> diagnostics;
};

// Parses `source` with the dialect's syntax options.
ParseResult ParseFile(const Source& source, const DialectOptions& options,
                      const Limits& limits = {});

// Resolves a parsed file against the host's names: the static errors.
std::vector<Diagnostic> ResolveFile(File& file, const DialectOptions& options,
                                    const Predeclared& predeclared,
                                    const Predeclared& universe);

struct ExecResult {
  bool ok = false;
  std::vector<Diagnostic> diagnostics;  // syntax, static, or the runtime error
  // The module's globals in definition order (bound ones only).
  std::vector<std::pair<std::string, Value>> globals;
  Value module;  // keeps the module (and its syntax tree) alive
};

// Parses, resolves and runs `source`. Predeclared names shadow universal
// ones. The thread's step/memory/depth budgets are set from `limits`.
// Module globals are frozen after the run.
ExecResult ExecFile(Thread& thread, const Source& source,
                    const DialectOptions& options,
                    const Predeclared& predeclared, const Predeclared& universe,
                    const LoadHook& load, const Limits& limits = {});

// A diagnostic at the current position of the innermost Starlark frame of
// `thread` (e.g. for a host builtin that reports without failing).
Diagnostic DiagnosticHere(Thread& thread, std::string message);

}  // namespace warden::lang

#endif  // WARDEN_LANG_INTERPRETER_H_
