// Benchmarks of the Starlark front end and evaluator: scan, parse and
// execute the 10k-rule file of shared/tools/bench/gen_rules.py (with a stub
// prefix_rule builtin), and the loop/strings/calls workloads.
// scripts/bench-lang.sh compares the whole process against starlark-go and
// CPython.
#include <benchmark/benchmark.h>

#include <cstdio>
#include <fstream>
#include <memory>
#include <sstream>
#include <string>

#include "lang/interpreter.h"
#include "lang/scanner.h"
#include "stdlib/universe.h"

namespace warden::lang {
namespace {

// The generated rules file (empty if python3 is unavailable).
const std::string& RulesText() {
  static const std::string* text = [] {
    auto* out = new std::string;
    std::string cmd = std::string("python3 ") + WARDEN_SHARED_DIR +
                      "/tools/bench/gen_rules.py 10000";
    if (FILE* p = popen(cmd.c_str(), "r")) {
      char buf[65536];
      size_t n;
      while ((n = fread(buf, 1, sizeof buf, p)) > 0) out->append(buf, n);
      pclose(p);
    }
    return out;
  }();
  return *text;
}

std::string ReadWorkload(const char* name) {
  std::ifstream in(std::string(WARDEN_SHARED_DIR) + "/tools/bench/" + name);
  std::stringstream ss;
  ss << in.rdbuf();
  return ss.str();
}

absl::StatusOr<Value> StubRule(Thread&, const Builtin&, absl::Span<const Value>,
                               absl::Span<const NamedArg> kwargs) {
  benchmark::DoNotOptimize(kwargs.size());
  return Value::None();
}

void BM_ScanRules10k(benchmark::State& state) {
  Source src("r.rules", RulesText());
  if (RulesText().empty()) state.SkipWithError("python3 gen_rules.py failed");
  for (auto _ : state) {
    Scanner sc(src, {});
    size_t n = 0;
    while (sc.Next().kind > Tok::kEOF) ++n;
    benchmark::DoNotOptimize(n);
  }
  state.SetBytesProcessed(state.iterations() * RulesText().size());
}
BENCHMARK(BM_ScanRules10k)->Unit(benchmark::kMillisecond);

void BM_ParseRules10k(benchmark::State& state) {
  Source src("r.rules", RulesText());
  for (auto _ : state) {
    ParseResult r = ParseFile(src, {});
    benchmark::DoNotOptimize(r.file.get());
  }
  state.SetBytesProcessed(state.iterations() * RulesText().size());
}
BENCHMARK(BM_ParseRules10k)->Unit(benchmark::kMillisecond);

// Scan + parse + resolve + evaluate, as loading a policy does.
void BM_ExecRules10k(benchmark::State& state) {
  Source src("r.rules", RulesText());
  Predeclared predeclared;
  predeclared.AddBuiltin("prefix_rule", StubRule);
  const Predeclared& universe = stdlib::Universe();
  for (auto _ : state) {
    Thread thread;
    ExecResult r = ExecFile(thread, src, {}, predeclared, universe, nullptr);
    if (!r.ok) state.SkipWithError("rules file failed");
  }
  state.SetBytesProcessed(state.iterations() * RulesText().size());
}
BENCHMARK(BM_ExecRules10k)->Unit(benchmark::kMillisecond);

void RunWorkload(benchmark::State& state, const char* name) {
  Source src(name, ReadWorkload(name));
  const Predeclared& universe = stdlib::Universe();
  for (auto _ : state) {
    Thread thread;
    ExecResult r = ExecFile(thread, src, {}, Predeclared(), universe, nullptr);
    if (!r.ok) state.SkipWithError("workload failed");
  }
}
void BM_LoopStar(benchmark::State& state) { RunWorkload(state, "loop.star"); }
void BM_StringsStar(benchmark::State& state) {
  RunWorkload(state, "strings.star");
}
void BM_CallsStar(benchmark::State& state) { RunWorkload(state, "calls.star"); }
BENCHMARK(BM_LoopStar)->Unit(benchmark::kMillisecond);
BENCHMARK(BM_StringsStar)->Unit(benchmark::kMillisecond);
BENCHMARK(BM_CallsStar)->Unit(benchmark::kMillisecond);

}  // namespace
}  // namespace warden::lang
