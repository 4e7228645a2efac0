#include "sandbox/environment.h"

#include <algorithm>

#include "absl/strings/ascii.h"
#include "absl/strings/str_cat.h"

namespace warden::sandbox {
namespace {

// What warden sets inside restricted runs, whose /tmp is private.
constexpr std::string_view kTmpVariables[] = {"TMPDIR", "TMP", "TEMP"};

bool MatchesAny(const std::vector<std::string>& patterns,
                std::string_view name) {
  return std::any_of(
      patterns.begin(), patterns.end(),
      [&](const std::string& p) { return EnvNameMatches(p, name); });
}

template <typename List>
bool Contains(const List& list, std::string_view name) {
  return std::find(list.begin(), list.end(), name) != list.end();
}

}  // namespace

std::string_view EnvInheritName(EnvInherit inherit) {
  switch (inherit) {
    case EnvInherit::kAll:
      return "all";
    case EnvInherit::kCore:
      return "core";
    case EnvInherit::kNone:
      return "none";
  }
  return "all";
}

absl::StatusOr<EnvInherit> ParseEnvInherit(std::string_view name) {
  for (EnvInherit e :
       {EnvInherit::kAll, EnvInherit::kCore, EnvInherit::kNone}) {
    if (name == EnvInheritName(e)) return e;
  }
  return absl::InvalidArgumentError(
      absl::StrCat("unknown environment inheritance \"", std::string(name),
                   "\" (expected all, core or none)"));
}

const std::vector<std::string_view>& CoreVariables() {
  static const std::vector<std::string_view> kCore = {
      "HOME",     "LOGNAME", "PATH", "SHELL", "USER",
      "USERNAME", "TMPDIR",  "TEMP", "TMP"};
  return kCore;
}

const std::vector<std::string_view>& DefaultExcludePatterns() {
  static const std::vector<std::string_view> kPatterns = {"*KEY*", "*SECRET*",
                                                          "*TOKEN*"};
  return kPatterns;
}

// Each names a socket or daemon outside the run. The sockets themselves are
// unreachable from a restricted run (SPEC-sandbox "Unix sockets"); dropping
// the addresses too means tools fail with "not set" rather than trying.
const std::vector<std::string_view>& HostAgentVariables() {
  static const std::vector<std::string_view> kAgents = {
      "SSH_AUTH_SOCK",
      "SSH_AGENT_PID",
      "GPG_AGENT_INFO",
      "DBUS_SESSION_BUS_ADDRESS",
      "DBUS_SYSTEM_BUS_ADDRESS",
      "DOCKER_HOST",
      "CONTAINER_HOST",
      "PODMAN_HOST",
      "TMUX",
      "TMUX_PANE",
      "STY",
      "DISPLAY",
      "WAYLAND_DISPLAY",
      "XAUTHORITY",
      "PULSE_SERVER",
      "KRB5CCNAME",
      "GNOME_KEYRING_CONTROL",
      "SWAYSOCK",
      "I3SOCK",
      "KITTY_LISTEN_ON",
      "NVIM",
      "NVIM_LISTEN_ADDRESS",
      "VSCODE_IPC_HOOK_CLI"};
  return kAgents;
}

bool EnvNameMatches(std::string_view pattern, std::string_view name) {
  // Iterative glob with one backtrack point: linear in practice, never
  // exponential.
  size_t p = 0, n = 0, star = std::string_view::npos, mark = 0;
  while (n < name.size()) {
    if (p < pattern.size() &&
        (pattern[p] == '?' ||
         absl::ascii_toupper(pattern[p]) == absl::ascii_toupper(name[n]))) {
      ++p;
      ++n;
    } else if (p < pattern.size() && pattern[p] == '*') {
      star = p++;
      mark = n;
    } else if (star != std::string_view::npos) {
      p = star + 1;
      n = ++mark;
    } else {
      return false;
    }
  }
  while (p < pattern.size() && pattern[p] == '*') ++p;
  return p == pattern.size();
}

std::vector<std::string> BuildEnvironment(const EnvironmentPolicy& policy,
                                          char* const* envp) {
  std::map<std::string, std::string> out;
  std::map<std::string, std::string> caller;
  for (char* const* e = envp; e != nullptr && *e != nullptr; ++e) {
    std::string_view entry(*e);
    size_t eq = entry.find('=');
    if (eq == std::string_view::npos || eq == 0) continue;
    caller.emplace(std::string(entry.substr(0, eq)),
                   std::string(entry.substr(eq + 1)));
  }
  for (const auto& entry : caller) {
    // Not a structured binding: clang 14 cannot capture one in a lambda.
    const std::string& name = entry.first;
    const std::string& value = entry.second;
    bool inherited = policy.inherit == EnvInherit::kAll ||
                     (policy.inherit == EnvInherit::kCore &&
                      Contains(CoreVariables(), name));
    if (!inherited) continue;
    if (!policy.ignore_default_excludes &&
        std::any_of(
            DefaultExcludePatterns().begin(), DefaultExcludePatterns().end(),
            [&](std::string_view p) { return EnvNameMatches(p, name); })) {
      continue;
    }
    if (MatchesAny(policy.exclude, name)) continue;
    if (policy.restricted && Contains(HostAgentVariables(), name)) continue;
    out[name] = value;
  }
  if (policy.restricted) {
    for (std::string_view name : kTmpVariables) {
      if (name == "TMPDIR" || out.count(std::string(name))) {
        out[std::string(name)] = "/tmp";
      }
    }
  }
  if (!policy.include_only.empty()) {
    for (auto it = out.begin(); it != out.end();) {
      it = MatchesAny(policy.include_only, it->first) ? std::next(it)
                                                      : out.erase(it);
    }
  }
  for (const auto& name : policy.keep) {
    auto it = caller.find(name);
    if (it != caller.end()) out[name] = it->second;
  }
  for (const auto& [name, value] : policy.set) out[name] = value;
  std::vector<std::string> entries;
  entries.reserve(out.size());
  for (const auto& [name, value] : out) {
    entries.push_back(absl::StrCat(name, "=", value));
  }
  return entries;
}

}  // namespace warden::sandbox
