// Helpers for the containment attack suite (containment_test.cc): run the
// real `warden` binary with a bounded wait, exact control over its
// environment and inherited descriptors, and find processes of a run from
// outside (by a marker in their command line or environment, which works
// whether or not the run has a PID namespace of its own).
#ifndef WARDEN_TESTS_SANDBOX_CONTAINMENT_TESTUTIL_H_
#define WARDEN_TESTS_SANDBOX_CONTAINMENT_TESTUTIL_H_

#include <sys/types.h>

#include <string>
#include <utility>
#include <vector>

namespace warden::sandbox::containment {

struct WardenOptions {
  // "NAME=VALUE" set in warden's environment (replacing an inherited one).
  std::vector<std::string> env_set;
  // Names removed from warden's environment.
  std::vector<std::string> env_unset;
  // (descriptor in this process, number in warden) left open across exec,
  // without FD_CLOEXEC, as a careless caller would leave them.
  std::vector<std::pair<int, int>> inherit_fds;
  // warden's stdin; -1 means /dev/null.
  int stdin_fd = -1;
  // Kill warden (SIGKILL) if it has not returned after this long.
  double limit_seconds = 60;
};

struct WardenRun {
  int code = -1;  // exit status, 128+N if killed by N
  std::string out, err;
  bool hung = false;  // had to be killed after limit_seconds
  double seconds = 0;
};

// The warden binary's path (WARDEN_BINARY).
std::string WardenBinary();

// Runs `warden ARGS...`, stdout/stderr captured, bounded by limit_seconds.
WardenRun RunWarden(const std::vector<std::string>& args,
                    const WardenOptions& options = {});

// Starts `warden ARGS...` without waiting; stdout/stderr go to out_fd/err_fd.
pid_t StartWarden(const std::vector<std::string>& args,
                  const WardenOptions& options, int out_fd, int err_fd);

// Waits up to `seconds` for `pid` (a child) to end; true and *status if it
// did.
bool WaitChild(pid_t pid, double seconds, int* status);
int ExitCode(int status);

// Reads a memfd from its start and closes it.
std::string DrainFd(int fd);

// A token unique to this process and call, safe in shell words and paths.
std::string Token(const std::string& prefix = "wat");

// Host pids of live (non-zombie) processes whose command line or environment
// contains `marker` (excluding this process).
std::vector<pid_t> ProcessesWithMarker(const std::string& marker);
// Host pids of every process descending from `pid`.
std::vector<pid_t> Descendants(pid_t pid);
// "pid comm state cmdline" for each, for failure messages.
std::string DescribeProcesses(const std::vector<pid_t>& pids);
void KillProcesses(const std::vector<pid_t>& pids);
// Field 3 of /proc/PID/stat ('S', 'T', 'Z', ...), or 0 if gone.
char ProcessState(pid_t pid);

// Polls until `path` exists (lstat) or `seconds` pass.
bool WaitForPath(const std::string& path, double seconds);
void SleepSeconds(double seconds);

// The real path of python3 (resolved once outside the sandbox), so runs with
// a reduced PATH still find it.
const std::string& Python();

struct UnixListener {
  std::string address;  // path, or "@name" for an abstract socket
  int type = 1;         // SOCK_STREAM or SOCK_SEQPACKET
};
// Every listening Unix socket of this network namespace (/proc/net/unix).
std::vector<UnixListener> HostListeningUnixSockets();
// Binds and listens on `address` ("@name" = abstract); fd or -1.
int ListenUnix(const std::string& address);
// Connects from this process (outside any sandbox); true if it connected.
bool ConnectUnix(const std::string& address, int type = 1);

}  // namespace warden::sandbox::containment

#endif  // WARDEN_TESTS_SANDBOX_CONTAINMENT_TESTUTIL_H_
