// The user's private temporary directory for runs (SPEC-sandbox "Temporary
// directory"): bound over /tmp inside every namespaced run, so a run never
// sees the host's shared /tmp (its files, and the sockets of tmux, X11 or
// ssh agents there), and kept from one run to the next.
#ifndef WARDEN_SANDBOX_PRIVATE_TMP_H_
#define WARDEN_SANDBOX_PRIVATE_TMP_H_

#include <sys/types.h>

#include <string>

#include "absl/status/statusor.h"

namespace warden::sandbox {

// `base`/warden-UID, created 0700 if missing. An existing entry must be a
// directory (not a symlink) owned by `uid` with no group or world rights;
// anything else is refused, since another user could have planted it.
absl::StatusOr<std::string> EnsurePrivateTmp(const std::string& base,
                                             uid_t uid);

}  // namespace warden::sandbox

#endif  // WARDEN_SANDBOX_PRIVATE_TMP_H_
