// Approval benchmarks (SPEC-runtime R1): one `warden assess` query, in
// process, on the 10k-rule file of /work/shared/tools/bench/gen_rules.py —
// decomposition, matching, the R1-A heuristics and the requirement rows.
// The bar: under 1 ms per query.
//
//   build/tests/bench/warden_bench --benchmark_filter=BM_Assess
#include <benchmark/benchmark.h>

#include <cstdlib>
#include <filesystem>
#include <string>
#include <vector>

#include "engine/approval/assess.h"
#include "engine/rules/loader.h"

namespace warden::engine::approval {
namespace {

using Argv = std::vector<std::string>;

const Policy* Policy10k() {
  static LoadResult* loaded = [] {
    std::string out = (std::filesystem::temp_directory_path() /
                       "warden_bench_assess_10k.rules")
                          .string();
    std::string cmd = std::string("python3 ") + WARDEN_SHARED_DIR +
                      "/tools/bench/gen_rules.py 10000 > " + out;
    auto* r = new LoadResult;
    if (std::system(cmd.c_str()) == 0) *r = LoadPolicy({out});
    return r;
  }();
  return loaded->policy ? &*loaded->policy : nullptr;
}

const std::vector<Argv>& Queries() {
  static const std::vector<Argv> queries = {
      {"git", "status"},
      {"bash", "-lc", "git status && git diff --stat"},
      {"bash", "-lc", "cd src && rg -n TODO | head -20"},
      {"timeout", "30", "npm", "test"},
      {"bash", "-lc", "FOO=1 make -j8 2>&1 | tail -50"},
      {"rm", "-rf", "build"},
      {"cargo", "build", "--release"},
      {"bash", "-lc", "python3 <<'PY'\nprint(1)\nPY"},
  };
  return queries;
}

template <DecomposeMode kMode>
void BM_Assess10k(benchmark::State& state) {
  const Policy* policy = Policy10k();
  if (policy == nullptr) {
    state.SkipWithError("gen_rules.py 10000 did not load");
    return;
  }
  AssessSettings settings;
  settings.approval.kind = PolicyKind::kUntrusted;
  settings.decompose = kMode;
  state.counters["rules"] =
      benchmark::Counter(static_cast<double>(policy->rules().size()));
  size_t i = 0;
  for (auto _ : state) {
    Assessment a = Assess(*policy, Queries()[i++ % Queries().size()], settings);
    benchmark::DoNotOptimize(a);
  }
}
void BM_Assess10kWarden(benchmark::State& s) {
  BM_Assess10k<DecomposeMode::kWarden>(s);
}
void BM_Assess10kCodex(benchmark::State& s) {
  BM_Assess10k<DecomposeMode::kCodex>(s);
}
BENCHMARK(BM_Assess10kWarden)->Unit(benchmark::kMicrosecond);
BENCHMARK(BM_Assess10kCodex)->Unit(benchmark::kMicrosecond);

}  // namespace
}  // namespace warden::engine::approval
