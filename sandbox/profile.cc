#include "sandbox/profile.h"

#include <errno.h>
#include <limits.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include <algorithm>
#include <fstream>

#include "absl/status/status.h"
#include "absl/strings/match.h"
#include "absl/strings/str_cat.h"
#include "absl/strings/strip.h"
#include "sandbox/placeholders.h"

namespace warden::sandbox {
namespace {

// realpath(3) as a value; empty on failure with errno set.
std::string RealPath(const std::string& path) {
  char buf[PATH_MAX];
  if (realpath(path.c_str(), buf) == nullptr) return "";
  return buf;
}

std::string JoinPath(std::string_view dir, std::string_view name) {
  if (name.starts_with("/")) return std::string(name);
  std::string out(dir);
  if (dir != "/") out += "/";
  out += name;
  return out;
}

std::string Dirname(const std::string& path) {
  size_t slash = path.rfind('/');
  if (slash == std::string::npos || slash == 0) return "/";
  return path.substr(0, slash);
}

// First line of a small file, without the newline; empty when unreadable.
std::string FirstLine(const std::string& path) {
  std::ifstream in(path);
  std::string line;
  if (!in || !std::getline(in, line)) return "";
  return std::string(absl::StripTrailingAsciiWhitespace(line));
}

bool UnderAnyRoot(const std::string& path,
                  const std::vector<WritableRoot>& roots) {
  for (const auto& root : roots) {
    if (IsBeneath(path, root.path)) return true;
  }
  return false;
}

void AddUnique(std::vector<std::string>& list, std::string path) {
  if (std::find(list.begin(), list.end(), path) == list.end()) {
    list.push_back(std::move(path));
  }
}

// A `.git` file marks a worktree or submodule: "gitdir: PATH". Its git
// directory (and the common directory that one points to) are protected too
// when they lie inside a writable root.
void AddGitDirOfWorktree(const std::string& git_file, ResolvedProfile& out) {
  std::string line = FirstLine(git_file);
  absl::string_view rest = line;
  if (!absl::ConsumePrefix(&rest, "gitdir:")) return;
  rest = absl::StripLeadingAsciiWhitespace(rest);
  std::string gitdir = RealPath(JoinPath(Dirname(git_file), std::string(rest)));
  if (gitdir.empty()) return;
  if (UnderAnyRoot(gitdir, out.writable_roots)) {
    AddUnique(out.read_only_paths, gitdir);
  }
  std::string common = FirstLine(gitdir + "/commondir");
  if (common.empty()) return;
  std::string common_dir = RealPath(JoinPath(gitdir, common));
  if (!common_dir.empty() && UnderAnyRoot(common_dir, out.writable_roots)) {
    AddUnique(out.read_only_paths, common_dir);
  }
}

// The gitfiles of a repository's checked-out submodules (`path = X` in its
// .gitmodules): rewritten, one would point the user's next `git status` in
// X at a git directory (hooks, config) the command planted. Their git
// directories live in the protected .git already.
void AddSubmoduleGitFiles(const std::string& dir, ResolvedProfile& out) {
  std::ifstream in(JoinPath(dir, ".gitmodules"));
  std::string line;
  while (std::getline(in, line)) {
    absl::string_view rest = absl::StripAsciiWhitespace(line);
    if (!absl::ConsumePrefix(&rest, "path")) continue;
    rest = absl::StripLeadingAsciiWhitespace(rest);
    if (!absl::ConsumePrefix(&rest, "=")) continue;
    std::string sub(absl::StripAsciiWhitespace(rest));
    if (sub.empty() || sub[0] == '/' || absl::StrContains(sub, "..")) continue;
    std::string git = JoinPath(dir, sub + "/.git");
    struct stat st;
    if (lstat(git.c_str(), &st) != 0) continue;  // not checked out
    if (S_ISLNK(st.st_mode)) {
      AddUnique(out.read_only_links, git);
      continue;
    }
    std::string real = RealPath(git);
    if (real.empty() || !UnderAnyRoot(real, out.writable_roots)) continue;
    AddUnique(out.read_only_paths, real);
    if (S_ISREG(st.st_mode)) AddGitDirOfWorktree(real, out);
  }
}

}  // namespace

std::string_view ModeName(Mode mode) {
  switch (mode) {
    case Mode::kReadOnly:
      return "read-only";
    case Mode::kWorkspaceWrite:
      return "workspace-write";
    case Mode::kDangerFullAccess:
      return "danger-full-access";
  }
  return "unknown";
}

absl::StatusOr<Mode> ParseMode(std::string_view name) {
  for (Mode mode :
       {Mode::kReadOnly, Mode::kWorkspaceWrite, Mode::kDangerFullAccess}) {
    if (name == ModeName(mode)) return mode;
  }
  return absl::InvalidArgumentError(absl::StrCat(
      "unknown sandbox mode \"", std::string(name),
      "\" (expected read-only, workspace-write or danger-full-access)"));
}

std::vector<std::string> DefaultProtectedNames() {
  // Repositories and agent configuration, and the files other tools execute
  // from when they start in a directory (SPEC-sandbox "Protected paths").
  return {".git",    ".codex",    ".agents", ".warden", ".claude",
          ".gemini", ".mcp.json", ".vscode", ".envrc"};
}

bool IsBeneath(std::string_view path, std::string_view root) {
  if (root == "/") return path.starts_with("/");
  if (!path.starts_with(root)) return false;
  return path.size() == root.size() || path[root.size()] == '/';
}

absl::StatusOr<ResolvedProfile> ResolveProfile(const Profile& profile) {
  ResolvedProfile out;
  out.mode = profile.mode;
  out.allow_network =
      profile.allow_network || profile.mode == Mode::kDangerFullAccess;
  out.timeout = profile.timeout;
  out.best_effort = profile.best_effort;
  out.require_landlock = profile.require_landlock;

  std::string cwd = profile.cwd;
  if (cwd.empty()) {
    char buf[PATH_MAX];
    if (getcwd(buf, sizeof buf) == nullptr) {
      return absl::FailedPreconditionError(
          absl::StrCat("cannot get the working directory: ", strerror(errno)));
    }
    cwd = buf;
  }
  out.cwd = RealPath(cwd);
  if (out.cwd.empty()) {
    return absl::FailedPreconditionError(
        absl::StrCat("working directory ", cwd, ": ", strerror(errno)));
  }
  struct stat st;
  if (stat(out.cwd.c_str(), &st) != 0 || !S_ISDIR(st.st_mode)) {
    return absl::FailedPreconditionError(
        absl::StrCat("working directory ", cwd, ": Not a directory"));
  }
  if (profile.mode != Mode::kWorkspaceWrite) return out;

  auto add_root = [&](const std::string& given, bool workspace) {
    std::string path = RealPath(JoinPath(out.cwd, given));
    if (path.empty() || stat(path.c_str(), &st) != 0 || !S_ISDIR(st.st_mode)) {
      out.warnings.push_back(
          absl::StrCat("writable root ", given,
                       " does not exist or is not a directory; skipped"));
      return;
    }
    for (auto& root : out.writable_roots) {
      if (root.path == path) {
        root.workspace = root.workspace || workspace;
        return;
      }
    }
    out.writable_roots.push_back({path, workspace});
  };
  add_root(out.cwd, true);
  for (const auto& root : profile.writable_roots) add_root(root, true);
  if (profile.writable_tmp) add_root("/tmp", false);

  // Directories whose protected names are guarded: every workspace root, and
  // every ancestor of the working directory inside one (`git init ..` must
  // not plant a repository the user's next `git status` trusts). The /tmp
  // root is not: inside a run it is the private one, which no host tool
  // starts in, and its host counterpart is not reachable from the run.
  struct Guarded {
    std::string dir;
    bool workspace;
  };
  std::vector<Guarded> guarded;
  for (const auto& root : out.writable_roots) {
    if (root.workspace) guarded.push_back({root.path, true});
  }
  for (std::string dir = Dirname(out.cwd); dir != "/"; dir = Dirname(dir)) {
    for (const auto& root : out.writable_roots) {
      if (root.workspace && root.path != dir && IsBeneath(dir, root.path)) {
        guarded.push_back({dir, true});
        break;
      }
    }
  }

  for (const auto& g : guarded) {
    for (const auto& name : profile.protected_names) {
      std::string path = JoinPath(g.dir, name);
      if (lstat(path.c_str(), &st) == 0 && IsPlaceholder(st) && g.workspace) {
        // Another warden run's placeholder (see placeholders.h): join it
        // rather than treat it as the user's.
        AddUnique(out.blocked_paths, path);
      } else if (lstat(path.c_str(), &st) == 0) {
        if (S_ISLNK(st.st_mode)) {
          // The link itself is pinned, and its target protected: a bind
          // follows the link, and the target is what git or an agent reads.
          AddUnique(out.read_only_links, path);
          std::string real = RealPath(path);
          if (real.empty()) {
            // Dangling: the command must not create what it points to.
            char target[PATH_MAX];
            ssize_t n = readlink(path.c_str(), target, sizeof target - 1);
            if (n > 0 && g.workspace) {
              std::string dest = JoinPath(g.dir, std::string(target, n));
              std::string parent = RealPath(Dirname(dest));
              size_t slash = dest.rfind('/');
              if (!parent.empty() && UnderAnyRoot(parent, out.writable_roots)) {
                AddUnique(out.blocked_paths,
                          JoinPath(parent, dest.substr(slash + 1)));
              }
            }
            continue;
          }
          if (UnderAnyRoot(real, out.writable_roots)) {
            AddUnique(out.read_only_paths, real);
          }
          continue;
        }
        AddUnique(out.read_only_paths, path);
        if (name == ".git" && S_ISREG(st.st_mode)) {
          AddGitDirOfWorktree(path, out);
        }
      } else if (errno == ENOENT && g.workspace) {
        AddUnique(out.blocked_paths, path);
      }
    }
    AddSubmoduleGitFiles(g.dir, out);
  }
  return out;
}

}  // namespace warden::sandbox
