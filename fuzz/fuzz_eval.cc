// Fuzzes whole evaluation with tight budgets: a slow or memory-hungry input
// must end in a budget error, not a libFuzzer timeout or OOM. A failed run
// always explains itself.
#include <cstdint>
#include <cstdlib>
#include <string>

#include "lang/interpreter.h"
#include "stdlib/universe.h"

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  using namespace warden::lang;
  Source source("fuzz.star",
                std::string(reinterpret_cast<const char*>(data), size));
  DialectOptions options{.toplevelcontrol = true,
                         .globalreassign = true,
                         .while_stmt = true,
                         .fstrings = true,
                         .annotations = true};
  Limits limits;
  limits.max_steps = 200'000;
  limits.max_memory_bytes = 32 << 20;
  limits.max_call_depth = 100;
  Thread thread;
  thread.set_print([](std::string_view) {});
  {
    ExecResult result = ExecFile(thread, source, options, Predeclared(),
                                 warden::stdlib::Universe(), nullptr, limits);
    if (!result.ok && result.diagnostics.empty()) std::abort();
  }
  return 0;
}
