#include "tests/sandbox/containment_testutil.h"

#include <dirent.h>
#include <fcntl.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/mman.h>
#include <sys/socket.h>
#include <sys/stat.h>
#include <sys/un.h>
#include <sys/wait.h>
#include <time.h>
#include <unistd.h>

#include <atomic>
#include <fstream>
#include <map>
#include <set>
#include <sstream>

extern char** environ;

namespace warden::sandbox::containment {
namespace {

double Now() {
  struct timespec ts;
  clock_gettime(CLOCK_MONOTONIC, &ts);
  return ts.tv_sec + ts.tv_nsec / 1e9;
}

std::string Slurp(const std::string& path) {
  std::ifstream in(path, std::ios::binary);
  std::stringstream ss;
  ss << in.rdbuf();
  return ss.str();
}

std::string NameOf(const std::string& entry) {
  return entry.substr(0, entry.find('='));
}

std::vector<pid_t> AllPids() {
  std::vector<pid_t> pids;
  DIR* d = opendir("/proc");
  if (d == nullptr) return pids;
  while (struct dirent* e = readdir(d)) {
    char* end = nullptr;
    long pid = strtol(e->d_name, &end, 10);
    if (end != e->d_name && *end == '\0') pids.push_back(pid);
  }
  closedir(d);
  return pids;
}

pid_t ParentOf(pid_t pid) {
  std::string stat = Slurp("/proc/" + std::to_string(pid) + "/stat");
  size_t paren = stat.rfind(')');
  if (paren == std::string::npos) return -1;
  std::istringstream rest(stat.substr(paren + 2));
  char state;
  pid_t ppid = -1;
  rest >> state >> ppid;
  return ppid;
}

}  // namespace

std::string WardenBinary() { return WARDEN_BINARY; }

pid_t StartWarden(const std::vector<std::string>& args,
                  const WardenOptions& options, int out_fd, int err_fd) {
  std::vector<std::string> all_args = {WardenBinary()};
  all_args.insert(all_args.end(), args.begin(), args.end());
  std::set<std::string> drop(options.env_unset.begin(),
                             options.env_unset.end());
  for (const auto& e : options.env_set) drop.insert(NameOf(e));
  std::vector<std::string> all_env;
  for (char** e = environ; *e != nullptr; ++e) {
    if (drop.count(NameOf(*e)) == 0) all_env.push_back(*e);
  }
  all_env.insert(all_env.end(), options.env_set.begin(), options.env_set.end());
  std::vector<char*> argv, envp;
  for (auto& a : all_args) argv.push_back(a.data());
  argv.push_back(nullptr);
  for (auto& e : all_env) envp.push_back(e.data());
  envp.push_back(nullptr);
  int devnull = open("/dev/null", O_RDONLY | O_CLOEXEC);
  pid_t pid = fork();
  if (pid == 0) {
    // Inherited descriptors first (their sources may be 0-2 numbers).
    for (const auto& [from, to] : options.inherit_fds) {
      if (from == to) {
        fcntl(to, F_SETFD, 0);
      } else {
        dup2(from, to);
      }
    }
    dup2(options.stdin_fd >= 0 ? options.stdin_fd : devnull, 0);
    dup2(out_fd, 1);
    dup2(err_fd, 2);
    execve(argv[0], argv.data(), envp.data());
    _exit(99);
  }
  close(devnull);
  return pid;
}

bool WaitChild(pid_t pid, double seconds, int* status) {
  double deadline = Now() + seconds;
  for (;;) {
    pid_t r = waitpid(pid, status, WNOHANG);
    if (r == pid) return true;
    if (r < 0) return false;
    if (Now() > deadline) return false;
    usleep(5000);
  }
}

int ExitCode(int status) {
  if (WIFEXITED(status)) return WEXITSTATUS(status);
  if (WIFSIGNALED(status)) return 128 + WTERMSIG(status);
  return -1;
}

std::string DrainFd(int fd) {
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

WardenRun RunWarden(const std::vector<std::string>& args,
                    const WardenOptions& options) {
  int out = memfd_create("warden-attack-out", MFD_CLOEXEC);
  int err = memfd_create("warden-attack-err", MFD_CLOEXEC);
  double start = Now();
  pid_t pid = StartWarden(args, options, out, err);
  WardenRun run;
  int status = 0;
  if (!WaitChild(pid, options.limit_seconds, &status)) {
    run.hung = true;
    kill(pid, SIGKILL);
    waitpid(pid, &status, 0);
  }
  run.seconds = Now() - start;
  run.code = ExitCode(status);
  run.out = DrainFd(out);
  run.err = DrainFd(err);
  return run;
}

std::string Token(const std::string& prefix) {
  static std::atomic<int> counter{0};
  struct timespec ts;
  clock_gettime(CLOCK_REALTIME, &ts);
  return prefix + std::to_string(getpid()) + "x" + std::to_string(counter++) +
         "x" + std::to_string(ts.tv_nsec % 100000);
}

std::vector<pid_t> ProcessesWithMarker(const std::string& marker) {
  std::vector<pid_t> found;
  for (pid_t pid : AllPids()) {
    if (pid == getpid()) continue;
    std::string base = "/proc/" + std::to_string(pid);
    char state = ProcessState(pid);
    if (state == 0 || state == 'Z' || state == 'X') continue;
    if (Slurp(base + "/cmdline").find(marker) != std::string::npos ||
        Slurp(base + "/environ").find(marker) != std::string::npos) {
      found.push_back(pid);
    }
  }
  return found;
}

std::vector<pid_t> Descendants(pid_t root) {
  std::map<pid_t, pid_t> parent;
  for (pid_t pid : AllPids()) parent[pid] = ParentOf(pid);
  std::vector<pid_t> found;
  for (const auto& [pid, ppid] : parent) {
    pid_t p = ppid;
    for (int depth = 0; p > 1 && depth < 64; ++depth) {
      if (p == root) {
        found.push_back(pid);
        break;
      }
      auto it = parent.find(p);
      if (it == parent.end()) break;
      p = it->second;
    }
  }
  return found;
}

std::string DescribeProcesses(const std::vector<pid_t>& pids) {
  std::string text;
  for (pid_t pid : pids) {
    std::string base = "/proc/" + std::to_string(pid);
    std::string cmd = Slurp(base + "/cmdline");
    for (char& c : cmd) {
      if (c == '\0') c = ' ';
    }
    std::string comm = Slurp(base + "/comm");
    if (!comm.empty() && comm.back() == '\n') comm.pop_back();
    text += "  pid " + std::to_string(pid) + " (" + comm + ") state " +
            std::string(1, ProcessState(pid)) + ": " + cmd + "\n";
  }
  return text;
}

void KillProcesses(const std::vector<pid_t>& pids) {
  for (pid_t pid : pids) kill(pid, SIGKILL);
}

char ProcessState(pid_t pid) {
  std::string stat = Slurp("/proc/" + std::to_string(pid) + "/stat");
  size_t paren = stat.rfind(')');
  if (paren == std::string::npos || paren + 2 >= stat.size()) return 0;
  return stat[paren + 2];
}

bool WaitForPath(const std::string& path, double seconds) {
  double deadline = Now() + seconds;
  struct stat st;
  while (lstat(path.c_str(), &st) != 0) {
    if (Now() > deadline) return false;
    usleep(5000);
  }
  return true;
}

void SleepSeconds(double seconds) {
  usleep(static_cast<useconds_t>(seconds * 1e6));
}

const std::string& Python() {
  static const std::string* path = [] {
    std::string result = "python3";
    FILE* p = popen(
        "python3 -c 'import os,sys; print(os.path.realpath(sys.executable))' "
        "2>/dev/null",
        "r");
    if (p != nullptr) {
      char buf[4096];
      std::string text;
      size_t n;
      while ((n = fread(buf, 1, sizeof buf, p)) > 0) text.append(buf, n);
      pclose(p);
      while (!text.empty() && (text.back() == '\n' || text.back() == ' ')) {
        text.pop_back();
      }
      if (!text.empty()) result = text;
    }
    return new std::string(result);
  }();
  return *path;
}

std::vector<UnixListener> HostListeningUnixSockets() {
  std::vector<UnixListener> result;
  std::istringstream in(Slurp("/proc/net/unix"));
  std::string line;
  std::getline(in, line);  // header
  std::set<std::string> seen;
  while (std::getline(in, line)) {
    std::istringstream fields(line);
    std::string num, refcount, protocol, flags, type, st, inode, path;
    fields >> num >> refcount >> protocol >> flags >> type >> st >> inode;
    std::getline(fields, path);
    size_t first = path.find_first_not_of(' ');
    if (first == std::string::npos) continue;
    path = path.substr(first);
    unsigned long flag_bits = strtoul(flags.c_str(), nullptr, 16);
    if ((flag_bits & 0x10000) == 0) continue;  // __SO_ACCEPTCON: listening
    if (!seen.insert(path).second) continue;
    UnixListener l;
    l.address = path;
    l.type = static_cast<int>(strtol(type.c_str(), nullptr, 16));
    result.push_back(l);
  }
  return result;
}

namespace {
socklen_t FillAddress(const std::string& address, struct sockaddr_un* sun) {
  memset(sun, 0, sizeof *sun);
  sun->sun_family = AF_UNIX;
  if (!address.empty() && address[0] == '@') {
    std::string name = address.substr(1);
    memcpy(sun->sun_path + 1, name.data(),
           std::min(name.size(), sizeof sun->sun_path - 1));
    return offsetof(struct sockaddr_un, sun_path) + 1 + name.size();
  }
  strncpy(sun->sun_path, address.c_str(), sizeof sun->sun_path - 1);
  return sizeof *sun;
}
}  // namespace

int ListenUnix(const std::string& address) {
  int fd = socket(AF_UNIX, SOCK_STREAM | SOCK_CLOEXEC, 0);
  if (fd < 0) return -1;
  struct sockaddr_un sun;
  socklen_t len = FillAddress(address, &sun);
  if (bind(fd, reinterpret_cast<struct sockaddr*>(&sun), len) != 0 ||
      listen(fd, 64) != 0) {
    close(fd);
    return -1;
  }
  return fd;
}

bool ConnectUnix(const std::string& address, int type) {
  int fd = socket(AF_UNIX, type | SOCK_CLOEXEC | SOCK_NONBLOCK, 0);
  if (fd < 0) return false;
  struct sockaddr_un sun;
  socklen_t len = FillAddress(address, &sun);
  int rc = connect(fd, reinterpret_cast<struct sockaddr*>(&sun), len);
  bool ok = rc == 0 || errno == EINPROGRESS || errno == EAGAIN;
  close(fd);
  return ok;
}

}  // namespace warden::sandbox::containment
