// Fuzzes parse + resolve under the rules dialect: static errors are diagnostics
// with a position, never a crash.
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
                         .globalreassign = (size % 2) == 0,
                         .while_stmt = true,
                         .fstrings = true,
                         .annotations = true};
  ParseResult parsed = ParseFile(source, options);
  if (parsed.file == nullptr) return 0;
  Predeclared predeclared;
  for (const Diagnostic& d : ResolveFile(*parsed.file, options, predeclared,
                                         warden::stdlib::Universe())) {
    if (d.message.empty() || !d.pos.known()) std::abort();
  }
  return 0;
}
