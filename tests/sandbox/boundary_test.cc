// The sandbox boundary, proven from inside: every escape attempt runs as a
// real process in the sandbox and must fail, and the target is checked from
// outside to be untouched; beside them, controls that must succeed. The tests
// run as root in CI, so the sandbox, not file permissions, is what stops
// each attempt.
#include <arpa/inet.h>
#include <netinet/in.h>
#include <signal.h>
#include <sys/socket.h>
#include <sys/stat.h>
#include <unistd.h>

#include <cctype>
#include <cstdio>
#include <cstdlib>
#include <ostream>
#include <set>
#include <string>
#include <vector>

#include "gtest/gtest.h"
#include "sandbox/kernel_probe.h"
#include "tests/sandbox/sandbox_testutil.h"

namespace warden::sandbox {
namespace {

using testing::Exists;
using testing::MakeTempDir;
using testing::ReadFile;
using testing::RemoveTree;
using testing::RunHost;
using testing::RunResult;
using testing::RunShell;
using testing::Snapshot;
using testing::WriteFile;

constexpr int kEperm = 100 + EPERM;  // escape.c: 100 + errno

class BoundaryTest : public ::testing::Test {
 protected:
  static void SetUpTestSuite() {
    tools_ = new std::string(MakeTempDir("/var/tmp/warden-tools-"));
    std::string out;
    int rc = RunHost("cc -O1 -o " + *tools_ +
                         "/escape " WARDEN_SOURCE_DIR
                         "/tests/sandbox/testdata/escape.c",
                     &out);
    ASSERT_EQ(rc, 0) << out;
  }
  static void TearDownTestSuite() {
    RemoveTree(*tools_);
    delete tools_;
  }

  void SetUp() override {
    // /tmp is writable in workspace-write mode, so the outside targets live
    // under /var/tmp, which no test profile makes writable.
    ws_ = MakeTempDir("/tmp/warden-ws-");
    out_ = MakeTempDir("/var/tmp/warden-out-");
    ASSERT_FALSE(ws_.empty());
    ASSERT_FALSE(out_.empty());
    ASSERT_TRUE(WriteFile(out_ + "/target.txt", "original\n"));
    ASSERT_EQ(mkdir((out_ + "/sub").c_str(), 0755), 0);
    ASSERT_TRUE(WriteFile(out_ + "/sub/f", "x\n"));
    ASSERT_TRUE(WriteFile(ws_ + "/a.txt", "workspace\n"));
    std::string log;
    ASSERT_EQ(RunHost("cd " + ws_ +
                          " && git init -q && git add a.txt && git -c "
                          "user.name=t -c user.email=t@example.com commit -qm "
                          "init",
                      &log),
              0)
        << log;
    ASSERT_EQ(symlink((out_ + "/target.txt").c_str(),
                      (ws_ + "/outside-link").c_str()),
              0);
    outside_before_ = Snapshot(out_);
    git_before_ = Snapshot(ws_ + "/.git");
  }

  void TearDown() override {
    RemoveTree(ws_);
    RemoveTree(out_);
  }

  Profile Workspace() const {
    Profile p;
    p.cwd = ws_;
    return p;
  }
  Profile ReadOnly() const {
    Profile p = Workspace();
    p.mode = Mode::kReadOnly;
    return p;
  }
  std::vector<std::string> Env() const {
    return {"WS=" + ws_, "OUT=" + out_, "ESCAPE=" + *tools_ + "/escape",
            "OUTSIDE_PID=" + std::to_string(getpid())};
  }
  RunResult Sh(const Profile& p, const std::string& script) const {
    return RunShell(p, script, Env());
  }

  // Nothing outside the roots, nothing in .git, and no protected name that
  // was missing has appeared (placeholders are gone too).
  void ExpectUntouched(const std::string& what) {
    EXPECT_EQ(Snapshot(out_), outside_before_) << what;
    EXPECT_EQ(Snapshot(ws_ + "/.git"), git_before_) << what;
    for (const char* name : {".codex", ".agents", ".warden"}) {
      EXPECT_FALSE(Exists(ws_ + "/" + name)) << what << ": " << name;
    }
    EXPECT_EQ(ReadFile(ws_ + "/outside-link"), "original\n") << what;
  }

