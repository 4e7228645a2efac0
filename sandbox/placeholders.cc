#include "sandbox/placeholders.h"

#include <errno.h>
#include <fcntl.h>
#include <string.h>
#include <sys/file.h>
#include <sys/stat.h>
#include <unistd.h>

#include "absl/strings/str_cat.h"

namespace warden::sandbox {
namespace {

bool IsPlaceholder(const struct stat& st) {
  return S_ISDIR(st.st_mode) && (st.st_mode & 07777) == 0;
}

bool SameFile(const struct stat& a, const struct stat& b) {
  return a.st_dev == b.st_dev && a.st_ino == b.st_ino;
}

}  // namespace

absl::Status Placeholders::Acquire(const std::vector<std::string>& missing) {
  for (const auto& path : missing) {
    bool done = false;
    for (int attempt = 0; attempt < 16 && !done; ++attempt) {
      if (mkdir(path.c_str(), 0) != 0) {
        if (errno == EACCES || errno == EROFS || errno == EPERM) {
          done = true;  // the command cannot create it either
          break;
        }
        if (errno != EEXIST) {
          return absl::InternalError(absl::StrCat("cannot create placeholder ",
                                                  path, ": ", strerror(errno)));
        }
      }
      struct stat st;
      if (lstat(path.c_str(), &st) != 0) continue;  // removed meanwhile
      if (!IsPlaceholder(st)) {
        appeared_.push_back(path);
        done = true;
        break;
      }
      int fd =
          open(path.c_str(), O_RDONLY | O_DIRECTORY | O_NOFOLLOW | O_CLOEXEC);
      if (fd < 0) continue;
      // Blocks while a last user is removing it; then the checks below fail
      // and the loop makes a fresh one.
      struct stat locked, now;
      if (flock(fd, LOCK_SH) != 0 || fstat(fd, &locked) != 0 ||
          lstat(path.c_str(), &now) != 0 || !SameFile(locked, now) ||
          !IsPlaceholder(now)) {
        close(fd);
        continue;
      }
      paths_.push_back(path);
      fds_.push_back(fd);
      done = true;
    }
    if (!done) {
      return absl::InternalError(
          absl::StrCat("cannot create placeholder ", path,
                       ": it keeps changing under warden"));
    }
  }
  return absl::OkStatus();
}

void Placeholders::Release() {
  for (size_t i = 0; i < paths_.size(); ++i) {
    close(fds_[i]);  // drop the shared lock first: no upgrade races
    const char* path = paths_[i].c_str();
    int fd = open(path, O_RDONLY | O_DIRECTORY | O_NOFOLLOW | O_CLOEXEC);
    if (fd < 0) continue;
    struct stat locked, now;
    if (flock(fd, LOCK_EX | LOCK_NB) == 0 && fstat(fd, &locked) == 0 &&
        lstat(path, &now) == 0 && SameFile(locked, now) && IsPlaceholder(now)) {
      rmdir(path);
    }
    close(fd);
  }
  paths_.clear();
  fds_.clear();
}

}  // namespace warden::sandbox
