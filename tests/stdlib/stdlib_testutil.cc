#include "tests/stdlib/stdlib_testutil.h"

#include "lang/interpreter.h"
#include "lang/ops.h"
#include "stdlib/universe.h"

namespace warden::stdlib::testing {

std::string Eval(std::string_view expr, std::string_view prelude) {
  lang::Thread thread;
  std::string text(prelude);
  if (!text.empty() && text.back() != '\n') text.push_back('\n');
  text.append("x = ").append(expr).append("\n");
  lang::Source src("test.star", text);
  lang::DialectOptions options;
  options.toplevelcontrol = true;
  options.globalreassign = true;
  lang::ExecResult r = lang::ExecFile(thread, src, options, TestHostValues(),
                                      Universe(), nullptr);
  if (!r.ok) {
    if (r.diagnostics.empty()) return "error: (no diagnostic)";
    return "error: " + r.diagnostics[0].message;
  }
  for (const auto& [name, v] : r.globals) {
    if (name == "x") return lang::Repr(v);
  }
  return "error: x not bound";
}

std::string Printed(std::string_view program) {
  lang::Thread thread;
  std::string out;
  thread.set_print([&](std::string_view line) {
    if (!out.empty()) out.push_back('\n');
    out.append(line);
  });
  lang::Source src("test.star", std::string(program));
  lang::DialectOptions options;
  options.toplevelcontrol = true;
  lang::ExecResult r = lang::ExecFile(thread, src, options, lang::Predeclared(),
                                      Universe(), nullptr);
  if (!r.ok && !r.diagnostics.empty()) {
    out.append("error: ").append(r.diagnostics[0].message);
  }
  return out;
}

}  // namespace warden::stdlib::testing
