// Engine benchmarks: policy queries (trie vs the linear Codex baseline) on
// uniform and skewed policies, loading a 10k-rule file end to end, and
// decomposing typical agent commands.
//
//   build/tests/bench/warden_bench
//       --benchmark_filter='BM_Check|BM_Load|BM_Decompose'
//       --benchmark_repetitions=5 --benchmark_report_aggregates_only=true
//
// Uniform: rules spread over N/10 programs. Skewed: every rule starts with
// the same program ("git"), the worst case for the per-program bucket scan.
#include <benchmark/benchmark.h>

#include <cstdio>
#include <filesystem>
#include <fstream>
#include <map>
#include <memory>
#include <optional>
#include <random>
#include <string>
#include <vector>

#include "engine/check.h"
#include "engine/rules/loader.h"
#include "engine/rules/policy.h"
#include "engine/shell/command.h"
#include "engine/testing/linear_matcher.h"

namespace warden::engine {
namespace {

using Argv = std::vector<std::string>;

struct Workload {
  Policy policy;
  std::optional<LinearPolicy> linear;  // the Codex baseline, over `policy`
  std::vector<Argv> queries;
};

// Rules [prog, sK, (-aJ | -bJ)?]: distinct enough that a query matches a
// handful of rules, as in real policies.
std::unique_ptr<Workload> MakeWorkload(int rules, bool skewed) {
  std::mt19937 rng(7);
  int programs = skewed ? 1 : std::max(1, rules / 10);
  int subs = std::max(1, rules / programs / 2);
  PolicyBuilder builder;
  for (int i = 0; i < rules; ++i) {
    RuleSpec spec;
    std::string prog = skewed ? "git" : "p" + std::to_string(rng() % programs);
    spec.pattern.emplace_back(prog);
    spec.pattern.emplace_back("s" + std::to_string(rng() % subs));
    if (rng() % 2) {
      int j = rng() % 8;
      spec.pattern.emplace_back(std::vector<std::string>{
          "-a" + std::to_string(j), "-b" + std::to_string(j)});
    }
    spec.decision = static_cast<Decision>(rng() % 3);
    spec.source = {"bench.rules", i + 1, 1};
    builder.AddPrefixRule(spec);
  }
  auto w = std::make_unique<Workload>();
  absl::StatusOr<Policy> policy = std::move(builder).Build();
  if (!policy.ok()) return nullptr;
  w->policy = *std::move(policy);
  w->linear.emplace(w->policy);
  for (int q = 0; q < 1024; ++q) {
    const PrefixRule& r = w->policy.rules()[rng() % w->policy.rules().size()];
    Argv argv = {r.program(), r.pattern[1].alternatives[0],
                 "-a" + std::to_string(rng() % 8), "arg"};
    if (q % 4 == 3) argv[1] = "missing";  // some misses
    w->queries.push_back(std::move(argv));
  }
  return w;
}

const Workload& Get(int rules, bool skewed) {
  static std::map<std::pair<int, bool>, std::unique_ptr<Workload>> cache;
  auto& slot = cache[{rules, skewed}];
  if (!slot) slot = MakeWorkload(rules, skewed);
  return *slot;
}

template <bool kTrie, bool kSkewed>
void BM_Check(benchmark::State& state) {
  const Workload& w = Get(static_cast<int>(state.range(0)), kSkewed);
  size_t i = 0, matches = 0;
  for (auto _ : state) {
    const Argv& argv = w.queries[i++ & 1023];
    Evaluation e = kTrie ? w.policy.Check(argv) : w.linear->Check(argv);
    matches += e.matches.size();
    benchmark::DoNotOptimize(e);
  }
  state.counters["matches/query"] = benchmark::Counter(
      static_cast<double>(matches) / static_cast<double>(state.iterations()));
}

void BM_CheckTrieSkewed(benchmark::State& s) { BM_Check<true, true>(s); }
void BM_CheckLinearSkewed(benchmark::State& s) { BM_Check<false, true>(s); }
void BM_CheckTrieUniform(benchmark::State& s) { BM_Check<true, false>(s); }
void BM_CheckLinearUniform(benchmark::State& s) { BM_Check<false, false>(s); }
BENCHMARK(BM_CheckTrieSkewed)->Arg(1000)->Arg(10000)->Arg(100000);
BENCHMARK(BM_CheckLinearSkewed)->Arg(1000)->Arg(10000)->Arg(100000);
BENCHMARK(BM_CheckTrieUniform)->Arg(1000)->Arg(10000)->Arg(100000);
BENCHMARK(BM_CheckLinearUniform)->Arg(1000)->Arg(10000)->Arg(100000);

// Compiling the trie alone (no Starlark).
void BM_BuildTrie(benchmark::State& state) {
  const Workload& w = Get(static_cast<int>(state.range(0)), true);
  for (auto _ : state) {
    absl::StatusOr<TrieMatcher> trie = TrieMatcher::Build(w.policy.rules());
    benchmark::DoNotOptimize(trie);
  }
}
BENCHMARK(BM_BuildTrie)->Arg(10000)->Unit(benchmark::kMillisecond);

// The 10k-rule file of /work/shared/tools/bench/gen_rules.py, loaded end to
// end: Starlark evaluation, example checks, trie compilation.
void BM_LoadRules10k(benchmark::State& state) {
  static std::string path = [] {
    std::string out =
        (std::filesystem::temp_directory_path() / "warden_bench_10k.rules")
            .string();
    std::string cmd = std::string("python3 ") + WARDEN_SHARED_DIR +
                      "/tools/bench/gen_rules.py 10000 > " + out;
    return std::system(cmd.c_str()) == 0 ? out : std::string();
  }();
  if (path.empty()) {
    state.SkipWithError("python3 gen_rules.py failed");
    return;
  }
  for (auto _ : state) {
    LoadResult r = LoadPolicy({path});
    if (!r.policy) {
      state.SkipWithError(FormatDiagnostics(r.diagnostics).c_str());
      return;
    }
    benchmark::DoNotOptimize(r);
  }
}
BENCHMARK(BM_LoadRules10k)->Unit(benchmark::kMillisecond);

const std::vector<Argv>& AgentCommands() {
  static const std::vector<Argv> commands = {
      {"git", "status"},
      {"bash", "-lc", "git status && git diff --stat"},
      {"bash", "-lc", "cd src && rg -n TODO | head -20"},
      {"timeout", "30", "npm", "test"},
      {"bash", "-lc", "FOO=1 make -j8 2>&1 | tail -50"},
      {"bash", "-lc", "python3 -m pytest -q tests/test_x.py::test_y"},
  };
  return commands;
}

void BM_Decompose(benchmark::State& state) {
  size_t i = 0;
  for (auto _ : state) {
    Decomposition d = Decompose(AgentCommands()[i++ % AgentCommands().size()]);
    benchmark::DoNotOptimize(d);
  }
}
BENCHMARK(BM_Decompose);

// Decompose + match on the starter policy: what one agent command costs.
void BM_CheckCommandDefaultRules(benchmark::State& state) {
  static LoadResult loaded =
      LoadPolicy({std::string(WARDEN_SOURCE_DIR) + "/examples/default.rules"});
  if (!loaded.policy) {
    state.SkipWithError("examples/default.rules failed to load");
    return;
  }
  size_t i = 0;
  for (auto _ : state) {
    CommandCheck c = CheckCommand(
        *loaded.policy, AgentCommands()[i++ % AgentCommands().size()]);
    benchmark::DoNotOptimize(c);
  }
}
BENCHMARK(BM_CheckCommandDefaultRules);

}  // namespace
}  // namespace warden::engine
