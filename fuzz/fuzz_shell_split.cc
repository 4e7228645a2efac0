// Fuzzes the shared shell lexer: any bytes, in both modes, must lex to words
// or one error without crashing or hanging; an accepted example string must
// round-trip through ShellJoin.
#include <cstdint>
#include <cstdlib>
#include <string>
#include <string_view>

#include "engine/shell/shell_words.h"

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  using namespace warden::engine;
  std::string_view text(reinterpret_cast<const char*>(data), size);
  LexShell(text, ShellMode::kScript);
  auto words = SplitExampleString(text);
  if (words.ok()) {
    auto again = SplitExampleString(ShellJoin(*words));
    if (!again.ok() || *again != *words) std::abort();
  }
  return 0;
}
