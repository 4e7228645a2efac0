// The environment a sandboxed command gets (SPEC-sandbox "Containment",
// SPEC-runtime R5 `[shell_environment_policy]`): Codex's keys, with warden's
// stricter defaults. Pure data in, pure data out.
#ifndef WARDEN_SANDBOX_ENVIRONMENT_H_
#define WARDEN_SANDBOX_ENVIRONMENT_H_

#include <map>
#include <string>
#include <string_view>
#include <vector>

#include "absl/status/statusor.h"

namespace warden::sandbox {

enum class EnvInherit { kAll, kCore, kNone };

// "all", "core", "none".
std::string_view EnvInheritName(EnvInherit inherit);
absl::StatusOr<EnvInherit> ParseEnvInherit(std::string_view name);

struct EnvironmentPolicy {
  EnvInherit inherit = EnvInherit::kAll;
  // false: names matching *KEY*, *SECRET*, *TOKEN* (any case) are dropped.
  bool ignore_default_excludes = false;
  // Glob patterns (`*` and `?`, case-insensitive) of names to drop.
  std::vector<std::string> exclude;
  // When non-empty, only names matching one of these survive.
  std::vector<std::string> include_only;
  // Names taken from the caller's environment whatever the rules above say.
  std::vector<std::string> keep;
  // Values set last (they override everything, including TMPDIR).
  std::map<std::string, std::string> set;
  // Restricted modes: drop the addresses of agents and daemons on the host
  // (SSH_AUTH_SOCK, DBUS_SESSION_BUS_ADDRESS, ...) and point TMPDIR, TMP and
  // TEMP at the run's private /tmp.
  bool restricted = true;
};

// Names kept by `inherit = core` (Codex's list).
const std::vector<std::string_view>& CoreVariables();
// The default excludes and the host-agent variables, for `sandbox probe`.
const std::vector<std::string_view>& DefaultExcludePatterns();
const std::vector<std::string_view>& HostAgentVariables();

// Case-insensitive glob match of `name` against `pattern` (`*`, `?`).
bool EnvNameMatches(std::string_view pattern, std::string_view name);

// "NAME=value" entries of the command's environment, sorted by name. `envp`
// is the caller's environment (NULL-terminated; entries without '=' are
// ignored).
std::vector<std::string> BuildEnvironment(const EnvironmentPolicy& policy,
                                          char* const* envp);

}  // namespace warden::sandbox

#endif  // WARDEN_SANDBOX_ENVIRONMENT_H_
