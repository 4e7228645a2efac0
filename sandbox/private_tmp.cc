#include "sandbox/private_tmp.h"

#include <errno.h>
#include <string.h>
#include <sys/stat.h>

#include "absl/strings/str_cat.h"

namespace warden::sandbox {

absl::StatusOr<std::string> EnsurePrivateTmp(const std::string& base,
                                             uid_t uid) {
  std::string path = absl::StrCat(base, "/warden-", uid);
  if (mkdir(path.c_str(), 0700) != 0 && errno != EEXIST) {
    return absl::FailedPreconditionError(
        absl::StrCat("cannot create the private /tmp for runs ", path, ": ",
                     strerror(errno)));
  }
  struct stat st;
  if (lstat(path.c_str(), &st) != 0) {
    return absl::FailedPreconditionError(
        absl::StrCat("private /tmp for runs ", path, ": ", strerror(errno)));
  }
  if (!S_ISDIR(st.st_mode) || st.st_uid != uid || (st.st_mode & 077) != 0) {
    return absl::FailedPreconditionError(absl::StrCat(
        "private /tmp for runs ", path,
        " is not a directory owned by you with mode 0700 (someone else may "
        "have created it); remove it and run again"));
  }
  return path;
}

}  // namespace warden::sandbox
