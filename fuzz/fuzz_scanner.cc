// Fuzzes the Starlark scanner: any bytes must scan to EOF or to one error,
// never crash, and token offsets must stay inside the text and never go
// backwards.
#include <cstdint>
#include <cstdlib>
#include <string>

#include "lang/scanner.h"
#include "lang/source.h"

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  using namespace warden::lang;
  Source source("fuzz.star",
                std::string(reinterpret_cast<const char*>(data), size));
  for (bool fstrings : {false, true}) {
    Scanner scanner(source,
                    ScanOptions{.allow_tabs = fstrings, .fstrings = fstrings});
    uint32_t last = 0;
    // Every token consumes input or is a synthesized layout token; the bound
    // guards against a scanner that stops making progress.
    for (size_t n = 0; n < 4 * size + 64; ++n) {
      Token t = scanner.Next();
      if (t.pos > source.text().size() || t.end > source.text().size() ||
          t.pos < last) {
        std::abort();
      }
      last = t.pos;
      if (t.kind == Tok::kEOF || t.kind == Tok::kIllegal) break;
    }
  }
  return 0;
}
