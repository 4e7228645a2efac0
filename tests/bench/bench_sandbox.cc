// Start-up cost of the sandbox: `true` run bare (fork + execve + wait), through
// the executor without a sandbox, in each sandboxed mode, and under bubblewrap
// doing the same job (read-only root, writable workspace and /tmp, read-only
// .git, no network) as the yardstick. The budget: sandboxed <= bare +
// 3 ms, and below bwrap.
#include <benchmark/benchmark.h>
#include <spawn.h>
#include <stdlib.h>
#include <sys/resource.h>
#include <sys/stat.h>
#include <sys/wait.h>
#include <unistd.h>

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
