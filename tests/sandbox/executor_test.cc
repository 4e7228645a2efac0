// Exit statuses (SPEC-sandbox.md) and the executor's promise that a failed
// set-up never runs the command.
#include "sandbox/executor.h"

#include <fcntl.h>
#include <grp.h>
#include <sys/prctl.h>
#include <sys/stat.h>
#include <sys/wait.h>
#include <unistd.h>

#include <chrono>
#include <cstdio>
#include <string>
#include <vector>

#include "gtest/gtest.h"
#include "sandbox/kernel_probe.h"
#include "sandbox/placeholders.h"
#include "sandbox/seccomp_filter.h"
#include "tests/sandbox/sandbox_testutil.h"

namespace warden::sandbox {
namespace {

using testing::Exists;
using testing::MakeTempDir;
using testing::RemoveTree;
using testing::RunResult;
using testing::RunSandboxed;
using testing::RunShell;
using testing::WriteFile;

class ExecutorTest : public ::testing::Test {
 protected:
  void SetUp() override {
    ws_ = MakeTempDir("/tmp/warden-exec-");
    ASSERT_FALSE(ws_.empty());
  }
  void TearDown() override { RemoveTree(ws_); }
  Profile Workspace(Mode mode = Mode::kWorkspaceWrite) const {
    Profile p;
    p.cwd = ws_;
    p.mode = mode;
    return p;
  }
  std::string ws_;
};

const Mode kAllModes[] = {Mode::kWorkspaceWrite, Mode::kReadOnly,
                          Mode::kDangerFullAccess};

TEST_F(ExecutorTest, PassesExitStatusThrough) {
  for (Mode mode : kAllModes) {
    RunResult r = RunShell(Workspace(mode), "exit 3");
    EXPECT_EQ(r.code, 3) << ModeName(mode);
    EXPECT_EQ(r.exec.outcome, Outcome::kExited);
    EXPECT_EQ(RunShell(Workspace(mode), "true").code, 0);
  }
}

TEST_F(ExecutorTest, StdoutAndStderrPassThrough) {
  RunResult r = RunShell(Workspace(), "echo out; echo err >&2");
  EXPECT_EQ(r.out, "out\n");
  EXPECT_EQ(r.err, "err\n");
}

TEST_F(ExecutorTest, KilledBySignalIs128PlusN) {
  for (Mode mode : kAllModes) {
    RunResult term = RunShell(Workspace(mode), "kill -TERM $$");
    EXPECT_EQ(term.code, 128 + SIGTERM) << ModeName(mode);
    EXPECT_EQ(term.exec.outcome, Outcome::kSignaled);
    EXPECT_EQ(RunShell(Workspace(mode), "kill -KILL $$").code, 128 + SIGKILL);
  }
}

TEST_F(ExecutorTest, NotFoundIs127) {
  for (Mode mode : kAllModes) {
    RunResult r = RunSandboxed(Workspace(mode), {"warden-no-such-command-xyz"});
    EXPECT_EQ(r.code, 127) << ModeName(mode);
    EXPECT_EQ(r.exec.outcome, Outcome::kNotFound);
    EXPECT_EQ(r.exec.message, "warden-no-such-command-xyz: command not found");
  }
  EXPECT_EQ(RunSandboxed(Workspace(), {"/nonexistent/dir/cmd"}).code, 127);
}

TEST_F(ExecutorTest, NotExecutableIs126) {
  ASSERT_TRUE(WriteFile(ws_ + "/script.sh", "#!/bin/sh\necho hi\n"));
  chmod((ws_ + "/script.sh").c_str(), 0644);
  for (Mode mode : kAllModes) {
    RunResult r = RunSandboxed(Workspace(mode), {ws_ + "/script.sh"});
    EXPECT_EQ(r.code, 126) << ModeName(mode);
    EXPECT_EQ(r.exec.outcome, Outcome::kNotExecutable);
    EXPECT_EQ(r.exec.message, ws_ + "/script.sh: Permission denied");
    EXPECT_EQ(RunSandboxed(Workspace(mode), {ws_}).code, 126);  // a directory
  }
}

// On timeout every process of the run dies, also one that left the
// command's process group and session (setsid): checked from outside after
// Execute returned, by a file the leftover would write later.
TEST_F(ExecutorTest, TimeoutIs124AndKillsEveryProcessOfTheRun) {
  for (Mode mode : {Mode::kWorkspaceWrite, Mode::kReadOnly}) {
    Profile p = Workspace(mode);
    p.timeout = std::chrono::milliseconds(300);
    std::string late = "/var/tmp/warden-late-" + std::to_string(getpid());
    unlink(late.c_str());
    // A writable root for the leftover's file (read-only mode has none, so
    // there only the exit status and message are checked).
    p.writable_roots = {"/var/tmp"};
    RunResult r = RunShell(p, "setsid sh -c 'sleep 1; touch " + late +
                                  "' </dev/null >/dev/null 2>&1 & sleep 30");
    EXPECT_EQ(r.code, 124) << ModeName(mode);
    EXPECT_EQ(r.exec.outcome, Outcome::kTimedOut);
    EXPECT_EQ(r.exec.message,
              "timed out after 0.3s; killed every process of the run");
    usleep(1500 * 1000);
    EXPECT_FALSE(Exists(late)) << ModeName(mode);
    unlink(late.c_str());
  }
}

// The same without a timeout: a daemonised child does not outlive the run.
TEST_F(ExecutorTest, SetsidChildDoesNotOutliveTheRun) {
  Profile p = Workspace();
  std::string late = ws_ + "/late";
  RunResult r = RunShell(p,
                         "setsid sh -c 'sleep 1; touch late' </dev/null "
                         ">/dev/null 2>&1 & echo started");
  EXPECT_EQ(r.code, 0);
  EXPECT_EQ(r.out, "started\n");
  usleep(1500 * 1000);
  EXPECT_FALSE(Exists(late));
  // Control: the same child, waited for, does its work.
  RunResult waited = RunShell(p, "sh -c 'sleep 0.1; touch late' & wait");
  EXPECT_EQ(waited.code, 0);
  EXPECT_TRUE(Exists(late));
}

// A submodule's gitfile cannot be pointed elsewhere from inside a run;
// the submodule's files stay writable (control).
TEST_F(ExecutorTest, SubmoduleGitFileCannotBeRewritten) {
  ASSERT_EQ(mkdir((ws_ + "/.git").c_str(), 0755), 0);
  ASSERT_EQ(mkdir((ws_ + "/lib").c_str(), 0755), 0);
  const std::string gitfile = "gitdir: ../.git/modules/lib\n";
  ASSERT_TRUE(testing::WriteFile(ws_ + "/lib/.git", gitfile));
  ASSERT_TRUE(testing::WriteFile(ws_ + "/.gitmodules", "\tpath = lib\n"));
  RunResult r = RunShell(Workspace(), "echo 'gitdir: /tmp/evil' > lib/.git");
  EXPECT_NE(r.code, 0);
  EXPECT_EQ(testing::ReadFile(ws_ + "/lib/.git"), gitfile);
  RunResult ok = RunShell(Workspace(), "echo x > lib/file");
  EXPECT_EQ(ok.code, 0) << ok.err;
}

TEST_F(ExecutorTest, FastCommandBeatsTimeout) {
  Profile p = Workspace();
  p.timeout = std::chrono::milliseconds(30000);
  EXPECT_EQ(RunShell(p, "exit 7").code, 7);
}

// Without Landlock the namespaces and seccomp hold the boundary (as on
// Debian 12's or Ubuntu 22.04's kernels): the run goes ahead with a notice
// naming the missing layer, and writes outside the roots still fail.
TEST_F(ExecutorTest, MissingLandlockRunsOnNamespacesWithANotice) {
  KernelSupport kernel = ProbeKernel(true);
  PretendMissing("landlock", &kernel);
  ExecOptions options;
  options.kernel = &kernel;
  std::string outside = MakeTempDir("/var/tmp/warden-outside-");
  for (Mode mode : {Mode::kWorkspaceWrite, Mode::kReadOnly}) {
    RunResult r = RunSandboxed(
        Workspace(mode), {"sh", "-c", "touch " + outside + "/x; echo ran"}, {},
        options);
    EXPECT_EQ(r.code, 0) << r.exec.message;
    EXPECT_EQ(r.out, "ran\n");
    EXPECT_FALSE(Exists(outside + "/x"));
    ASSERT_EQ(r.exec.warnings.size(), 1u);
    EXPECT_EQ(r.exec.warnings[0].rfind("notice: running without Landlock: ", 0),
              0u)
        << r.exec.warnings[0];
  }
  RemoveTree(outside);
}

// --require-landlock restores the refusal.
TEST_F(ExecutorTest, RequireLandlockRefusesWith125AndDoesNotRun) {
  KernelSupport kernel = ProbeKernel(false);
  PretendMissing("landlock", &kernel);
  ExecOptions options;
  options.kernel = &kernel;
  std::string marker = ws_ + "/ran";
  for (Mode mode : {Mode::kWorkspaceWrite, Mode::kReadOnly}) {
    Profile p = Workspace(mode);
    p.require_landlock = true;
    RunResult r = RunSandboxed(p, {"touch", marker}, {}, options);
    EXPECT_EQ(r.code, 125);
    EXPECT_EQ(r.exec.outcome, Outcome::kSetupFailed);
    EXPECT_EQ(r.exec.message,
              "sandbox unavailable, refusing to run the command: Landlock: "
              "this kernel does not support Landlock (landlock_create_ruleset: "
              "Function not implemented; needs Linux >= 5.13 built with "
              "CONFIG_SECURITY_LANDLOCK=y); without it the filesystem is not "
              "restricted (--require-landlock) (--best-effort runs without "
              "the missing layer)");
    EXPECT_FALSE(Exists(marker));
  }
  // danger-full-access needs no kernel layer.
  RunResult open = RunSandboxed(Workspace(Mode::kDangerFullAccess),
                                {"touch", marker}, {}, options);
  EXPECT_EQ(open.code, 0);
  EXPECT_TRUE(Exists(marker));
}

TEST_F(ExecutorTest, OldLandlockAbiIsNamedWithoutTruncateControl) {
  KernelSupport kernel = ProbeKernel(false);
  if (kernel.landlock_abi < 3) GTEST_SKIP() << "needs ABI 3 to pretend 2";
  PretendMissing("landlock-abi=2", &kernel);
  ExecOptions options;
  options.kernel = &kernel;
  Profile p = Workspace();
  p.require_landlock = true;
  RunResult r = RunSandboxed(p, {"true"}, {}, options);
  EXPECT_EQ(r.code, 125);
  EXPECT_NE(r.exec.message.find("Landlock truncate control: this kernel has "
                                "Landlock ABI 2, truncate(2) needs ABI 3"),
            std::string::npos)
      << r.exec.message;
}

TEST_F(ExecutorTest, MissingSeccompAndUserNamespacesAreNamed) {
  KernelSupport kernel = ProbeKernel(false);
  PretendMissing("seccomp,userns", &kernel);
  ExecOptions options;
  options.kernel = &kernel;
  RunResult r = RunSandboxed(Workspace(), {"true"}, {}, options);
  EXPECT_EQ(r.code, 125);
  EXPECT_NE(r.exec.message.find("seccomp: seccomp filters are not available"),
            std::string::npos);
  EXPECT_NE(
      r.exec.message.find("namespaces: user namespaces are not available"),
      std::string::npos);
}

TEST_F(ExecutorTest, BestEffortRunsAndSaysWhatIsMissing) {
  KernelSupport kernel = ProbeKernel(false);
  PretendMissing("landlock", &kernel);
  ExecOptions options;
  options.kernel = &kernel;
  Profile p = Workspace();
  p.best_effort = true;
  p.require_landlock = true;
  RunResult r = RunSandboxed(p, {"true"}, {}, options);
  EXPECT_EQ(r.code, 0);
  ASSERT_EQ(r.exec.warnings.size(), 1u);
  EXPECT_EQ(r.exec.warnings[0].rfind("best-effort: running without Landlock: "
                                     "this kernel does not support Landlock",
                                     0),
            0u)
      << r.exec.warnings[0];
}

// A set-up step that fails inside the child ends it before exec. Here warden
// runs inside a process that is already sandboxed by warden's own seccomp
// filter, so the child's unshare(CLONE_NEWUSER) is refused.
TEST_F(ExecutorTest, FailedChildSetupNeverRunsTheCommand) {
  std::string marker = ws_ + "/ran";
  int pipe_fds[2];
  ASSERT_EQ(pipe(pipe_fds), 0);
  pid_t pid = fork();
  ASSERT_GE(pid, 0);
  if (pid == 0) {
    ChildFailure failure;
    if (prctl(PR_SET_NO_NEW_PRIVS, 1, 0, 0, 0) != 0 ||
        !InstallSeccompFilter(BuildSeccompFilter(false), &failure)) {
      _exit(90);
    }
    ExecResult r = Execute(Workspace(), {"touch", marker});
    ssize_t ignored = write(pipe_fds[1], r.message.data(), r.message.size());
    (void)ignored;
    _exit(r.exit_code);
  }
  close(pipe_fds[1]);
  std::string message;
  char buf[512];
  ssize_t n;
  while ((n = read(pipe_fds[0], buf, sizeof buf)) > 0) message.append(buf, n);
  close(pipe_fds[0]);
  int status = 0;
  waitpid(pid, &status, 0);
  ASSERT_TRUE(WIFEXITED(status));
  EXPECT_EQ(WEXITSTATUS(status), 125);
  EXPECT_EQ(message,
            "sandbox set-up failed: clone(user, mount, PID, IPC namespaces): "
            "Operation not permitted");
  EXPECT_FALSE(Exists(marker));
  for (const auto& name : DefaultProtectedNames()) {
    EXPECT_FALSE(Exists(ws_ + "/" + name)) << name;
  }
}

TEST_F(ExecutorTest, MissingWorkingDirectoryIs125) {
  Profile p = Workspace();
  p.cwd = ws_ + "/missing";
  RunResult r = RunSandboxed(p, {"true"});
  EXPECT_EQ(r.code, 125);
  EXPECT_EQ(r.exec.message,
            "working directory " + ws_ + "/missing: No such file or directory");
}

TEST_F(ExecutorTest, EmptyCommandIs125) {
  EXPECT_EQ(RunSandboxed(Workspace(), {}).code, 125);
}

TEST_F(ExecutorTest, MissingWritableRootIsReportedAndSkipped) {
  Profile p = Workspace();
  p.writable_roots = {"does-not-exist"};
  RunResult r = RunSandboxed(p, {"true"});
  EXPECT_EQ(r.code, 0);
  ASSERT_EQ(r.exec.warnings.size(), 1u);
  EXPECT_EQ(r.exec.warnings[0],
            "writable root does-not-exist does not exist or is not a "
            "directory; skipped");
}

TEST_F(ExecutorTest, PlaceholdersAreRemovedAfterwards) {
  // Inside, each missing name is taken by an empty placeholder file, and
  // `.git` by an empty directory.
  RunResult r = RunShell(Workspace(),
                         "test -d .git && test -z \"$(ls -A .git)\" && "
                         "for n in .codex .agents .warden; do "
                         "test -f $n && ! test -s $n || exit 1; done");
  EXPECT_EQ(r.code, 0) << r.err;
  for (const char* name : {".codex", ".agents", ".warden", ".git"}) {
    EXPECT_FALSE(Exists(ws_ + "/" + name)) << name;
  }
}

TEST_F(ExecutorTest, ConcurrentRunsShareAndCleanUpPlaceholders) {
  // Several runs in one workspace at once: none may leave a placeholder,
  // and each must see the protected names read-only while it runs.
  std::vector<pid_t> children;
  for (int i = 0; i < 4; ++i) {
    pid_t pid = fork();
    if (pid == 0) {
      Profile p = Workspace();
      int bad = 0;
      for (int j = 0; j < 5; ++j) {
        ExecResult r = Execute(p, {"/bin/sh", "-c",
                                   "! mkdir .codex/x 2>/dev/null && "
                                   "! touch .warden/y 2>/dev/null"});
        if (r.exit_code != 0) ++bad;
      }
      _exit(bad);
    }
    children.push_back(pid);
  }
  for (pid_t pid : children) {
    int status = 0;
    waitpid(pid, &status, 0);
    EXPECT_TRUE(WIFEXITED(status) && WEXITSTATUS(status) == 0) << status;
  }
  for (const char* name : {".codex", ".agents", ".warden", ".git"}) {
    EXPECT_FALSE(Exists(ws_ + "/" + name)) << name;
  }
}

TEST_F(ExecutorTest, LeftoverPlaceholderIsCleanedUpByNextRun) {
  // A killed warden's placeholder file, and the mode-0000 directory that
  // earlier versions used.
  int fd = open((ws_ + "/.codex").c_str(), O_CREAT | O_EXCL | O_WRONLY, 0);
  ASSERT_GE(fd, 0);
  ASSERT_EQ(fchmod(fd, kPlaceholderMode), 0);
  close(fd);
  ASSERT_EQ(mkdir((ws_ + "/.agents").c_str(), 0), 0);
  EXPECT_EQ(RunShell(Workspace(), "! touch .codex && ! mkdir .agents/x").code,
            0);
  EXPECT_FALSE(Exists(ws_ + "/.codex"));
  EXPECT_FALSE(Exists(ws_ + "/.agents"));
}

// A workspace below a repository's top: the `.git` placeholder must not
// stop git from finding the repository further up.
TEST_F(ExecutorTest, GitWorksInASubdirectoryOfARepository) {
  std::string log;
  ASSERT_EQ(
      testing::RunHost("cd " + ws_ + " && git init -q && mkdir sub", &log), 0)
      << log;
  Profile p = Workspace();
  p.cwd = ws_ + "/sub";
  RunResult r = RunShell(p, "git status --short && ! mkdir .git/x");
  EXPECT_EQ(r.code, 0) << r.err;
  EXPECT_FALSE(Exists(ws_ + "/sub/.git"));
}

TEST_F(ExecutorTest, EmptyFileOfTheUserIsNotTakenForAPlaceholder) {
  int fd = open((ws_ + "/.codex").c_str(), O_CREAT | O_EXCL | O_WRONLY, 0400);
  ASSERT_GE(fd, 0);
  close(fd);
  EXPECT_EQ(RunShell(Workspace(), "! rm -f .codex && test -f .codex").code, 0);
  struct stat st;
  ASSERT_EQ(lstat((ws_ + "/.codex").c_str(), &st), 0);
  EXPECT_EQ(st.st_mode & 07777, 0400u);
}

// As a user without capabilities, warden must be able to join and remove
// its placeholders (it cannot open a mode-0000 file) and run at all.
TEST_F(ExecutorTest, UnprivilegedUserRunsAndLeavesNothingBehind) {
  if (geteuid() != 0) GTEST_SKIP() << "needs root to switch to nobody";
  constexpr uid_t kNobody = 65534;
  ASSERT_EQ(chown(ws_.c_str(), kNobody, kNobody), 0);
  pid_t pid = fork();
  ASSERT_GE(pid, 0);
  if (pid == 0) {
    if (setgroups(0, nullptr) != 0 || setgid(kNobody) != 0 ||
        setuid(kNobody) != 0 ||
        // As after an exec: setuid made this process non-dumpable, which
        // leaves /proc/self (the uid_map the child writes) owned by root.
        prctl(PR_SET_DUMPABLE, 1, 0, 0, 0) != 0) {
      _exit(90);
    }
    Profile p = Workspace();
    int bad = 0;
    for (int i = 0; i < 2; ++i) {
      ExecResult r = Execute(p, {"/bin/sh", "-c",
                                 "echo hi > new.txt && ! touch .codex && "
                                 "! mkdir .warden && ! rm -f .agents"});
      if (r.exit_code != 0) {
        fprintf(stderr, "run %d as nobody: %d %s\n", i, r.exit_code,
                r.message.c_str());
        bad = 10 + i;
      }
    }
    // Another run holds the placeholders while this one starts and ends.
    int fds[2];
    if (pipe(fds) != 0) _exit(91);
    pid_t holder = fork();
    if (holder == 0) {
      close(fds[0]);
      Execute(p,
              {"/bin/sh", "-c",
               "echo; i=0; while [ ! -e done ] && [ $i -lt 600 ]; do "
               "sleep 0.05; i=$((i+1)); done"},
              {.stdout_fd = fds[1]});
      _exit(0);
    }
    close(fds[1]);
    char c;
    if (read(fds[0], &c, 1) != 1) _exit(92);
    if (Execute(p, {"/bin/sh", "-c", "! touch .codex"}).exit_code != 0) {
      bad = 20;
    }
    struct stat st;
    if (lstat((ws_ + "/.codex").c_str(), &st) != 0) bad = 21;  // still held
    close(open((ws_ + "/done").c_str(), O_CREAT | O_WRONLY | O_CLOEXEC, 0644));
    int status = 0;
    waitpid(holder, &status, 0);
    _exit(bad);
  }
  int status = 0;
  waitpid(pid, &status, 0);
  ASSERT_TRUE(WIFEXITED(status));
  EXPECT_EQ(WEXITSTATUS(status), 0);
  EXPECT_EQ(testing::ReadFile(ws_ + "/new.txt"), "hi\n");
  for (const char* name : {".codex", ".agents", ".warden", ".git"}) {
    EXPECT_FALSE(Exists(ws_ + "/" + name)) << name;
  }
}

TEST_F(ExecutorTest, ExistingProtectedEntriesStayAfterTheRun) {
  ASSERT_EQ(mkdir((ws_ + "/.codex").c_str(), 0755), 0);
  ASSERT_TRUE(WriteFile(ws_ + "/.codex/config.toml", "x = 1\n"));
  RunResult r = RunShell(Workspace(),
                         "cat .codex/config.toml && "
                         "! echo y >> .codex/config.toml");
  EXPECT_EQ(r.code, 0) << r.err;
  EXPECT_EQ(testing::ReadFile(ws_ + "/.codex/config.toml"), "x = 1\n");
}

}  // namespace
}  // namespace warden::sandbox
