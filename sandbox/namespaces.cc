#include "sandbox/namespaces.h"

#include <errno.h>
#include <fcntl.h>
#include <limits.h>
#include <linux/mount.h>
#include <sched.h>
#include <string.h>
#include <sys/ioctl.h>
#include <sys/mount.h>
#include <sys/stat.h>
#include <sys/statvfs.h>
#include <sys/syscall.h>
#include <unistd.h>

#include <algorithm>

#include "absl/strings/str_cat.h"

namespace warden::sandbox {
namespace {

bool WriteFile(const char* path, const std::string& text, ChildFailure* f) {
  int fd = open(path, O_WRONLY | O_CLOEXEC);
  if (fd < 0) return Fail(f, "open", errno, path);
  ssize_t n = write(fd, text.data(), text.size());
  int err = errno;
  close(fd);
  if (n != static_cast<ssize_t>(text.size())) {
    return Fail(f, "write", n < 0 ? err : EIO, path);
  }
  return true;
}

// Makes the bind mount at `path` read-only, keeping the flags a mount in a
// less privileged namespace may not clear (nosuid, nodev, noexec, atime).
bool RemountReadOnly(const char* path, ChildFailure* f) {
  struct mount_attr attr;
  memset(&attr, 0, sizeof attr);
  attr.attr_set = MOUNT_ATTR_RDONLY;
  if (syscall(SYS_mount_setattr, AT_FDCWD, path, AT_RECURSIVE, &attr,
              sizeof attr) == 0) {
    return true;
  }
  if (errno != ENOSYS)
    return Fail(f, "mount_setattr(MOUNT_ATTR_RDONLY)", errno, path);
  struct statvfs sv;
  if (statvfs(path, &sv) != 0) return Fail(f, "statvfs", errno, path);
  unsigned long flags = MS_REMOUNT | MS_BIND | MS_RDONLY;
  if (sv.f_flag & ST_NOSUID) flags |= MS_NOSUID;
  if (sv.f_flag & ST_NODEV) flags |= MS_NODEV;
  if (sv.f_flag & ST_NOEXEC) flags |= MS_NOEXEC;
  if (sv.f_flag & ST_NOATIME) flags |= MS_NOATIME;
  if (sv.f_flag & ST_NODIRATIME) flags |= MS_NODIRATIME;
  if (sv.f_flag & ST_RELATIME) flags |= MS_RELATIME;
  if (mount(nullptr, path, nullptr, flags, nullptr) != 0) {
    return Fail(f, "mount(MS_REMOUNT|MS_RDONLY)", errno, path);
  }
  return true;
}

// Clears the read-only flag warden set on the bind of a writable root. A
// mount that was read-only before warden (locked in a user namespace) stays
// so: nothing could write there anyway.
// `recursive`: the mounts beneath `path` too (a workspace's own submounts);
// not for the private /tmp, whose submounts are the host directories shown
// again read-only.
bool MakeWritable(const char* path, ChildFailure* f, bool recursive = true) {
  struct mount_attr attr;
  memset(&attr, 0, sizeof attr);
  attr.attr_clr = MOUNT_ATTR_RDONLY;
  if (syscall(SYS_mount_setattr, AT_FDCWD, path, recursive ? AT_RECURSIVE : 0,
              &attr, sizeof attr) == 0) {
    return true;
  }
  if (errno != EPERM || !recursive)
    return Fail(f, "mount_setattr(clear MOUNT_ATTR_RDONLY)", errno, path);
  if (syscall(SYS_mount_setattr, AT_FDCWD, path, 0, &attr, sizeof attr) == 0 ||
      errno == EPERM) {
    return true;
  }
  return Fail(f, "mount_setattr(clear MOUNT_ATTR_RDONLY)", errno, path);
}

// mkdir -p, with a buffer on the stack (the init allocates nothing).
bool MakeDirs(const char* path, ChildFailure* f) {
  char buf[PATH_MAX];
  size_t n = strlen(path);
  if (n >= sizeof buf) return Fail(f, "mkdir", ENAMETOOLONG, path);
  memcpy(buf, path, n + 1);
  for (size_t i = 1; i <= n; ++i) {
    if (buf[i] != '/' && buf[i] != '\0') continue;
    char saved = buf[i];
    buf[i] = '\0';
    if (mkdir(buf, 0700) != 0 && errno != EEXIST) {
      return Fail(f, "mkdir", errno, path);
    }
    buf[i] = saved;
  }
  return true;
}

int OpenTree(const char* path, unsigned flags) {
  return static_cast<int>(syscall(SYS_open_tree, AT_FDCWD, path,
                                  flags | OPEN_TREE_CLONE | OPEN_TREE_CLOEXEC));
}

bool MoveMount(int fd, const char* to, ChildFailure* f) {
  if (syscall(SYS_move_mount, fd, "", AT_FDCWD, to, MOVE_MOUNT_F_EMPTY_PATH) !=
      0) {
    int err = errno;
    close(fd);
    return Fail(f, "move_mount", err, to);
  }
  close(fd);
  return true;
}

// Why a cover may be skipped: the path is gone, or not reachable by the
// init, so not by the command either.
bool Unreachable(int err) {
  return err == ENOENT || err == EACCES || err == ENOTDIR || err == ELOOP;
}

// The private /tmp over the host's, with the directories the run works in
// shown again at their own paths.
bool MountPrivateTmp(const NamespacePlan& plan, ChildFailure* f) {
  int fds[kMaxTmpRebinds];
  size_t count = plan.tmp_rebinds.size();
  if (count > kMaxTmpRebinds) return Fail(f, "private /tmp", E2BIG, "/tmp");
  for (size_t i = 0; i < count; ++i) {
    fds[i] = OpenTree(plan.tmp_rebinds[i].c_str(), AT_RECURSIVE);
    if (fds[i] < 0) {
      int err = errno;
      for (size_t j = 0; j < i; ++j) close(fds[j]);
      return Fail(f, "open_tree", err, plan.tmp_rebinds[i].c_str());
    }
  }
  bool ok =
      mount(plan.private_tmp.c_str(), "/tmp", nullptr, MS_BIND, nullptr) == 0 ||
      Fail(f, "mount(MS_BIND)", errno, "/tmp");
  ok = ok && MakeWritable("/tmp", f);
  size_t moved = 0;
  for (; ok && moved < count; ++moved) {
    ok = MakeDirs(plan.tmp_rebinds[moved].c_str(), f) &&
         MoveMount(fds[moved], plan.tmp_rebinds[moved].c_str(), f);
  }
  for (size_t j = moved + (ok ? 0 : 1); j < count; ++j) close(fds[j]);
  if (!ok) return false;
  // Read-only again (rebinds included) until the writable roots, /tmp among
  // them when it is writable, are made writable one by one.
  return RemountReadOnly("/tmp", f);
}

bool CoverWithTmpfs(const char* dir, ChildFailure* f) {
  if (mount("tmpfs", dir, "tmpfs", MS_NOSUID | MS_NODEV | MS_NOEXEC,
            "mode=0755,size=16k") != 0) {
    return Unreachable(errno) || Fail(f, "mount(tmpfs)", errno, dir);
  }
  return RemountReadOnly(dir, f);
}

bool CoverSocket(const char* path, ChildFailure* f) {
  if (mount("/dev/null", path, nullptr, MS_BIND, nullptr) != 0) {
    return Unreachable(errno) ||
           Fail(f, "mount(MS_BIND /dev/null)", errno, path);
  }
  return RemountReadOnly(path, f);
}

// Pins a symlink by mounting a clone of it over itself: a mount point can be
// neither removed, renamed nor replaced, and the link still resolves.
bool PinSymlink(const char* path, ChildFailure* f) {
  int fd = OpenTree(path, AT_SYMLINK_NOFOLLOW);
  if (fd < 0) return Fail(f, "open_tree", errno, path);
  return MoveMount(fd, path, f);
}

// Shows the host terminal `clone` (a detached mount of /dev/pts/N) at
// /dev/pts/N of the run's fresh devpts instance. Nothing can be created in
// a devpts, so ptys are allocated there until number N exists; their
// masters stay open in init (close-on-exec, locked slaves) for the run's
// lifetime, and the host node is mounted over entry N.
void ShowOwnTerminal(const NamespacePlan& plan, int clone) {
  constexpr int kMaxPts = 256;
  if (clone < 0 || plan.own_pts >= kMaxPts) return;
  for (int i = 0; i <= plan.own_pts; ++i) {
    int master = open("/dev/ptmx", O_RDWR | O_NOCTTY | O_CLOEXEC);
    unsigned int n = 0;
    if (master < 0 || ioctl(master, TIOCGPTN, &n) != 0) break;
    if (static_cast<int>(n) == plan.own_pts) {
      // Failure leaves the name unusable, nothing weaker: ignore it.
      syscall(SYS_move_mount, clone, "", AT_FDCWD, plan.own_pts_path.c_str(),
              MOVE_MOUNT_F_EMPTY_PATH);
      break;
    }
  }
  close(clone);
}

// /proc of the run's PID namespace (no process outside the run is listed)
// with /proc/sys read-only; a devpts instance of the run's own, so no other
// terminal of the host can be opened (but the run's own, see
// ShowOwnTerminal); a private /dev/shm.
bool MountRunFilesystems(const NamespacePlan& plan, ChildFailure* f) {
  int own_terminal =
      plan.own_pts >= 0 ? OpenTree(plan.own_pts_path.c_str(), 0) : -1;
  if (mount("proc", "/proc", "proc", MS_NOSUID | MS_NODEV | MS_NOEXEC,
            nullptr) != 0) {
    return Fail(f, "mount(proc)", errno, "/proc");
  }
  if (mount("/proc/sys", "/proc/sys", nullptr, MS_BIND | MS_REC, nullptr) !=
      0) {
    return Fail(f, "mount(MS_BIND)", errno, "/proc/sys");
  }
  if (!RemountReadOnly("/proc/sys", f)) return false;
  if (mount("devpts", "/dev/pts", "devpts", MS_NOSUID | MS_NOEXEC,
            "newinstance,ptmxmode=0666,mode=0620") != 0) {
    if (own_terminal >= 0) close(own_terminal);
    return Fail(f, "mount(devpts)", errno, "/dev/pts");
  }
  if (mount("/dev/pts/ptmx", "/dev/ptmx", nullptr, MS_BIND, nullptr) != 0) {
    return Fail(f, "mount(MS_BIND)", errno, "/dev/ptmx");
  }
  ShowOwnTerminal(plan, own_terminal);
  if (mount("tmpfs", "/dev/shm", "tmpfs", MS_NOSUID | MS_NODEV, "mode=1777") !=
      0) {
    return Fail(f, "mount(tmpfs)", errno, "/dev/shm");
  }
  return true;
}

}  // namespace

int NamespaceCloneFlags(bool direct_network) {
  int flags = CLONE_NEWUSER | CLONE_NEWNS | CLONE_NEWPID | CLONE_NEWIPC;
  if (!direct_network) flags |= CLONE_NEWNET;
  return flags;
}

NamespacePlan PlanNamespaces(const ResolvedProfile& profile,
                             const std::vector<std::string>& placeholders,
                             const std::string& private_tmp,
                             const std::vector<std::string>& sockets,
                             const std::vector<std::string>& socket_dirs) {
  NamespacePlan plan;
  plan.uid_map = absl::StrCat(geteuid(), " ", geteuid(), " 1\n");
  plan.gid_map = absl::StrCat(getegid(), " ", getegid(), " 1\n");
  for (const auto& root : profile.writable_roots) {
    plan.writable.push_back(root.path);
    if (root.path == "/tmp") plan.tmp_writable = true;
  }
  plan.read_only = profile.read_only_paths;
  plan.read_only.insert(plan.read_only.end(), placeholders.begin(),
                        placeholders.end());
  plan.read_only_links = profile.read_only_links;
  auto shorter = [](const std::string& a, const std::string& b) {
    return a.size() != b.size() ? a.size() < b.size() : a < b;
  };
  std::sort(plan.writable.begin(), plan.writable.end(), shorter);
  std::sort(plan.read_only.begin(), plan.read_only.end(), shorter);

  std::vector<std::string> shown = {profile.cwd};
  for (const auto& root : profile.writable_roots) shown.push_back(root.path);
  bool cwd_is_tmp = profile.cwd == "/tmp";
  if (!cwd_is_tmp && !private_tmp.empty()) {
    plan.private_tmp = private_tmp;
    // The first directory beneath /tmp of each is shown whole: a workspace
    // inside a repository there must still find the repository's .git. It
    // comes back read-only; the writable roots in it are made writable.
    for (const auto& path : shown) {
      if (path == "/tmp" || !IsBeneath(path, "/tmp")) continue;
      size_t end = path.find('/', 5);
      std::string top = path.substr(0, end);
      if (std::find(plan.tmp_rebinds.begin(), plan.tmp_rebinds.end(), top) ==
          plan.tmp_rebinds.end()) {
        plan.tmp_rebinds.push_back(top);
      }
    }
    std::sort(plan.tmp_rebinds.begin(), plan.tmp_rebinds.end());
  }
  plan.covered_dirs = socket_dirs;
  plan.covered_sockets = sockets;
  return plan;
}

bool EnterNamespaces(const NamespacePlan& plan, ChildFailure* f) {
  if (!WriteFile("/proc/self/setgroups", "deny", f) ||
      !WriteFile("/proc/self/uid_map", plan.uid_map, f) ||
      !WriteFile("/proc/self/gid_map", plan.gid_map, f)) {
    return false;
  }
  // Nothing mounted here may propagate back to the host.
  if (mount(nullptr, "/", nullptr, MS_REC | MS_SLAVE, nullptr) != 0) {
    return Fail(f, "mount(/, MS_REC|MS_SLAVE)", errno, "/");
  }
  struct mount_attr attr;
  memset(&attr, 0, sizeof attr);
  attr.attr_set = MOUNT_ATTR_RDONLY;
  if (syscall(SYS_mount_setattr, AT_FDCWD, "/", AT_RECURSIVE, &attr,
              sizeof attr) != 0) {
    return Fail(f, "mount_setattr(/, MOUNT_ATTR_RDONLY)", errno, "/");
  }
  if (!plan.private_tmp.empty() && !MountPrivateTmp(plan, f)) return false;
  for (const auto& path : plan.writable) {
    if (mount(path.c_str(), path.c_str(), nullptr, MS_BIND | MS_REC, nullptr) !=
        0) {
      return Fail(f, "mount(MS_BIND)", errno, path.c_str());
    }
    bool private_tmp = path == "/tmp" && !plan.private_tmp.empty();
    if (!MakeWritable(path.c_str(), f, !private_tmp)) return false;
  }
  for (const auto& dir : plan.covered_dirs) {
    if (!CoverWithTmpfs(dir.c_str(), f)) return false;
  }
  for (const auto& path : plan.covered_sockets) {
    if (!CoverSocket(path.c_str(), f)) return false;
  }
  for (const auto& path : plan.read_only) {
    if (mount(path.c_str(), path.c_str(), nullptr, MS_BIND | MS_REC, nullptr) !=
        0) {
      return Fail(f, "mount(MS_BIND)", errno, path.c_str());
    }
    if (!RemountReadOnly(path.c_str(), f)) return false;
  }
  for (const auto& path : plan.read_only_links) {
    if (!PinSymlink(path.c_str(), f)) return false;
  }
  return MountRunFilesystems(plan, f);
}

}  // namespace warden::sandbox
