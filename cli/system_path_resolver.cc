#include "cli/system_path_resolver.h"

#include <sys/stat.h>
#include <unistd.h>

#include <array>
#include <climits>
#include <cstdlib>
#include <string>

namespace warden::cli {
namespace {

constexpr std::array<std::string_view, 6> kStandardPath = {
    "/usr/local/sbin", "/usr/local/bin", "/usr/sbin",
    "/usr/bin",        "/sbin",          "/bin"};

class SystemResolver final : public engine::shell::PathResolver {
 public:
  std::optional<std::string> Resolve(std::string_view path) const override {
    std::string p(path);
    char buf[PATH_MAX];
    if (realpath(p.c_str(), buf) == nullptr) return std::nullopt;
    return std::string(buf);
  }

  std::optional<std::string> SystemProgram(
      std::string_view name) const override {
    for (std::string_view dir : kStandardPath) {
      std::string candidate = std::string(dir) + "/" + std::string(name);
      struct stat st;
      if (stat(candidate.c_str(), &st) == 0 && S_ISREG(st.st_mode) &&
          access(candidate.c_str(), X_OK) == 0) {
        return Resolve(candidate);
      }
    }
    return std::nullopt;
  }
};

}  // namespace

const engine::shell::PathResolver& SystemPathResolver() {
  static const SystemResolver* resolver = new SystemResolver();
  return *resolver;
}

}  // namespace warden::cli
