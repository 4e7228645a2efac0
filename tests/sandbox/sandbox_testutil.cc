#include "tests/sandbox/sandbox_testutil.h"

#include <ftw.h>
#include <stdio.h>
#include <stdlib.h>
#include <sys/mman.h>
#include <sys/stat.h>
#include <unistd.h>

#include <fstream>
#include <sstream>

extern char** environ;

namespace warden::sandbox::testing {

std::string MakeTempDir(const std::string& prefix) {
  std::string templ = prefix + "XXXXXX";
  if (mkdtemp(templ.data()) == nullptr) return "";
  return templ;
}

void RemoveTree(const std::string& path) {
  if (path.empty()) return;
  nftw(
      path.c_str(),
      [](const char* p, const struct stat*, int type, struct FTW*) {
        if (type == FTW_DP) {
          chmod(p, 0700);
          rmdir(p);
        } else {
          unlink(p);
        }
        return 0;
      },
      16, FTW_DEPTH | FTW_PHYS);
}

bool WriteFile(const std::string& path, const std::string& text) {
  std::ofstream out(path, std::ios::binary | std::ios::trunc);
  out << text;
  return static_cast<bool>(out);
}

std::string ReadFile(const std::string& path) {
  std::ifstream in(path, std::ios::binary);
  std::stringstream ss;
  ss << in.rdbuf();
  return ss.str();
}

bool Exists(const std::string& path) {
  struct stat st;
  return lstat(path.c_str(), &st) == 0;
}

namespace {
std::map<std::string, std::string>* g_snapshot = nullptr;
size_t g_prefix = 0;

int SnapshotEntry(const char* p, const struct stat* st, int, struct FTW*) {
  std::ostringstream line;
  line << std::oct << st->st_mode << std::dec << " nlink=" << st->st_nlink
       << " uid=" << st->st_uid << " size=" << st->st_size
       << " mtime=" << st->st_mtim.tv_sec << "." << st->st_mtim.tv_nsec;
  if (S_ISREG(st->st_mode)) {
    line << " content=" << ReadFile(p);
  } else if (S_ISLNK(st->st_mode)) {
    char buf[4096];
    ssize_t n = readlink(p, buf, sizeof buf);
    line << " target=" << std::string(buf, n > 0 ? n : 0);
  }
  (*g_snapshot)[std::string(p).substr(g_prefix)] = line.str();
  return 0;
}
}  // namespace

std::map<std::string, std::string> Snapshot(const std::string& root) {
  std::map<std::string, std::string> snapshot;
  g_snapshot = &snapshot;
  g_prefix = root.size();
  nftw(root.c_str(), SnapshotEntry, 16, FTW_PHYS);
  g_snapshot = nullptr;
  return snapshot;
}

namespace {
std::string DrainMemfd(int fd) {
  std::string text;
  char buf[4096];
  off_t off = 0;
  for (;;) {
    ssize_t n = pread(fd, buf, sizeof buf, off);
    if (n <= 0) break;
    text.append(buf, n);
    off += n;
  }
  close(fd);
  return text;
}
}  // namespace

RunResult RunSandboxed(const Profile& profile,
                       const std::vector<std::string>& argv,
                       const std::vector<std::string>& env,
                       const ExecOptions& base) {
  std::vector<std::string> all_env;
  for (char** e = environ; *e != nullptr; ++e) all_env.push_back(*e);
  for (const auto& e : env) all_env.push_back(e);
  std::vector<char*> envp;
  for (auto& e : all_env) envp.push_back(e.data());
  envp.push_back(nullptr);

  ExecOptions options = base;
  int out_fd = memfd_create("warden-test-out", MFD_CLOEXEC);
  int err_fd = memfd_create("warden-test-err", MFD_CLOEXEC);
  options.stdout_fd = out_fd;
  options.stderr_fd = err_fd;
  options.envp = envp.data();
  RunResult r;
  r.exec = Execute(profile, argv, options);
  r.code = r.exec.exit_code;
  r.out = DrainMemfd(out_fd);
  r.err = DrainMemfd(err_fd);
  return r;
}

RunResult RunShell(const Profile& profile, const std::string& script,
                   const std::vector<std::string>& env) {
  return RunSandboxed(profile, {"/bin/sh", "-c", script}, env);
}

int RunHost(const std::string& command, std::string* out) {
  FILE* p = popen((command + " 2>&1").c_str(), "r");
  if (p == nullptr) return -1;
  std::string text;
  char buf[4096];
  size_t n;
  while ((n = fread(buf, 1, sizeof buf, p)) > 0) text.append(buf, n);
  int status = pclose(p);
  if (out != nullptr) *out = text;
  return WIFEXITED(status) ? WEXITSTATUS(status) : 128 + WTERMSIG(status);
}

}  // namespace warden::sandbox::testing
