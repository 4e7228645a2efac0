// Fuzzes the parser with every syntax option on: any bytes give a syntax tree
// or diagnostics (never both missing), and never a crash or unbounded
// recursion.
#include <cstdint>
#include <cstdlib>
#include <string>

#include "lang/interpreter.h"

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  using namespace warden::lang;
  Source source("fuzz.star",
                std::string(reinterpret_cast<const char*>(data), size));
  DialectOptions options{.toplevelcontrol = true,
                         .while_stmt = true,
                         .fstrings = true,
                         .annotations = true};
  ParseResult parsed = ParseFile(source, options);
  if (parsed.file == nullptr && parsed.diagnostics.empty()) std::abort();
  for (const Diagnostic& d : parsed.diagnostics) {
    if (d.message.empty() || !d.pos.known()) std::abort();
  }
  return 0;
}
