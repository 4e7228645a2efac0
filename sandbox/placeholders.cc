#include "sandbox/placeholders.h"

#include <errno.h>
#include <fcntl.h>
#include <string.h>
#include <sys/file.h>
#include <unistd.h>

#include "absl/strings/str_cat.h"
#include "base/path.h"

namespace warden::sandbox {
namespace {

bool SameFile(const struct stat& a, const struct stat& b) {
  return a.st_dev == b.st_dev && a.st_ino == b.st_ino;
}

// Flags for opening a placeholder to lock it: never follow a symlink, never
// block on a FIFO swapped in after the lstat (fstat checks what was opened).
constexpr int kOpenFlags = O_RDONLY | O_NOFOLLOW | O_NONBLOCK | O_CLOEXEC;

// See placeholders.h for why `.git` needs a directory.
bool WantsDirectory(const std::string& path) {
  return base::Basename(path) == ".git";
}

// Creates the placeholder at `path` with its final mode and opens it; -1
// with errno set when `path` cannot be created.
int Create(const std::string& path, bool directory) {
  if (!directory) {
    return open(path.c_str(), kOpenFlags | O_CREAT | O_EXCL, kPlaceholderMode);
  }
  if (mkdir(path.c_str(), kPlaceholderDirMode) != 0) return -1;
  int fd = open(path.c_str(), kOpenFlags | O_DIRECTORY);
  if (fd < 0) errno = EAGAIN;  // removed or replaced meanwhile: retry
  return fd;
}

}  // namespace

bool IsPlaceholder(const struct stat& st) {
  mode_t mode = st.st_mode & 07777;
  if (S_ISREG(st.st_mode)) return mode == kPlaceholderMode && st.st_size == 0;
  return S_ISDIR(st.st_mode) && (mode == kPlaceholderDirMode || mode == 0);
}

absl::Status Placeholders::Acquire(const std::vector<std::string>& missing) {
  for (const auto& path : missing) {
    bool done = false;
    for (int attempt = 0; attempt < 16 && !done; ++attempt) {
      // Created with its final mode in one step, so a concurrent run never
      // sees a half-made placeholder it would take for the user's file.
      bool directory = WantsDirectory(path);
      int fd = Create(path, directory);
      if (fd >= 0) {
        struct stat st;
        if (fstat(fd, &st) != 0 || !IsPlaceholder(st)) {
          // A umask that strips the owner's read bit: fix the mode. The
          // window in which another run could misjudge it needs that umask.
          int err = 0;
          if (fchmod(fd, directory ? kPlaceholderDirMode : kPlaceholderMode) !=
                  0 ||
              fstat(fd, &st) != 0) {
            err = errno;
          }
          if (err != 0 || !IsPlaceholder(st)) {
            unlinkat(AT_FDCWD, path.c_str(), directory ? AT_REMOVEDIR : 0);
            close(fd);
            return absl::InternalError(absl::StrCat(
                "cannot create placeholder ", path, ": ",
                err != 0 ? strerror(err) : "its mode does not stick"));
          }
        }
      } else if (errno == EAGAIN) {
        continue;
      } else {
        if (errno == EACCES || errno == EROFS || errno == EPERM) {
          done = true;  // the command cannot create it either
          break;
        }
        if (errno != EEXIST) {
          return absl::InternalError(absl::StrCat("cannot create placeholder ",
                                                  path, ": ", strerror(errno)));
        }
        struct stat st;
        if (lstat(path.c_str(), &st) != 0) continue;  // removed meanwhile
        if (!IsPlaceholder(st)) {
          appeared_.push_back(path);
          done = true;
          break;
        }
        fd = open(path.c_str(), kOpenFlags);
        if (fd < 0) {
          if (errno == EACCES) {
            // An old-style mode-0000 directory this user cannot open, so
            // cannot lock: protect it like an existing entry and leave it.
            appeared_.push_back(path);
            done = true;
          }
          continue;
        }
      }
      // Blocks while a last user is removing it. Whether this run made it
      // or joined it, another run may have removed it before the lock was
      // taken; then the checks fail and the loop starts over.
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
    // Converting the shared lock drops it before trying for the exclusive
    // one, so of several runs finishing at once exactly the last to try
    // succeeds; a run that fails leaves removal to the holder it saw.
    const char* path = paths_[i].c_str();
    struct stat locked, now;
    if (flock(fds_[i], LOCK_EX | LOCK_NB) == 0 &&
        fstat(fds_[i], &locked) == 0 && lstat(path, &now) == 0 &&
        SameFile(locked, now) && IsPlaceholder(now)) {
      unlinkat(AT_FDCWD, path, S_ISDIR(now.st_mode) ? AT_REMOVEDIR : 0);
    }
    close(fds_[i]);
  }
  paths_.clear();
  fds_.clear();
}

}  // namespace warden::sandbox
