// Fuzzes loading a .rules file end to end (Starlark evaluation with the
// engine's builtins, example checks, trie compilation) and one query: any
// bytes must load or fail with diagnostics, never crash or hang.
#include <cstdint>
#include <string>
#include <vector>

#include "engine/check.h"
#include "engine/rules/loader.h"

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  using namespace warden::engine;
  LoadOptions options;
  options.home_dir = "/home/fuzz";
  // Small limits keep every input fast; exceeding them is a clean error.
  options.trie_limits.max_nodes = 100000;
  options.trie_limits.max_work = 1000000;
  PolicyLoader loader(options);
  if (!loader.AddSource(
          "fuzz.rules",
          std::string(reinterpret_cast<const char*>(data), size))) {
    return 0;
  }
  std::optional<Policy> policy = std::move(loader).Finish();
  if (!policy) return 0;
  std::vector<std::string> argv = {"git", "push", "--force"};
  CheckCommand(*policy, argv);
  return 0;
}
