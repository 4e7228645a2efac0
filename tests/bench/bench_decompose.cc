// Decomposing a large script (issue #13: a 10k-word script in under 1 ms).
#include <benchmark/benchmark.h>

#include <algorithm>
#include <string>
#include <vector>

#include "engine/shell/command.h"

namespace warden::engine {
namespace {

// About `words` words of literal commands joined by the list operators, the
// shape an agent's long one-liners have.
std::vector<std::string> BigScript(int words) {
  static const char* const kStatements[] = {"git status",
                                            "ls -la src",
                                            "LANG=C grep -rn needle .",
                                            "timeout 5 make -j2 test",
                                            "echo 'done here'",
                                            "wc -l a b c"};
  static const char* const kSeps[] = {" && ", "; ", " | ", "\n", " || "};
  std::string script;
  int n = 0;
  for (int i = 0; n < words; ++i) {
    std::string s = kStatements[i % 6];
    n += 1 + static_cast<int>(std::count(s.begin(), s.end(), ' '));
    if (i > 0) script += kSeps[i % 5];
    script += s;
  }
  return {"bash", "-lc", script};
}

void BM_DecomposeScriptWords(benchmark::State& state) {
  std::vector<std::string> argv = BigScript(static_cast<int>(state.range(0)));
  size_t parts = 0;
  for (auto _ : state) {
    Decomposition d = Decompose(argv);
    parts = d.parts.size();
    benchmark::DoNotOptimize(d);
  }
  state.counters["parts"] = static_cast<double>(parts);
}
BENCHMARK(BM_DecomposeScriptWords)
    ->Arg(1000)
    ->Arg(10000)
    ->Unit(benchmark::kMicrosecond);

}  // namespace
}  // namespace warden::engine
