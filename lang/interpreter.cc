#include "lang/interpreter.h"

#include <utility>

#include "lang/ops.h"

namespace warden::lang {

ParseResult ParseFile(const Source& source, const DialectOptions& options,
                      const Limits& limits) {
  ParseOptions po;
  po.allow_tabs = options.allow_tabs;
  po.fstrings = options.fstrings;
  po.annotations = options.annotations;
  po.floats = options.floats;
  po.max_nesting = limits.max_nesting;
  ParseResult result;
  Diagnostic error;
  std::unique_ptr<File> file = Parse(source, po, &error);
  if (file == nullptr) {
    result.diagnostics.push_back(std::move(error));
  } else {
    result.file = std::move(file);
  }
  return result;
}

std::vector<Diagnostic> ResolveFile(File& file, const DialectOptions& options,
                                    const Predeclared& predeclared,
                                    const Predeclared& universe) {
  ResolveEnv env;
  env.is_predeclared = [&](std::string_view n) {
    return predeclared.Contains(n);
  };
  env.is_universal = [&](std::string_view n) { return universe.Contains(n); };
  env.all_names = [&]() {
    std::vector<std::string> names = predeclared.Names();
    for (auto& n : universe.Names()) names.push_back(std::move(n));
    return names;
  };
  return Resolve(file, options, env);
}

ExecResult ExecFile(Thread& thread, const Source& source,
                    const DialectOptions& options,
                    const Predeclared& predeclared, const Predeclared& universe,
                    const LoadHook& load, const Limits& limits) {
  ExecResult result;
  ParseResult parsed = ParseFile(source, options, limits);
  if (!parsed.file) {
    result.diagnostics = std::move(parsed.diagnostics);
    return result;
  }
  result.diagnostics =
      ResolveFile(*parsed.file, options, predeclared, universe);
  if (!result.diagnostics.empty()) return result;

  thread.set_max_steps(thread.steps() + limits.max_steps);
  thread.set_max_call_depth(limits.max_call_depth);
  thread.heap().set_max_bytes(limits.max_memory_bytes);

  const File& file = *parsed.file;
  auto* module = thread.heap().New<ModuleObject>(parsed.file, options);
  result.module = Value(module);
  for (size_t i = 0; i < file.predeclared.size(); ++i) {
    std::string_view name = file.predeclared[i];
    const Value* v = file.predeclared_is_universal[i] ? universe.Find(name)
                                                      : predeclared.Find(name);
    if (v != nullptr) module->predeclared()[i] = *v;
  }
  absl::Status status =
      ExecModule(thread, module, load, limits.max_stack_bytes);
  for (size_t i = 0; i < file.globals.size(); ++i) {
    const Value& v = module->globals()[i];
    if (!v.IsAbsent()) result.globals.emplace_back(file.globals[i], v);
  }
  for (auto& [name, v] : result.globals) Freeze(v);
  if (!status.ok()) {
    result.diagnostics.push_back(ErrorDiagnostic(status, source));
    return result;
  }
  result.ok = true;
  return result;
}

Diagnostic DiagnosticHere(Thread& thread, std::string message) {
  Diagnostic d;
  d.message = std::move(message);
  if (!StackLocation(thread, &d)) d.file = "<unknown>";
  return d;
}

}  // namespace warden::lang
