// How the engine learns what a program path names without doing I/O itself
// (DESIGN "Engine"): the caller passes a resolver — the real file system in
// the CLI and the runtime, a fake in tests.
//
// Used by decomposition (SPEC B2): `./bash -c S` and `/tmp/x/timeout 1 cmd`
// are still decomposed as bash / timeout so the rules of what they run
// apply, but the command is complete only when the path is the system's own
// copy of that program or one a host_executable declaration lists.
#ifndef WARDEN_ENGINE_SHELL_PATH_RESOLVER_H_
#define WARDEN_ENGINE_SHELL_PATH_RESOLVER_H_

#include <optional>
#include <string>
#include <string_view>

namespace warden::engine::shell {

class PathResolver {
 public:
  virtual ~PathResolver() = default;
  // The file the kernel will execute for `path` (relative to the working
  // directory, symlinks and `..` followed), or nullopt when it does not
  // resolve.
  virtual std::optional<std::string> Resolve(std::string_view path) const = 0;
  // What the bare `name` finds on the standard PATH, resolved likewise; the
  // system's own copy of the program. nullopt when none.
  virtual std::optional<std::string> SystemProgram(
      std::string_view name) const = 0;
};

}  // namespace warden::engine::shell

#endif  // WARDEN_ENGINE_SHELL_PATH_RESOLVER_H_
