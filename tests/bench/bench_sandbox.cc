// Start-up cost of the sandbox: `true` run bare (fork + execve + wait), through
// the executor without a sandbox, in each sandboxed mode, and under bubblewrap
// doing the same job (read-only root, writable workspace and /tmp, read-only
// .git, no network) as the yardstick. The budget: sandboxed <= bare +
// 3 ms, and below bwrap. BM_ExecTrueOverhead measures the difference in
// pairs, which holds up better on a loaded machine.
#include <benchmark/benchmark.h>
#include <spawn.h>
#include <stdlib.h>
#include <sys/resource.h>
#include <sys/stat.h>
#include <sys/wait.h>
#include <unistd.h>

#include <chrono>
#include <string>
#include <vector>

#include "sandbox/executor.h"

extern char** environ;

namespace {

using warden::sandbox::Execute;
using warden::sandbox::Mode;
using warden::sandbox::Profile;

// A workspace with a .git directory, as an agent's checkout would have.
const std::string& Workspace() {
  static const std::string* ws = [] {
    std::string templ = "/tmp/warden-bench-XXXXXX";
    auto* path = new std::string(mkdtemp(templ.data()));
    mkdir((*path + "/.git").c_str(), 0755);
    std::atexit([] {
      rmdir((Workspace() + "/.git").c_str());
      rmdir(Workspace().c_str());
    });
    return path;
  }();
  return *ws;
}

// CPU seconds used by reaped children so far. Wall time on a loaded machine
// is mostly waiting for a core; the children's CPU time is what the sandbox
// set-up itself costs.
double ChildCpuSeconds() {
  struct rusage ru;
  getrusage(RUSAGE_CHILDREN, &ru);
  return ru.ru_utime.tv_sec + ru.ru_stime.tv_sec +
         (ru.ru_utime.tv_usec + ru.ru_stime.tv_usec) / 1e6;
}

// Reports the children's CPU time per iteration as a counter (ms).
class ChildCpu {
 public:
  explicit ChildCpu(benchmark::State& state)
      : state_(state), start_(ChildCpuSeconds()) {}
  ~ChildCpu() {
    if (state_.iterations() == 0) return;
    state_.counters["child_cpu_ms"] =
        (ChildCpuSeconds() - start_) * 1e3 / state_.iterations();
  }

 private:
  benchmark::State& state_;
  double start_;
};

int Spawn(const std::vector<std::string>& args) {
  std::vector<char*> argv;
  for (const auto& a : args) argv.push_back(const_cast<char*>(a.c_str()));
  argv.push_back(nullptr);
  pid_t pid;
  if (posix_spawn(&pid, argv[0], nullptr, nullptr, argv.data(), environ) != 0) {
    return -1;
  }
  int status = 0;
  waitpid(pid, &status, 0);
  return WIFEXITED(status) ? WEXITSTATUS(status) : -1;
}

void BM_ExecTrueBare(benchmark::State& state) {
  ChildCpu cpu(state);
  for (auto _ : state) {
    if (Spawn({"/bin/true"}) != 0) state.SkipWithError("true failed");
  }
}
BENCHMARK(BM_ExecTrueBare)->Unit(benchmark::kMillisecond);

void RunMode(benchmark::State& state, Mode mode) {
  Profile profile;
  profile.cwd = Workspace();
  profile.mode = mode;
  ChildCpu cpu(state);
  for (auto _ : state) {
    auto result = Execute(profile, {"/bin/true"});
    if (result.exit_code != 0) {
      state.SkipWithError(result.message.c_str());
      break;
    }
  }
}

void BM_ExecTrueUnsandboxed(benchmark::State& state) {
  RunMode(state, Mode::kDangerFullAccess);
}
BENCHMARK(BM_ExecTrueUnsandboxed)->Unit(benchmark::kMillisecond);

void BM_ExecTrueSandboxed(benchmark::State& state) {
  RunMode(state, Mode::kWorkspaceWrite);
}
BENCHMARK(BM_ExecTrueSandboxed)->Unit(benchmark::kMillisecond);

void BM_ExecTrueReadOnly(benchmark::State& state) {
  RunMode(state, Mode::kReadOnly);
}
BENCHMARK(BM_ExecTrueReadOnly)->Unit(benchmark::kMillisecond);

// Paired measurement of the same budget: every iteration runs a bare `true`
// and a sandboxed one back to back, alternating which goes first, so load
// that drifts over the run (other builds on a shared machine) hits both
// alike. The reported time is the sandboxed run's; overhead_ms is the mean
// difference. Teardown the kernel defers past a run's exit (freeing the user
// namespace, final mount puts) may land in either, so the sequential
// benchmarks above remain the throughput figure.
void BM_ExecTrueOverhead(benchmark::State& state) {
  using Clock = std::chrono::steady_clock;
  Profile profile;
  profile.cwd = Workspace();
  profile.mode = static_cast<Mode>(state.range(0));
  double bare = 0, sandboxed = 0;
  bool bare_first = true;
  for (auto _ : state) {
    double times[2];  // bare, sandboxed
    for (int i = 0; i < 2; ++i) {
      bool run_bare = (i == 0) == bare_first;
      auto start = Clock::now();
      bool ok = run_bare ? Spawn({"/bin/true"}) == 0
                         : Execute(profile, {"/bin/true"}).exit_code == 0;
      if (!ok) {
        state.SkipWithError("true failed");
        return;
      }
      times[run_bare ? 0 : 1] =
          std::chrono::duration<double>(Clock::now() - start).count();
    }
    bare_first = !bare_first;
    bare += times[0];
    sandboxed += times[1];
    state.SetIterationTime(times[1]);
  }
  state.SetLabel(std::string(warden::sandbox::ModeName(profile.mode)));
  double n = static_cast<double>(state.iterations());
  state.counters["bare_ms"] = bare * 1e3 / n;
  state.counters["overhead_ms"] = (sandboxed - bare) * 1e3 / n;
}
BENCHMARK(BM_ExecTrueOverhead)
    ->Arg(static_cast<int>(Mode::kReadOnly))
    ->Arg(static_cast<int>(Mode::kWorkspaceWrite))
    ->UseManualTime()
    ->Unit(benchmark::kMillisecond);

void BM_ExecTrueBwrap(benchmark::State& state) {
  const char* bwrap = "/usr/bin/bwrap";
  if (access(bwrap, X_OK) != 0) {
    state.SkipWithError("bwrap not installed (Debian package bubblewrap)");
    return;
  }
  const std::string& ws = Workspace();
  std::vector<std::string> args = {bwrap,
                                   "--ro-bind",
                                   "/",
                                   "/",
                                   "--dev-bind",
                                   "/dev",
                                   "/dev",
                                   "--bind",
                                   ws,
                                   ws,
                                   "--bind",
                                   "/tmp",
                                   "/tmp",
                                   "--ro-bind",
                                   ws + "/.git",
                                   ws + "/.git",
                                   "--unshare-user",
                                   "--unshare-net",
                                   "--die-with-parent",
                                   "--chdir",
                                   ws,
                                   "/bin/true"};
  ChildCpu cpu(state);
  for (auto _ : state) {
    if (Spawn(args) != 0) {
      state.SkipWithError("bwrap failed");
      break;
    }
  }
}
BENCHMARK(BM_ExecTrueBwrap)->Unit(benchmark::kMillisecond);

}  // namespace
