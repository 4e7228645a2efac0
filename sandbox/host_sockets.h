// Unix sockets of the host that a run must not reach (SPEC-sandbox
// "Containment", Unix sockets). Abstract sockets are cut off by the run's
// network namespace and Landlock's scope; pathname sockets, on kernels whose
// Landlock has no socket rights, by covering them in the run's mount
// namespace: each socket listening when the run starts, plus the
// directories where session and daemon sockets appear.
#ifndef WARDEN_SANDBOX_HOST_SOCKETS_H_
#define WARDEN_SANDBOX_HOST_SOCKETS_H_

#include <string>
#include <string_view>
#include <vector>

namespace warden::sandbox {

// Paths of the pathname Unix sockets listening now, from the text of
// /proc/net/unix (parsed here so tests can feed it). Abstract sockets
// ("@name") and unnamed ones are left out.
std::vector<std::string> ParseListeningUnixSockets(
    std::string_view proc_net_unix);
std::vector<std::string> ListeningUnixSockets();

// Directories covered by an empty read-only tmpfs in every restricted run
// when they exist: per-user runtime directories and daemon socket
// directories. `xdg_runtime_dir` ($XDG_RUNTIME_DIR, may be null) is added.
std::vector<std::string> CoveredSocketDirectories(const char* xdg_runtime_dir);

}  // namespace warden::sandbox

#endif  // WARDEN_SANDBOX_HOST_SOCKETS_H_
