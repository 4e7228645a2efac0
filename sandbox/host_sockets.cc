#include "sandbox/host_sockets.h"

#include <limits.h>
#include <stdlib.h>
#include <sys/stat.h>

#include <algorithm>
#include <fstream>
#include <sstream>

#include "absl/strings/numbers.h"
#include "absl/strings/str_split.h"
#include "absl/strings/strip.h"

namespace warden::sandbox {
namespace {

// __SO_ACCEPTCON in the Flags column: the socket is listening.
constexpr unsigned long kAcceptCon = 1UL << 16;

// Where session buses, agents and container daemons put their sockets.
// Each is covered whole, so a socket created there after the run started is
// hidden too.
constexpr const char* kSocketDirectories[] = {
    "/run/user",        // per-user runtime dirs: D-Bus session bus, systemd
                        // --user, gpg-agent, pipewire, rootless docker
    "/run/dbus",        // system bus
    "/run/docker",      // docker plugins and containerd shims
    "/run/containerd",  // containerd
    "/run/podman",      // podman API
    "/run/screen",      // GNU screen sessions
    "/run/tmux",        // tmux with a system socket directory
};

}  // namespace

std::vector<std::string> ParseListeningUnixSockets(std::string_view text) {
  // "Num RefCount Protocol Flags Type St Inode Path"
  std::vector<std::string> paths;
  bool header = true;
  for (absl::string_view line :
       absl::StrSplit(absl::string_view(text.data(), text.size()), '\n')) {
    if (header) {
      header = false;
      continue;
    }
    std::vector<absl::string_view> cols =
        absl::StrSplit(line, ' ', absl::SkipEmpty());
    if (cols.size() < 8) continue;
    unsigned long flags = 0;
    if (!absl::SimpleHexAtoi(cols[3], &flags) || !(flags & kAcceptCon)) {
      continue;
    }
    // A path may contain spaces: everything after the inode column.
    size_t at = static_cast<size_t>(cols[7].data() - line.data());
    std::string path(absl::StripTrailingAsciiWhitespace(line.substr(at)));
    if (path.empty() || path[0] != '/') continue;  // abstract or unnamed
    if (std::find(paths.begin(), paths.end(), path) == paths.end()) {
      paths.push_back(std::move(path));
    }
  }
  return paths;
}

std::vector<std::string> ListeningUnixSockets() {
  std::ifstream in("/proc/net/unix");
  std::stringstream text;
  text << in.rdbuf();
  return ParseListeningUnixSockets(text.str());
}

std::vector<std::string> CoveredSocketDirectories(const char* xdg_runtime_dir) {
  std::vector<std::string> dirs;
  auto add = [&](const char* path) {
    char real[PATH_MAX];
    struct stat st;
    if (path == nullptr || path[0] != '/' || realpath(path, real) == nullptr ||
        stat(real, &st) != 0 || !S_ISDIR(st.st_mode)) {
      return;
    }
    if (std::find(dirs.begin(), dirs.end(), real) == dirs.end()) {
      dirs.push_back(real);
    }
  };
  for (const char* dir : kSocketDirectories) add(dir);
  add(xdg_runtime_dir);
  return dirs;
}

}  // namespace warden::sandbox
