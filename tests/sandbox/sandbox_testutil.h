// Helpers for the sandbox tests: temporary trees, snapshots that prove a
// target is untouched, and running commands through the executor with their
// output captured.
#ifndef WARDEN_TESTS_SANDBOX_SANDBOX_TESTUTIL_H_
#define WARDEN_TESTS_SANDBOX_SANDBOX_TESTUTIL_H_

#include <map>
#include <string>
#include <vector>

#include "sandbox/executor.h"
#include "sandbox/profile.h"

namespace warden::sandbox::testing {

// mkdtemp(prefix + "XXXXXX"); empty on failure.
std::string MakeTempDir(const std::string& prefix);
void RemoveTree(const std::string& path);
bool WriteFile(const std::string& path, const std::string& text);
std::string ReadFile(const std::string& path);
bool Exists(const std::string& path);  // lstat succeeds

// Everything observable about a tree: per entry its type, mode, link count,
// size, mtime, content (files) or target (symlinks). Equal snapshots mean the
// tree was not touched.
std::map<std::string, std::string> Snapshot(const std::string& root);

struct RunResult {
  ExecResult exec;
  int code = -1;
  std::string out;
  std::string err;
};

// Runs argv inside `profile` via Execute(), with `env` ("K=V") added to this
// process's environment and stdout/stderr captured.
RunResult RunSandboxed(const Profile& profile,
                       const std::vector<std::string>& argv,
                       const std::vector<std::string>& env = {},
                       const ExecOptions& base = {});
RunResult RunShell(const Profile& profile, const std::string& script,
                   const std::vector<std::string>& env = {});

// Runs `command` with /bin/sh outside any sandbox; returns its exit status
// and fills `out` with stdout+stderr.
int RunHost(const std::string& command, std::string* out = nullptr);

}  // namespace warden::sandbox::testing

#endif  // WARDEN_TESTS_SANDBOX_SANDBOX_TESTUTIL_H_
