#include "sandbox/namespaces.h"

#include <errno.h>
#include <fcntl.h>
#include <linux/mount.h>
#include <sched.h>
#include <string.h>
#include <sys/mount.h>
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
bool MakeWritable(const char* path, ChildFailure* f) {
  struct mount_attr attr;
  memset(&attr, 0, sizeof attr);
  attr.attr_clr = MOUNT_ATTR_RDONLY;
  if (syscall(SYS_mount_setattr, AT_FDCWD, path, AT_RECURSIVE, &attr,
              sizeof attr) == 0) {
    return true;
  }
  if (errno != EPERM)
    return Fail(f, "mount_setattr(clear MOUNT_ATTR_RDONLY)", errno, path);
  if (syscall(SYS_mount_setattr, AT_FDCWD, path, 0, &attr, sizeof attr) == 0 ||
      errno == EPERM) {
    return true;
  }
  return Fail(f, "mount_setattr(clear MOUNT_ATTR_RDONLY)", errno, path);
}

}  // namespace

NamespacePlan PlanNamespaces(const ResolvedProfile& profile,
                             const std::vector<std::string>& placeholders) {
  NamespacePlan plan;
  plan.uid_map = absl::StrCat(geteuid(), " ", geteuid(), " 1\n");
  plan.gid_map = absl::StrCat(getegid(), " ", getegid(), " 1\n");
  for (const auto& root : profile.writable_roots) {
    plan.writable.push_back(root.path);
  }
  plan.read_only = profile.read_only_paths;
  plan.read_only.insert(plan.read_only.end(), placeholders.begin(),
                        placeholders.end());
  auto shorter = [](const std::string& a, const std::string& b) {
    return a.size() != b.size() ? a.size() < b.size() : a < b;
  };
  std::sort(plan.writable.begin(), plan.writable.end(), shorter);
  std::sort(plan.read_only.begin(), plan.read_only.end(), shorter);
  return plan;
}

bool EnterNamespaces(const NamespacePlan& plan, ChildFailure* f) {
  if (unshare(CLONE_NEWUSER | CLONE_NEWNS) != 0) {
    return Fail(f, "unshare(CLONE_NEWUSER|CLONE_NEWNS)", errno);
  }
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
  for (const auto& path : plan.writable) {
    if (mount(path.c_str(), path.c_str(), nullptr, MS_BIND | MS_REC, nullptr) !=
        0) {
      return Fail(f, "mount(MS_BIND)", errno, path.c_str());
    }
    if (!MakeWritable(path.c_str(), f)) return false;
  }
  for (const auto& path : plan.read_only) {
    if (mount(path.c_str(), path.c_str(), nullptr, MS_BIND | MS_REC, nullptr) !=
        0) {
      return Fail(f, "mount(MS_BIND)", errno, path.c_str());
    }
    if (!RemountReadOnly(path.c_str(), f)) return false;
  }
  return true;
}

}  // namespace warden::sandbox
