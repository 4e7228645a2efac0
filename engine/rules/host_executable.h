// host_executable(name, paths): which absolute paths may stand for a bare
// program name (SPEC A5), and the path helpers resolution needs.
#ifndef WARDEN_ENGINE_RULES_HOST_EXECUTABLE_H_
#define WARDEN_ENGINE_RULES_HOST_EXECUTABLE_H_

#include <map>
#include <string>
#include <string_view>
#include <vector>

#include "absl/status/status.h"
#include "absl/status/statusor.h"

namespace warden::engine {

// name -> the absolute (lexically normalised) paths allowed for it, without
// duplicates, in declaration order. An empty list blocks every path. Ordered
// so `warden show` output is deterministic.
using HostExecutables =
    std::map<std::string, std::vector<std::string>, std::less<>>;

// Errors: "invalid rule: host_executable name cannot be empty",
// "invalid rule: host_executable name must be a bare executable name (got
// <name>)".
absl::Status ValidateHostExecutableName(std::string_view name);

// Validates one path of host_executable(name, ...) and returns it lexically
// normalised, with a leading "~/" replaced by `home`. Errors:
// "invalid rule: host_executable paths must be absolute or use `~/...`
// home-relative syntax (got <p>)" and "invalid rule: host_executable path
// `<p>` must have basename `<name>`".
absl::StatusOr<std::string> NormalizeHostExecutablePath(std::string_view raw,
                                                        std::string_view name,
                                                        std::string_view home);

// Lexical normalisation of an absolute path: collapses "//", drops ".",
// resolves ".." against the previous component (never above "/"), and drops
// a trailing "/". Symlinks are not consulted: the engine does no I/O.
// Precondition: path starts with '/'.
std::string NormalizeAbsolutePath(std::string_view path);

}  // namespace warden::engine

#endif  // WARDEN_ENGINE_RULES_HOST_EXECUTABLE_H_