  static std::string* tools_;
  std::string ws_, out_;
  std::map<std::string, std::string> outside_before_, git_before_;
};

std::string* BoundaryTest::tools_ = nullptr;

struct Attempt {
  const char* name;
  const char* script;
  int expect = -1;  // exact exit status, or -1 for "any failure"
};

// Filesystem escapes in workspace-write mode.
const Attempt kFilesystemEscapes[] = {
    {"write_outside", "echo pwned > \"$OUT/target.txt\""},
    {"append_outside", "echo pwned >> \"$OUT/target.txt\""},
    {"truncate_outside", "truncate -s 0 \"$OUT/target.txt\""},
    {"truncate_syscall_outside",
     "python3 -c 'import os,sys; os.truncate(sys.argv[1], 0)' "
     "\"$OUT/target.txt\""},
    {"open_trunc_outside", ": > \"$OUT/target.txt\""},
    {"create_outside", "touch \"$OUT/new\""},
    {"mkdir_outside", "mkdir \"$OUT/newdir\""},
    {"mkfifo_outside", "mkfifo \"$OUT/fifo\""},
    {"symlink_create_outside", "ln -s /etc/passwd \"$OUT/link\""},
    {"delete_outside", "rm -f \"$OUT/target.txt\""},
    {"delete_dir_outside", "rm -rf \"$OUT/sub\""},
    {"rename_outside_into_workspace", "mv \"$OUT/target.txt\" \"$WS/stolen\""},
    {"rename_workspace_to_outside", "mv \"$WS/a.txt\" \"$OUT/planted\""},
    {"rename_within_outside", "mv \"$OUT/target.txt\" \"$OUT/renamed\""},
    {"chmod_outside", "chmod 777 \"$OUT/target.txt\""},
    {"chown_outside", "chown 1:1 \"$OUT/target.txt\""},
    {"utimes_outside", "touch -d 2001-01-01 \"$OUT/target.txt\""},
    {"xattr_outside",
     "python3 -c 'import os,sys; os.setxattr(sys.argv[1], \"user.w\", "
     "b\"x\")' \"$OUT/target.txt\""},
    {"hardlink_outside_into_workspace",
     "ln \"$OUT/target.txt\" \"$WS/hl\" && echo pwned >> \"$WS/hl\""},
    {"hardlink_workspace_to_outside", "ln \"$WS/a.txt\" \"$OUT/hl\""},
    {"symlink_new_in_workspace",
     "ln -s \"$OUT/target.txt\" \"$WS/sl\" && echo pwned > \"$WS/sl\""},
    {"symlink_existing_in_workspace", "echo pwned >> \"$WS/outside-link\""},
    {"symlink_dir_in_workspace",
     "ln -s \"$OUT\" \"$WS/dl\" && touch \"$WS/dl/new\""},
    {"proc_sys_write",
     "v=$(cat /proc/sys/kernel/domainname) && "
     "echo \"$v\" > /proc/sys/kernel/domainname"},
    {"move_workspace_aside",
     "cd / && mv \"$WS\" \"$WS.moved\" && mkdir -p \"$WS/.codex\""},
    // Protected paths inside the writable workspace.
    {"git_config_write", "echo '[core]' >> \"$WS/.git/config\""},
    {"git_hook_create",
     "printf '#!/bin/sh\\n' > \"$WS/.git/hooks/pre-commit\""},
    {"git_chmod", "chmod 777 \"$WS/.git/config\""},
    {"git_delete", "rm -rf \"$WS/.git\""},
    {"git_rename", "mv \"$WS/.git\" \"$WS/git-moved\""},
    {"git_replace_with_symlink",
     "rm -rf \"$WS/.git\"; ln -sfn /tmp \"$WS/.git\" && test -L \"$WS/.git\""},
    {"git_commit",
     "git add a.txt && git -c user.name=t -c user.email=t@example.com "
     "commit -qm x --allow-empty"},
    {"create_codex_dir", "mkdir \"$WS/.codex\""},
    {"create_codex_file", "rmdir \"$WS/.codex\"; echo x > \"$WS/.codex\""},
    {"create_agents", "mkdir -p \"$WS/.agents/skills\""},
    {"create_warden", "touch \"$WS/.warden/config.toml\""},
    {"rename_onto_protected",
     "mkdir \"$WS/evil\" && rmdir \"$WS/.warden\"; mv \"$WS/evil\" "
     "\"$WS/.warden\""},
    {"symlink_as_protected", "ln -s \"$WS/a.txt\" \"$WS/.agents\""},
    // The placeholders that stand in for missing protected names.
    {"write_placeholder", "echo x >> \"$WS/.codex\""},
    {"chmod_placeholder", "chmod 644 \"$WS/.warden\""},
    {"delete_placeholder", "rm \"$WS/.agents\""},
    {"rename_placeholder_away", "mv \"$WS/.codex\" \"$WS/moved\""},
    {"rename_file_onto_placeholder",
     "echo x > \"$WS/evil\" && mv -f \"$WS/evil\" \"$WS/.codex\""},
};

// Network, privilege and kernel-surface escapes (workspace-write).
const Attempt kSyscallEscapes[] = {
    {"tcp4_socket", "$ESCAPE socket 2,1,0", kEperm},
    {"udp4_socket", "$ESCAPE socket 2,2,0", kEperm},
    {"tcp6_socket", "$ESCAPE socket 10,1,0", kEperm},
    {"udp6_socket", "$ESCAPE socket 10,2,0", kEperm},
    {"raw4_socket", "$ESCAPE socket 2,3,1", kEperm},
    {"raw6_socket", "$ESCAPE socket 10,3,58", kEperm},
    {"packet_socket", "$ESCAPE socket 17,3,0", kEperm},
    {"netlink_socket", "$ESCAPE socket 16,3,0", kEperm},
    {"tcp4_connect_python",
     "python3 -c 'import socket; socket.create_connection((\"127.0.0.1\", "
     "22), timeout=2)'"},
    {"udp6_python",
     "python3 -c 'import socket; "
     "socket.socket(socket.AF_INET6, "
     "socket.SOCK_DGRAM).sendto(b\"x\", (\"::1\", 9))'"},
    {"io_uring", "$ESCAPE io_uring", kEperm},
    {"ptrace_outside", "$ESCAPE ptrace-attach $OUTSIDE_PID", kEperm},
    {"ptrace_own_child", "$ESCAPE ptrace-child", kEperm},
    {"process_vm_readv", "$ESCAPE process_vm_readv $OUTSIDE_PID", kEperm},
    {"unshare_user", "$ESCAPE unshare-user", kEperm},
    {"unshare_mount", "$ESCAPE unshare-mount", kEperm},
    {"unshare_net", "$ESCAPE unshare-net", kEperm},
    {"clone_newuser", "$ESCAPE clone-newuser", kEperm},
    {"clone3_newuser", "$ESCAPE clone3", 100 + ENOSYS},
    {"unshare_command", "unshare -Urm true"},
    {"setns", "$ESCAPE setns"},
    {"mount_tmpfs_over_workspace", "$ESCAPE mount-tmpfs \"$WS\"", kEperm},
    {"umount_git", "$ESCAPE umount \"$WS/.git\"", kEperm},
    {"remount_git_rw", "$ESCAPE remount-rw \"$WS/.git\"", kEperm},
    {"mount_setattr_git_rw", "$ESCAPE mount_setattr-rw \"$WS/.git\"", kEperm},
    {"open_tree", "$ESCAPE open_tree /", kEperm},
    {"fsopen", "$ESCAPE fsopen", kEperm},
    {"pivot_root", "$ESCAPE pivot_root \"$WS\"", kEperm},
    {"chroot", "$ESCAPE chroot \"$WS\"", kEperm},
    {"bpf", "$ESCAPE bpf", kEperm},
    {"perf_event_open", "$ESCAPE perf_event_open", kEperm},
    {"keyctl", "$ESCAPE keyctl", kEperm},
    {"add_key", "$ESCAPE add_key", kEperm},
    {"userfaultfd", "$ESCAPE userfaultfd", kEperm},
    {"open_by_handle_at", "$ESCAPE open_by_handle_at", kEperm},
    {"init_module", "$ESCAPE init_module", kEperm},
    {"tiocsti", "$ESCAPE tiocsti", kEperm},
    {"setgroups_as_root", "$ESCAPE setuid-root-caps", kEperm},
    {"has_capabilities",
     "grep -E '^Cap(Inh|Prm|Eff|Bnd|Amb):' /proc/self/status | "
     "grep -v 0000000000000000"},
};

// A table entry run in one sandbox mode: the mode is the instantiation
// prefix and the entry's name the test name, so tests read like
// `WorkspaceWrite/FilesystemEscape.IsBlocked/WriteOutside` and
// --gtest_filter='ReadOnly/*' selects a mode.
template <typename T>
struct InMode {
  Mode mode;
  T item;
};

template <typename T>
void PrintTo(const InMode<T>& c, std::ostream* os) {
  *os << ModeName(c.mode) << ": " << c.item.script;
}

template <typename T, size_t N>
std::vector<InMode<T>> InEachMode(Mode mode, const T (&table)[N]) {
  std::vector<InMode<T>> out;
  for (const T& item : table) out.push_back({mode, item});
  return out;
}

// "write_outside" -> "WriteOutside".
template <typename T>
std::string CamelName(const ::testing::TestParamInfo<InMode<T>>& info) {
  std::string out;
  bool upper = true;
  for (const char* p = info.param.item.name; *p != '\0'; ++p) {
    if (*p == '_') {
      upper = true;
    } else {
      out += upper ? static_cast<char>(std::toupper(*p)) : *p;
      upper = false;
    }
  }
  return out;
}

class FilesystemEscape : public BoundaryTest,
                         public ::testing::WithParamInterface<InMode<Attempt>> {
};
class SyscallEscape : public BoundaryTest,
                      public ::testing::WithParamInterface<InMode<Attempt>> {};

void ExpectBlocked(const Attempt& a, const RunResult& r) {
  // WARDEN_TEST_VERBOSE=1 shows why each attempt failed (EROFS from the
  // mount layer, EACCES from Landlock, EPERM from seccomp).
  if (std::getenv("WARDEN_TEST_VERBOSE") != nullptr) {
    std::fprintf(stderr, "%s => %d: %s%s\n", a.name, r.code, r.out.c_str(),
                 r.err.c_str());
  }
  ASSERT_EQ(r.exec.outcome, Outcome::kExited) << r.exec.message;
  if (a.expect >= 0) {
    EXPECT_EQ(r.code, a.expect) << a.script << "\n" << r.out << r.err;
  } else {
    EXPECT_NE(r.code, 0) << a.script << "\n" << r.out << r.err;
  }
}

TEST_P(FilesystemEscape, IsBlocked) {
  const Attempt& a = GetParam().item;
  Profile p = GetParam().mode == Mode::kReadOnly ? ReadOnly() : Workspace();
  ExpectBlocked(a, Sh(p, a.script));
  ExpectUntouched(a.name);
}

TEST_P(SyscallEscape, IsBlocked) {
  const Attempt& a = GetParam().item;
  Profile p = GetParam().mode == Mode::kReadOnly ? ReadOnly() : Workspace();
  ExpectBlocked(a, Sh(p, a.script));
  ExpectUntouched(a.name);
}

INSTANTIATE_TEST_SUITE_P(WorkspaceWrite, FilesystemEscape,
                         ::testing::ValuesIn(InEachMode(Mode::kWorkspaceWrite,
                                                        kFilesystemEscapes)),
                         CamelName<Attempt>);
INSTANTIATE_TEST_SUITE_P(ReadOnly, FilesystemEscape,
                         ::testing::ValuesIn(InEachMode(Mode::kReadOnly,
                                                        kFilesystemEscapes)),
                         CamelName<Attempt>);
INSTANTIATE_TEST_SUITE_P(WorkspaceWrite, SyscallEscape,
                         ::testing::ValuesIn(InEachMode(Mode::kWorkspaceWrite,
                                                        kSyscallEscapes)),
                         CamelName<Attempt>);
INSTANTIATE_TEST_SUITE_P(ReadOnly, SyscallEscape,
                         ::testing::ValuesIn(InEachMode(Mode::kReadOnly,
                                                        kSyscallEscapes)),
                         CamelName<Attempt>);

// Signals to processes outside the sandbox: the run's PID namespace has no
// name for them (ESRCH); Landlock scoping (ABI 6) would refuse them too.
TEST_F(BoundaryTest, SignalToOutsideProcessDenied) {
  RunResult r = Sh(Workspace(), "$ESCAPE kill $OUTSIDE_PID");
  EXPECT_EQ(r.code, 100 + ESRCH) << r.err;
}

// Writes that read-only mode refuses but workspace-write allows.
TEST_F(BoundaryTest, ReadOnlyModeRefusesWorkspaceAndTmpWrites) {
  for (const char* script :
       {"echo x > \"$WS/new\"", "echo x >> \"$WS/a.txt\"", "rm \"$WS/a.txt\"",
        "chmod 600 \"$WS/a.txt\"", "mkdir \"$WS/d\"",
        "f=/tmp/warden-ro-$$ && echo x > $f"}) {
    RunResult r = Sh(ReadOnly(), script);
    EXPECT_NE(r.code, 0) << script;
  }
  EXPECT_EQ(ReadFile(ws_ + "/a.txt"), "workspace\n");
  EXPECT_FALSE(Exists(ws_ + "/new"));
  EXPECT_FALSE(Exists(ws_ + "/d"));
}

TEST_F(BoundaryTest, NoTmpMakesTmpReadOnly) {
  Profile p = Workspace();
  p.writable_tmp = false;
  std::string probe = "/tmp/warden-notmp-" + std::to_string(getpid());
  RunResult r = Sh(p, "echo x > " + probe);
  EXPECT_NE(r.code, 0);
  EXPECT_FALSE(Exists(probe));
  unlink(probe.c_str());
}

TEST_F(BoundaryTest, GitWorktreeFileAndItsGitDirAreProtected) {
  std::string log;
  ASSERT_EQ(RunHost("cd " + ws_ + " && git worktree add -q wt 2>&1", &log), 0)
      << log;
  auto gitdir_before = Snapshot(ws_ + "/.git");
  std::string file_before = ReadFile(ws_ + "/wt/.git");
  Profile p = Workspace();
  p.cwd = ws_ + "/wt";
  p.writable_roots = {ws_};
  for (const char* script :
       {"echo x >> \"$WS/wt/.git\"", "rm -f \"$WS/wt/.git\"",
        "echo x >> \"$WS/.git/worktrees/wt/HEAD\"",
        "touch \"$WS/.git/worktrees/wt/new\""}) {
    RunResult r = Sh(p, script);
    EXPECT_NE(r.code, 0) << script;
  }
  EXPECT_EQ(ReadFile(ws_ + "/wt/.git"), file_before);
  EXPECT_EQ(Snapshot(ws_ + "/.git"), gitdir_before);
  RunResult ok = Sh(p, "git status --short >/dev/null && echo hi > new.txt");
  EXPECT_EQ(ok.code, 0) << ok.err;
  EXPECT_TRUE(Exists(ws_ + "/wt/new.txt"));
}

// Defense in depth: with the mount layer gone (best-effort on a kernel
// without user namespaces), Landlock alone still stops every write, create,
// delete, rename and link outside the writable roots.
TEST_F(BoundaryTest, LandlockAloneHoldsTheFilesystem) {
  KernelSupport kernel = ProbeKernel(false);
  PretendMissing("userns", &kernel);
  ExecOptions options;
  options.kernel = &kernel;
  Profile p = Workspace();
  p.best_effort = true;
  const std::set<std::string> landlock_covers = {
      "write_outside",
      "append_outside",
      "truncate_outside",
      "truncate_syscall_outside",
      "open_trunc_outside",
      "create_outside",
      "mkdir_outside",
      "mkfifo_outside",
      "symlink_create_outside",
      "delete_outside",
      "delete_dir_outside",
      "rename_outside_into_workspace",
      "rename_workspace_to_outside",
      "rename_within_outside",
      "hardlink_outside_into_workspace",
      "hardlink_workspace_to_outside",
      "symlink_new_in_workspace",
      "symlink_existing_in_workspace",
      "symlink_dir_in_workspace",
      "proc_sys_write"};
  for (const Attempt& a : kFilesystemEscapes) {
    if (!landlock_covers.count(a.name)) continue;
    RunResult r =
        testing::RunSandboxed(p, {"/bin/sh", "-c", a.script}, Env(), options);
    EXPECT_NE(r.code, 0) << a.name << ": " << r.err;
    EXPECT_EQ(Snapshot(out_), outside_before_) << a.name;
  }
  RunResult r = testing::RunSandboxed(p, {"/bin/true"}, Env(), options);
  ASSERT_EQ(r.code, 0);
  ASSERT_FALSE(r.exec.warnings.empty());
  EXPECT_NE(r.exec.warnings.back().find("best-effort: running without "
                                        "namespaces: user namespaces are not "
                                        "available"),
            std::string::npos)
      << r.exec.warnings.back();
}

// With seccomp gone, Landlock (ABI >= 4) still refuses TCP connect and bind.
TEST_F(BoundaryTest, LandlockAloneRefusesTcp) {
  KernelSupport kernel = ProbeKernel(false);
  if (kernel.landlock_abi < 4) GTEST_SKIP() << "needs Landlock ABI 4";
  PretendMissing("seccomp", &kernel);
  ExecOptions options;
  options.kernel = &kernel;
  Profile p = Workspace();
  p.best_effort = true;
  int listener = socket(AF_INET, SOCK_STREAM | SOCK_CLOEXEC, 0);
  ASSERT_GE(listener, 0);
  sockaddr_in addr = {};
  addr.sin_family = AF_INET;
  addr.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
  ASSERT_EQ(bind(listener, reinterpret_cast<sockaddr*>(&addr), sizeof addr), 0);
  ASSERT_EQ(listen(listener, 4), 0);
  socklen_t len = sizeof addr;
  getsockname(listener, reinterpret_cast<sockaddr*>(&addr), &len);
  std::string port = std::to_string(ntohs(addr.sin_port));
  RunResult blocked = testing::RunSandboxed(
      p, {"/bin/sh", "-c", "$ESCAPE connect-tcp4 " + port}, Env(), options);
  EXPECT_EQ(blocked.code, 100 + EACCES) << blocked.err;
  // The same connect from an unsandboxed run reaches the listener.
  Profile open = p;
  open.mode = Mode::kDangerFullAccess;
  RunResult reached = testing::RunSandboxed(
      open, {"/bin/sh", "-c", "$ESCAPE connect-tcp4 " + port}, Env(), options);
  EXPECT_EQ(reached.code, 0) << reached.err;
  close(listener);
}

// Kernel-feature matrix: with each optional layer switched off (as on older
// kernels: no Landlock, Landlock without truncate control or scoping, no
// seccomp in best-effort mode), every filesystem escape is still blocked and
// nothing outside is touched; where seccomp is present the syscall escapes
// stay blocked too.
struct Reduced {
  const char* missing;  // PretendMissing list
  bool best_effort;
  bool syscalls_blocked;
};

class LayerMatrix : public BoundaryTest,
                    public ::testing::WithParamInterface<Reduced> {};

TEST_P(LayerMatrix, EscapesStayBlocked) {
  KernelSupport kernel = ProbeKernel(true);
  PretendMissing(GetParam().missing, &kernel);
  ExecOptions options;
  options.kernel = &kernel;
  for (Mode mode : {Mode::kWorkspaceWrite, Mode::kReadOnly}) {
    Profile p = mode == Mode::kReadOnly ? ReadOnly() : Workspace();
    p.best_effort = GetParam().best_effort;
    for (const Attempt& a : kFilesystemEscapes) {
      RunResult r =
          testing::RunSandboxed(p, {"/bin/sh", "-c", a.script}, Env(), options);
      ASSERT_EQ(r.exec.outcome, Outcome::kExited) << r.exec.message;
      EXPECT_NE(r.code, 0) << a.name << ": " << r.out << r.err;
      ExpectUntouched(a.name);
    }
    for (const Attempt& a : kSyscallEscapes) {
      if (!GetParam().syscalls_blocked) break;
      RunResult r =
          testing::RunSandboxed(p, {"/bin/sh", "-c", a.script}, Env(), options);
      if (a.expect >= 0) {
        EXPECT_EQ(r.code, a.expect) << a.name << ": " << r.out << r.err;
      } else {
        EXPECT_NE(r.code, 0) << a.name << ": " << r.out << r.err;
      }
    }
    // Control: ordinary work still runs.
    RunResult ok = testing::RunSandboxed(
        p, {"/bin/sh", "-c", "git status --short >/dev/null && cat a.txt"},
        Env(), options);
    EXPECT_EQ(ok.code, 0) << ok.err;
  }
}

INSTANTIATE_TEST_SUITE_P(
    Kernels, LayerMatrix,
    ::testing::Values(Reduced{"landlock", false, true},
                      Reduced{"landlock-abi=2", false, true},
                      Reduced{"landlock-abi=5", false, true},
                      Reduced{"seccomp", true, false}),
    [](const ::testing::TestParamInfo<Reduced>& info) {
      std::string name;
      for (const char* c = info.param.missing; *c != '\0'; ++c) {
        if (std::isalnum(static_cast<unsigned char>(*c))) name += *c;
      }
      return "Without" + name;
    });

// ---- controls: what the sandbox must keep working ----

struct Control {
  const char* name;
  const char* script;
  bool read_only_too;  // also passes in read-only mode
};

const Control kControls[] = {
    {"write_workspace",
     "echo hi > \"$WS/new.txt\" && test \"$(cat \"$WS/new.txt\")\" = hi",
     false},
    {"edit_workspace",
     "echo x >> a.txt && truncate -s 3 a.txt && chmod 600 a.txt && "
     "mv a.txt b.txt && mkdir -p d/e && ln -s ../b.txt d/l && ln b.txt d/h "
     "&& mkfifo d/fifo && rm -r d && mv b.txt a.txt",
     false},
    {"write_tmp",
     "f=$(mktemp /tmp/warden-ctl-XXXXXX) && echo hi > \"$f\" && rm \"$f\"",
     false},
    {"read_anywhere",
     "cat /etc/passwd \"$OUT/target.txt\" \"$WS/.git/HEAD\" >/dev/null && "
     "ls /root /var \"$OUT\" >/dev/null && head -c1 /proc/self/status "
     ">/dev/null",
     true},
    {"dev_null_and_zero",
     "echo x > /dev/null && head -c 4 /dev/zero | wc -c | grep -q 4", true},
    {"pipes", "echo abc | tr b x | grep -q axc", true},
    {"unix_sockets",
     "python3 -c 'import socket; a, b = socket.socketpair(); a.send(b\"x\"); "
     "assert b.recv(1) == b\"x\"; s = "
     "socket.socket(socket.AF_UNIX); s.bind(\"\\0warden-test\")'",
     true},
    {"git_status", "git status --short >/dev/null && git log --oneline -1",
     true},
    {"compile_and_run_c",
     "printf '#include <stdio.h>\\nint main(void){puts(\"hi\");return 0;}\\n' "
     "> hello.c && cc -o hello hello.c && ./hello | grep -q hi",
     false},
    {"no_new_privs_and_seccomp",
     "grep -q 'NoNewPrivs:.1' /proc/self/status && grep -q 'Seccomp:.2' "
     "/proc/self/status",
     true},
    {"pseudo_terminal",
     "python3 -c 'import os; m, s = os.openpty(); os.write(m, b\"x\\n\"); "
     "assert os.read(s, 2) == b\"x\\n\"'",
     true},
    {"subprocesses_and_threads",
     "python3 -c 'import threading, subprocess; t = "
     "threading.Thread(target=lambda: None); t.start(); t.join(); "
     "subprocess.run([\"true\"], check=True)'",
     true},
};

class SandboxControl : public BoundaryTest,
                       public ::testing::WithParamInterface<InMode<Control>> {};

// Every control works in workspace-write; in read-only mode those that
// write must fail instead.
TEST_P(SandboxControl, Runs) {
  const Control& c = GetParam().item;
  bool read_only = GetParam().mode == Mode::kReadOnly;
  RunResult r = Sh(read_only ? ReadOnly() : Workspace(), c.script);
  if (!read_only || c.read_only_too) {
    EXPECT_EQ(r.code, 0) << c.script << "\n"
                         << r.out << r.err << r.exec.message;
  } else {
    EXPECT_NE(r.code, 0) << c.script;
  }
  ExpectUntouched(c.name);
}

INSTANTIATE_TEST_SUITE_P(WorkspaceWrite, SandboxControl,
                         ::testing::ValuesIn(InEachMode(Mode::kWorkspaceWrite,
                                                        kControls)),
                         CamelName<Control>);
INSTANTIATE_TEST_SUITE_P(ReadOnly, SandboxControl,
                         ::testing::ValuesIn(InEachMode(Mode::kReadOnly,
                                                        kControls)),
                         CamelName<Control>);

TEST_F(BoundaryTest, WorkspaceWritesLandOnDisk) {
  RunResult r = Sh(Workspace(), "echo hi > new.txt && mkdir -p d && touch d/f");
  ASSERT_EQ(r.code, 0) << r.err;
  EXPECT_EQ(ReadFile(ws_ + "/new.txt"), "hi\n");
  EXPECT_TRUE(Exists(ws_ + "/d/f"));
}

TEST_F(BoundaryTest, ExtraWritableRootIsWritable) {
  Profile p = Workspace();
  p.writable_roots = {out_ + "/sub"};
  RunResult r = Sh(p, "echo y > \"$OUT/sub/f\" && touch \"$OUT/sub/new\"");
  EXPECT_EQ(r.code, 0) << r.err;
  EXPECT_EQ(ReadFile(out_ + "/sub/f"), "y\n");
  // The rest of $OUT stays read-only.
  RunResult blocked = Sh(p, "echo y > \"$OUT/target.txt\"");
  EXPECT_NE(blocked.code, 0);
  EXPECT_EQ(ReadFile(out_ + "/target.txt"), "original\n");
}

TEST_F(BoundaryTest, AllowNetworkPermitsSockets) {
  Profile p = Workspace();
  p.allow_network = true;
  for (const char* script : {"$ESCAPE socket 2,1,0", "$ESCAPE socket 10,2,0"}) {
    RunResult r = Sh(p, script);
    EXPECT_EQ(r.code, 0) << script << r.err;
  }
  // The rest of the boundary holds.
  EXPECT_EQ(Sh(p, "$ESCAPE io_uring").code, kEperm);
  EXPECT_NE(Sh(p, "echo pwned > \"$OUT/target.txt\"").code, 0);
  ExpectUntouched("allow-network");
}

TEST_F(BoundaryTest, DangerFullAccessIsUnsandboxed) {
  Profile p = Workspace();
  p.mode = Mode::kDangerFullAccess;
  RunResult r = Sh(p,
                   "touch \"$OUT/danger\" && $ESCAPE socket 2,1,0 && "
                   "grep -q 'Seccomp:.0' /proc/self/status");
  EXPECT_EQ(r.code, 0) << r.err;
  EXPECT_TRUE(Exists(out_ + "/danger"));
}

}  // namespace
}  // namespace warden::sandbox
