// `warden exec` and `warden sandbox probe` as a user runs them: flags, exit
// statuses, messages on stderr, signal forwarding.
#include <fcntl.h>
#include <poll.h>
#include <signal.h>
#include <stdlib.h>
#include <sys/mman.h>
#include <sys/stat.h>
#include <sys/wait.h>
#include <unistd.h>

#include <nlohmann/json.hpp>
#include <string>
#include <vector>

#include "gtest/gtest.h"
#include "tests/sandbox/sandbox_testutil.h"

extern char** environ;

namespace warden::sandbox {
namespace {

using testing::Exists;
using testing::MakeTempDir;
using testing::RemoveTree;

struct Cli {
  int code = -1;
  std::string out, err;
};

std::string Drain(int fd) {
  std::string text;
  char buf[4096];
  off_t off = 0;
  ssize_t n;
  while ((n = pread(fd, buf, sizeof buf, off)) > 0) {
    text.append(buf, n);
    off += n;
  }
  close(fd);
  return text;
}

// Starts the warden binary with `args` and `env` added to the environment.
pid_t Start(const char* binary, const std::vector<std::string>& args,
            const std::vector<std::string>& env, int out_fd, int err_fd) {
  std::vector<std::string> all_args = {binary};
  all_args.insert(all_args.end(), args.begin(), args.end());
  std::vector<std::string> all_env;
  for (char** e = environ; *e != nullptr; ++e) all_env.push_back(*e);
  all_env.insert(all_env.end(), env.begin(), env.end());
  std::vector<char*> argv, envp;
  for (auto& a : all_args) argv.push_back(a.data());
  argv.push_back(nullptr);
  for (auto& e : all_env) envp.push_back(e.data());
  envp.push_back(nullptr);
  pid_t pid = fork();
  if (pid == 0) {
    dup2(out_fd, 1);
    dup2(err_fd, 2);
    execve(argv[0], argv.data(), envp.data());
    _exit(99);
  }
  return pid;
}

// `binary` is the shipped warden by default; tests that pretend a kernel
// layer is missing run the test build, the only one that honours the switch.
Cli Warden(const std::vector<std::string>& args,
           const std::vector<std::string>& env = {},
           const char* binary = WARDEN_BINARY) {
  int out = memfd_create("out", MFD_CLOEXEC);
  int err = memfd_create("err", MFD_CLOEXEC);
  pid_t pid = Start(binary, args, env, out, err);
  int status = 0;
  waitpid(pid, &status, 0);
  Cli c;
  c.code = WIFEXITED(status) ? WEXITSTATUS(status) : 128 + WTERMSIG(status);
  c.out = Drain(out);
  c.err = Drain(err);
  return c;
}

class CliTest : public ::testing::Test {
 protected:
  void SetUp() override {
    ws_ = MakeTempDir("/tmp/warden-cli-");
    other_ = MakeTempDir("/var/tmp/warden-cli-other-");
    ASSERT_FALSE(ws_.empty());
    ASSERT_FALSE(other_.empty());
  }
  void TearDown() override {
    RemoveTree(ws_);
    RemoveTree(other_);
  }
  std::string ws_, other_;
};

TEST_F(CliTest, ExitStatusPassesThrough) {
  Cli c = Warden({"exec", "--cwd", ws_, "--", "sh", "-c", "echo hi; exit 5"});
  EXPECT_EQ(c.code, 5);
  EXPECT_EQ(c.out, "hi\n");
  EXPECT_EQ(c.err, "");
}

TEST_F(CliTest, NotFoundAndNotExecutable) {
  Cli missing = Warden({"exec", "--cwd", ws_, "--", "warden-nope-xyz"});
  EXPECT_EQ(missing.code, 127);
  EXPECT_EQ(missing.err, "warden: warden-nope-xyz: command not found\n");
  Cli dir = Warden({"exec", "--cwd", ws_, "--", ws_});
  EXPECT_EQ(dir.code, 126);
  EXPECT_EQ(dir.err, "warden: " + ws_ + ": Permission denied\n");
}

TEST_F(CliTest, SignalExitAndTimeout) {
  EXPECT_EQ(Warden({"exec", "--cwd", ws_, "--", "sh", "-c", "kill -9 $$"}).code,
            137);
  Cli t =
      Warden({"exec", "--cwd", ws_, "--timeout", "0.2", "--", "sleep", "30"});
  EXPECT_EQ(t.code, 124);
  EXPECT_EQ(t.err,
            "warden: timed out after 0.2s; killed every process of the run\n");
}

TEST_F(CliTest, WithoutLandlockRunsWithANoticeOrRefusesWhenRequired) {
  const std::vector<std::string> pretend = {
      "WARDEN_SANDBOX_PRETEND_MISSING=landlock"};
  std::string marker = ws_ + "/ran";
  Cli c = Warden({"exec", "--cwd", ws_, "--", "touch", marker}, pretend,
                 WARDEN_TEST_BINARY);
  EXPECT_EQ(c.code, 0) << c.err;
  EXPECT_EQ(c.err.rfind("warden: notice: running without Landlock: this "
                        "kernel does not support Landlock",
                        0),
            0u)
      << c.err;
  EXPECT_TRUE(Exists(marker));
  ASSERT_EQ(unlink(marker.c_str()), 0);
  Cli required = Warden(
      {"exec", "--require-landlock", "--cwd", ws_, "--", "touch", marker},
      pretend, WARDEN_TEST_BINARY);
  EXPECT_EQ(required.code, 125);
  EXPECT_EQ(required.err,
            "warden: sandbox unavailable, refusing to run the command: "
            "Landlock: this kernel does not support Landlock "
            "(landlock_create_ruleset: Function not implemented; needs Linux "
            ">= 5.13 built with CONFIG_SECURITY_LANDLOCK=y); without it the "
            "filesystem is not restricted (--require-landlock) (--best-effort "
            "runs without the missing layer)\n");
  EXPECT_FALSE(Exists(marker));
  Cli best = Warden({"exec", "--require-landlock", "--best-effort", "--cwd",
                     ws_, "--", "touch", marker},
                    pretend, WARDEN_TEST_BINARY);
  EXPECT_EQ(best.code, 0);
  EXPECT_EQ(best.err.rfind("warden: warning: best-effort: running without "
                           "Landlock: this kernel does not support Landlock",
                           0),
            0u)
      << best.err;
  EXPECT_TRUE(Exists(marker));
}

// The pretend switch is a test hook: the shipped binary ignores it, so it
// cannot be used to weaken a run (issue 19, item 9).
TEST_F(CliTest, ShippedBinaryIgnoresThePretendSwitch) {
  const std::vector<std::string> pretend = {
      "WARDEN_SANDBOX_PRETEND_MISSING=landlock,userns,seccomp"};
  Cli probe = Warden({"sandbox", "probe"}, pretend);
  EXPECT_NE(probe.out.find("landlock: ABI "), std::string::npos) << probe.out;
  Cli run = Warden({"exec", "--require-landlock", "--cwd", ws_, "--", "true"},
                   pretend);
  EXPECT_EQ(run.code, 0) << run.err;
  EXPECT_EQ(run.err, "");
  // Control: the test build does honour it.
  Cli test_probe = Warden({"sandbox", "probe"}, pretend, WARDEN_TEST_BINARY);
  EXPECT_NE(test_probe.out.find("landlock: unavailable"), std::string::npos);
}

TEST_F(CliTest, ProbeNamesTheMissingLayer) {
  Cli c =
      Warden({"sandbox", "probe"}, {"WARDEN_SANDBOX_PRETEND_MISSING=landlock"},
             WARDEN_TEST_BINARY);
  EXPECT_EQ(c.code, 0);
  EXPECT_NE(c.out.find("landlock: unavailable: this kernel does not support "
                       "Landlock (landlock_create_ruleset: Function not "
                       "implemented; needs Linux >= 5.13 built with "
                       "CONFIG_SECURITY_LANDLOCK=y)\n"),
            std::string::npos)
      << c.out;
  EXPECT_NE(c.out.find("read-only:\n  notice: running without Landlock:"),
            std::string::npos)
      << c.out;
  EXPECT_EQ(c.out.find("exec refuses"), std::string::npos) << c.out;
  Cli u = Warden({"sandbox", "probe"},
                 {"WARDEN_SANDBOX_PRETEND_MISSING=landlock,userns"},
                 WARDEN_TEST_BINARY);
  EXPECT_NE(u.out.find("workspace-write:\n  exec refuses (exit 125)"),
            std::string::npos)
      << u.out;
}

TEST_F(CliTest, ProbeReportsThisKernel) {
  Cli c = Warden({"sandbox", "probe"});
  EXPECT_EQ(c.code, 0);
  EXPECT_NE(c.out.find("landlock: ABI "), std::string::npos) << c.out;
  EXPECT_NE(c.out.find("seccomp: available"), std::string::npos);
  EXPECT_EQ(c.out.find("exec refuses"), std::string::npos) << c.out;
  Cli j = Warden({"sandbox", "probe", "--json"});
  ASSERT_EQ(j.code, 0);
  auto doc = nlohmann::json::parse(j.out, nullptr, false);
  ASSERT_FALSE(doc.is_discarded()) << j.out;
  EXPECT_TRUE(doc["landlock"]["available"].get<bool>());
  EXPECT_GE(doc["landlock"]["abi"].get<int>(), 1);
  ASSERT_EQ(doc["modes"].size(), 3u);
  EXPECT_EQ(doc["modes"][0]["mode"], "read-only");
  EXPECT_EQ(doc["modes"][1]["mode"], "workspace-write");
  EXPECT_EQ(doc["modes"][1]["protected"],
            nlohmann::json({".git", ".codex", ".agents", ".warden", ".claude",
                            ".gemini", ".mcp.json", ".vscode", ".envrc"}));
  EXPECT_EQ(doc["modes"][2]["layers"], nlohmann::json::array());
  Cli jm = Warden({"sandbox", "probe", "--json"},
                  {"WARDEN_SANDBOX_PRETEND_MISSING=landlock,userns"},
                  WARDEN_TEST_BINARY);
  auto missing = nlohmann::json::parse(jm.out, nullptr, false);
  EXPECT_FALSE(missing["landlock"]["available"].get<bool>());
  EXPECT_FALSE(missing["modes"][0]["available"].get<bool>());
  EXPECT_TRUE(missing["modes"][2]["available"].get<bool>());
}

TEST_F(CliTest, FlagsReachTheProfile) {
  // --writable-root
  Cli w = Warden({"exec", "--cwd", ws_, "--writable-root", other_, "--", "sh",
                  "-c", "touch \"$0/x\"", other_});
  EXPECT_EQ(w.code, 0) << w.err;
  EXPECT_TRUE(Exists(other_ + "/x"));
  // --sandbox read-only
  Cli ro = Warden({"exec", "--sandbox", "read-only", "--cwd", ws_, "--",
                   "touch", ws_ + "/y"});
  EXPECT_NE(ro.code, 0);
  EXPECT_FALSE(Exists(ws_ + "/y"));
  // --no-tmp
  std::string tmp_probe = "/tmp/warden-cli-notmp-" + std::to_string(getpid());
  EXPECT_NE(
      Warden({"exec", "--no-tmp", "--cwd", ws_, "--", "touch", tmp_probe}).code,
      0);
  EXPECT_FALSE(Exists(tmp_probe));
  // --allow-network
  const char* tcp = "import socket; socket.socket(socket.AF_INET6)";
  EXPECT_NE(Warden({"exec", "--cwd", ws_, "--", "python3", "-c", tcp}).code, 0);
  EXPECT_EQ(Warden({"exec", "--allow-network", "--cwd", ws_, "--", "python3",
                    "-c", tcp})
                .code,
            0);
  // A missing writable root is reported and skipped.
  Cli skip =
      Warden({"exec", "--cwd", ws_, "--writable-root", "nope", "--", "true"});
  EXPECT_EQ(skip.code, 0);
  EXPECT_EQ(skip.err,
            "warden: warning: writable root nope does not exist or is not a "
            "directory; skipped\n");
}

TEST_F(CliTest, UsageErrors) {
  EXPECT_EQ(Warden({"exec", "--sandbox", "bogus", "--", "true"}).code, 2);
  EXPECT_EQ(Warden({"exec"}).code, 2);
  EXPECT_EQ(Warden({"exec", "--timeout", "-1", "--", "true"}).code, 2);
}

// SIGINT, SIGTERM and SIGHUP sent to warden reach the command, and warden
// exits as the command did (128 + N).
TEST_F(CliTest, ForwardsSignals) {
  for (int sig : {SIGTERM, SIGINT, SIGHUP}) {
    std::string started = ws_ + "/started-" + std::to_string(sig);
    int out = memfd_create("out", MFD_CLOEXEC);
    int err = memfd_create("err", MFD_CLOEXEC);
    pid_t pid = Start(WARDEN_BINARY,
                      {"exec", "--cwd", ws_, "--", "sh", "-c",
                       "touch \"$0\"; exec sleep 30", started},
                      {}, out, err);
    for (int i = 0; i < 3000 && !Exists(started); ++i) usleep(10000);
    ASSERT_TRUE(Exists(started));
    kill(pid, sig);
    int status = 0;
    waitpid(pid, &status, 0);
    ASSERT_TRUE(WIFEXITED(status)) << status;
    EXPECT_EQ(WEXITSTATUS(status), 128 + sig) << Drain(err);
    close(out);
  }
}

// Issue 19, item 9: a command stopped by SIGTSTP on a terminal must not
// leave warden waiting with the terminal handed over. Here warden leads a
// session on a pseudo-terminal (so its own stop is discarded, its process
// group being orphaned) and the command stops itself: warden takes the
// terminal back, continues the command, and the run finishes.
TEST_F(CliTest, StoppedCommandDoesNotHangWardenOnATerminal) {
  int master = posix_openpt(O_RDWR | O_NOCTTY | O_CLOEXEC);
  ASSERT_GE(master, 0);
  ASSERT_EQ(grantpt(master), 0);
  ASSERT_EQ(unlockpt(master), 0);
  std::string slave = ptsname(master);
  pid_t pid = fork();
  ASSERT_GE(pid, 0);
  if (pid == 0) {
    setsid();
    int fd = open(slave.c_str(), O_RDWR);  // becomes the controlling terminal
    if (fd < 0) _exit(90);
    dup2(fd, 0);
    dup2(fd, 1);
    dup2(fd, 2);
    execl(WARDEN_BINARY, WARDEN_BINARY, "exec", "--cwd", ws_.c_str(), "--",
          "sh", "-c", "kill -TSTP $$; echo resumed-after-stop", nullptr);
    _exit(91);
  }
  std::string seen;
  int status = 0;
  bool exited = false;
  for (int i = 0; i < 1000 && !exited; ++i) {  // at most ~10 s
    struct pollfd p = {master, POLLIN, 0};
    char buf[256];
    ssize_t n = poll(&p, 1, 10) > 0 ? read(master, buf, sizeof buf) : 0;
    if (n > 0) {
      seen.append(buf, n);
    } else {
      usleep(10000);  // the slave side closed (EIO): do not spin
    }
    exited = waitpid(pid, &status, WNOHANG) == pid;
  }
  if (!exited) {
    kill(pid, SIGKILL);
    waitpid(pid, &status, 0);
  }
  // What the command wrote just before warden exited may still be in the
  // pty: drain it (reads end with EIO once it is empty and the slave closed).
  for (int i = 0; i < 100; ++i) {
    struct pollfd p = {master, POLLIN, 0};
    char buf[256];
    ssize_t n = poll(&p, 1, 10) > 0 ? read(master, buf, sizeof buf) : 0;
    if (n <= 0) break;
    seen.append(buf, n);
  }
  close(master);
  EXPECT_TRUE(exited) << "warden hung with the command stopped: " << seen;
  EXPECT_NE(seen.find("resumed-after-stop"), std::string::npos)
      << "pty output: " << seen;
}

}  // namespace
}  // namespace warden::sandbox
