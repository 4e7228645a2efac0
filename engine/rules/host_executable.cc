#include "engine/rules/host_executable.h"

#include "base/path.h"
#include "engine/str_util.h"

namespace warden::engine {

absl::Status ValidateHostExecutableName(std::string_view name) {
  if (name.empty()) {
    return absl::InvalidArgumentError(
        "invalid rule: host_executable name cannot be empty");
  }
  if (name.find('/') != std::string_view::npos || name == "." || name == "..") {
    return absl::InvalidArgumentError(
        Concat({"invalid rule: host_executable name must be a bare "
                "executable name (got ",
                name, ")"}));
  }
  return absl::OkStatus();
}

std::string NormalizeAbsolutePath(std::string_view path) {
  std::vector<std::string_view> parts;
  size_t i = 0;
  while (i < path.size()) {
    while (i < path.size() && path[i] == '/') ++i;
    size_t start = i;
    while (i < path.size() && path[i] != '/') ++i;
    std::string_view part = path.substr(start, i - start);
    if (part.empty() || part == ".") continue;
    if (part == "..") {
      if (!parts.empty()) parts.pop_back();
      continue;
    }
    parts.push_back(part);
  }
  if (parts.empty()) return "/";
  std::string out;
  for (std::string_view part : parts) {
    out += '/';
    out += part;
  }
  return out;
}

absl::StatusOr<std::string> NormalizeHostExecutablePath(std::string_view raw,
                                                        std::string_view name,
                                                        std::string_view home) {
  std::string absolute;
  if (!raw.empty() && raw.front() == '/') {
    absolute = std::string(raw);
  } else if (raw.size() >= 2 && raw.substr(0, 2) == "~/" && !home.empty() &&
             home.front() == '/') {
    absolute = Concat({home, "/", raw.substr(2)});
  } else {
    // Relative paths, "~user/..." and a bare "~" are all refused: only the
    // current user's home has a meaning the engine can know without I/O.
    return absl::InvalidArgumentError(
        Concat({"invalid rule: host_executable paths must be absolute or "
                "use `~/...` home-relative syntax (got ",
                raw, ")"}));
  }
  std::string normalized = NormalizeAbsolutePath(absolute);
  if (base::Basename(normalized) != name) {
    return absl::InvalidArgumentError(
        Concat({"invalid rule: host_executable path `", raw,
                "` must have basename `", name, "`"}));
  }
  return normalized;
}

}  // namespace warden::engine
