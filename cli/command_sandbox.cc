// `warden sandbox probe`: what this kernel supports and the profile each
// mode applies, so a user can see exactly why `warden exec` would refuse.
#include <cstdio>
#include <cstdlib>
#include <nlohmann/json.hpp>
#include <string>
#include <vector>

#include "cli/command.h"
#include "cli/test_hooks.h"
#include "sandbox/environment.h"
#include "sandbox/executor.h"
#include "sandbox/kernel_probe.h"
#include "sandbox/profile.h"
#include "sandbox/seccomp_filter.h"

namespace warden::cli {
namespace {

using sandbox::KernelSupport;
using sandbox::Mode;

struct ModeReport {
  Mode mode;
  bool available = true;
  std::string refusal;  // why exec refuses without --best-effort
  sandbox::Layers layers;
  std::vector<std::string> write;
  std::string network;
  std::vector<std::string> protected_names;
  std::vector<std::string> notices;  // layers missing but covered by others
};

ModeReport ReportMode(Mode mode, const KernelSupport& kernel) {
  ModeReport r;
  r.mode = mode;
  sandbox::ResolvedProfile profile;
  profile.mode = mode;
  if (mode == Mode::kWorkspaceWrite) {
    // A workspace with protected entries: the case that needs namespaces.
    profile.read_only_paths = {"/workspace/.git"};
    r.write = {"the working directory", "each --writable-root",
               "your private /tmp (unless --no-tmp)",
               "a private /dev/shm, /dev/null, /dev/zero, its own terminal"};
    r.protected_names = sandbox::DefaultProtectedNames();
    r.network = "off unless --allow-network";
  } else if (mode == Mode::kReadOnly) {
    r.write = {"a private /dev/shm, /dev/null, /dev/zero, its own terminal"};
    r.network = "off";
  } else {
    r.write = {"everywhere"};
    r.network = "on";
  }
  auto layers = sandbox::PlanLayers(profile, kernel, &r.notices);
  if (layers.ok()) {
    r.layers = *layers;
  } else {
    r.available = false;
    r.refusal = std::string(layers.status().message());
  }
  return r;
}

std::string LayerList(const sandbox::Layers& l) {
  std::string out;
  auto add = [&](bool on, const char* name) {
    if (!on) return;
    if (!out.empty()) out += ", ";
    out += name;
  };
  add(l.landlock, "Landlock");
  add(l.namespaces, "namespaces (user, mount, PID, IPC, network)");
  add(l.seccomp, "seccomp");
  return out.empty() ? "none" : out;
}

std::string Join(const std::vector<std::string>& items, const char* sep) {
  std::string out;
  for (size_t i = 0; i < items.size(); ++i) {
    if (i) out += sep;
    out += items[i];
  }
  return out;
}

void PrintText(const KernelSupport& k, const std::vector<ModeReport>& modes) {
  std::printf("kernel: Linux %s (%s)\n", k.release.c_str(), k.machine.c_str());
  if (k.landlock_abi > 0) {
    std::printf("landlock: ABI %d (%s)\n", k.landlock_abi,
                Join(sandbox::LandlockFeatures(k.landlock_abi), ", ").c_str());
  } else {
    std::printf("landlock: unavailable: %s\n", k.landlock_error.c_str());
  }
  std::printf(
      "seccomp: %s\n",
      k.seccomp ? "available" : ("unavailable: " + k.seccomp_error).c_str());
  std::printf("user namespaces: %s\n",
              k.user_namespaces
                  ? "available"
                  : ("unavailable: " + k.user_namespaces_error).c_str());
  std::printf("always denied in restricted modes: %s\n",
              Join(sandbox::AlwaysDeniedSyscalls(), ", ").c_str());
  std::printf(
      "containment in restricted modes: the run is a PID namespace under "
      "warden's init (nothing it starts outlives it); its own IPC and "
      "network namespaces; /proc, /dev/pts and /dev/shm of its own; /tmp is "
      "your private directory for runs; host Unix sockets covered; only "
      "stdin, stdout and stderr pass in\n");
  std::vector<std::string> excludes(sandbox::DefaultExcludePatterns().begin(),
                                    sandbox::DefaultExcludePatterns().end());
  std::vector<std::string> agents(sandbox::HostAgentVariables().begin(),
                                  sandbox::HostAgentVariables().end());
  std::printf(
      "environment: inherit all (--env-inherit core|none); dropped: %s "
      "(any case; --env-keep NAME keeps one); restricted modes also drop "
      "%s and set TMPDIR=/tmp\n",
      Join(excludes, " ").c_str(), Join(agents, " ").c_str());
  for (const auto& m : modes) {
    std::printf("\n%s:\n", std::string(sandbox::ModeName(m.mode)).c_str());
    if (m.mode == Mode::kDangerFullAccess) {
      std::printf("  no sandbox: reads, writes and network everywhere\n");
      continue;
    }
    if (!m.available) {
      std::printf("  exec refuses (exit 125): %s\n", m.refusal.c_str());
    }
    for (const auto& notice : m.notices) std::printf("  %s\n", notice.c_str());
    std::printf("  layers: %s\n", LayerList(m.layers).c_str());
    std::printf(
        "  read: everywhere (but /tmp is your private one, and host sockets "
        "and other terminals are hidden)\n  write: %s\n",
        Join(m.write, "; ").c_str());
    if (!m.protected_names.empty()) {
      std::printf("  read-only inside writable roots: %s\n",
                  Join(m.protected_names, " ").c_str());
    }
    std::printf("  network: %s\n", m.network.c_str());
    std::printf("  privileges: no capabilities, no_new_privs\n");
  }
}

nlohmann::json ToJson(const KernelSupport& k,
                      const std::vector<ModeReport>& modes) {
  nlohmann::json j;
  j["kernel"] = {{"release", k.release}, {"machine", k.machine}};
  j["landlock"] = {{"available", k.landlock_abi > 0},
                   {"abi", k.landlock_abi},
                   {"features", sandbox::LandlockFeatures(k.landlock_abi)},
                   {"error", k.landlock_error}};
  j["seccomp"] = {{"available", k.seccomp}, {"error", k.seccomp_error}};
  j["user_namespaces"] = {{"available", k.user_namespaces},
                          {"error", k.user_namespaces_error}};
  j["always_denied"] = sandbox::AlwaysDeniedSyscalls();
  j["environment"] = {
      {"inherit", "all"},
      {"default_excludes",
       std::vector<std::string>(sandbox::DefaultExcludePatterns().begin(),
                                sandbox::DefaultExcludePatterns().end())},
      {"restricted_drops",
       std::vector<std::string>(sandbox::HostAgentVariables().begin(),
                                sandbox::HostAgentVariables().end())},
      {"restricted_set", {{"TMPDIR", "/tmp"}}}};
  j["modes"] = nlohmann::json::array();
  for (const auto& m : modes) {
    nlohmann::json layers = nlohmann::json::array();
    if (m.layers.landlock) layers.push_back("landlock");
    if (m.layers.namespaces) layers.push_back("namespaces");
    if (m.layers.seccomp) layers.push_back("seccomp");
    j["modes"].push_back({{"mode", std::string(sandbox::ModeName(m.mode))},
                          {"available", m.available},
                          {"refusal", m.refusal},
                          {"notices", m.notices},
                          {"layers", layers},
                          {"write", m.write},
                          {"protected", m.protected_names},
                          {"network", m.network}});
  }
  return j;
}

int RunProbe(bool json) {
  KernelSupport kernel =
      KernelTestOverride().value_or(sandbox::ProbeKernel(true));
  std::vector<ModeReport> modes;
  for (Mode m :
       {Mode::kReadOnly, Mode::kWorkspaceWrite, Mode::kDangerFullAccess}) {
    modes.push_back(ReportMode(m, kernel));
  }
  if (json) {
    std::printf("%s\n", ToJson(kernel, modes).dump(2).c_str());
  } else {
    PrintText(kernel, modes);
  }
  return kExitOk;
}

const bool registered = RegisterCommand({
    .name = "sandbox",
    .order = 70,
    .attach =
        [](CLI::App& root, int* exit_code) {
          auto* sub = root.add_subcommand(
              "sandbox", "Inspect the sandbox this kernel can provide");
          sub->require_subcommand(1);
          auto* probe = sub->add_subcommand(
              "probe",
              "Print what the kernel supports (Landlock ABI, seccomp, user "
              "namespaces) and the profile each mode applies");
          auto json = std::make_shared<bool>(false);
          probe->add_flag("--json", *json, "Print JSON");
          probe->callback([json, exit_code] { *exit_code = RunProbe(*json); });
        },
});

}  // namespace
}  // namespace warden::cli
