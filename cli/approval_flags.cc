#include "cli/approval_flags.h"

#include <nlohmann/json.hpp>

#include "cli/system_path_resolver.h"

namespace warden::cli {

namespace approval = engine::approval;

void AddApprovalFlags(CLI::App* sub, ApprovalFlags* flags,
                      bool with_assess_only) {
  sub->add_option("--approval-policy", flags->approval_policy,
                  "untrusted, on-request (default), on-failure, never or "
                  "granular:KEY=BOOL,... (sandbox_approval, rules)");
  sub->add_option("--sandbox", flags->sandbox,
                  "read-only, workspace-write (default), danger-full-access "
                  "or external");
  sub->add_option("--sandbox-permissions", flags->sandbox_permissions,
                  "use-default (default), require-escalated or "
                  "with-additional-permissions");
  sub->add_option("-c", flags->overrides,
                  "KEY=VALUE setting (approval_policy, sandbox_mode, "
                  "decompose, known_safe_git; repeatable)")
      ->allow_extra_args(false);
  if (with_assess_only) {
    sub->add_option("--decompose", flags->decompose,
                    "warden (default: B1's stricter parts) or codex "
                    "(Codex's parts, for conformance)");
    sub->add_option("--prefix-rule", flags->prefix_rule,
                    "A model-proposed allow rule, as a JSON array of strings");
  }
}

bool AnyApprovalFlag(const ApprovalFlags& flags) {
  return flags.approval_policy || flags.sandbox || flags.sandbox_permissions ||
         flags.decompose || !flags.overrides.empty();
}

std::optional<approval::AssessSettings> ResolveApprovalSettings(
    const ApprovalFlags& flags, std::string* error) {
  // -c first, flags override (R5.1: flags are the last layer).
  std::optional<std::string> policy, sandbox, decompose;
  approval::AssessSettings settings;
  settings.path_resolver = &SystemPathResolver();
  for (const std::string& item : flags.overrides) {
    size_t eq = item.find('=');
    if (eq == std::string::npos || eq == 0) {
      *error = "-c expects key=value (got `" + item + "`)";
      return std::nullopt;
    }
    std::string key = item.substr(0, eq);
    std::string value = item.substr(eq + 1);
    // A TOML string value may be quoted.
    if (value.size() >= 2 && value.front() == '"' && value.back() == '"') {
      value = value.substr(1, value.size() - 2);
    }
    if (key == "approval_policy") {
      policy = value;
    } else if (key == "sandbox_mode") {
      sandbox = value;
    } else if (key == "decompose") {
      decompose = value;
    } else if (key == "known_safe_git") {
      if (value != "true" && value != "false") {
        *error = "invalid value for `known_safe_git`: `" + value +
                 "` (expected true or false)";
        return std::nullopt;
      }
      settings.known_safe_git = value == "true";
    } else {
      std::fprintf(stderr,
                   "warden: warning: unknown key `%s` in -c (ignored)\n",
                   key.c_str());
    }
  }
  if (flags.approval_policy) policy = flags.approval_policy;
  if (flags.sandbox) sandbox = flags.sandbox;
  if (flags.decompose) decompose = flags.decompose;
  if (policy &&
      !approval::ParseApprovalPolicy(*policy, &settings.approval, error)) {
    return std::nullopt;
  }
  if (sandbox &&
      !approval::ParseSandboxMode(*sandbox, &settings.sandbox, error)) {
    return std::nullopt;
  }
  if (flags.sandbox_permissions &&
      !approval::ParseSandboxPermissions(*flags.sandbox_permissions,
                                         &settings.permissions, error)) {
    return std::nullopt;
  }
  if (decompose &&
      !approval::ParseDecomposeMode(*decompose, &settings.decompose, error)) {
    return std::nullopt;
  }
  if (flags.prefix_rule) {
    nlohmann::json parsed = nlohmann::json::parse(*flags.prefix_rule, nullptr,
                                                  /*allow_exceptions=*/false);
    bool ok = parsed.is_array();
    std::vector<std::string> tokens;
    if (ok) {
      for (const nlohmann::json& t : parsed) {
        if (!t.is_string()) {
          ok = false;
          break;
        }
        tokens.push_back(t.get<std::string>());
      }
    }
    if (!ok) {
      *error = "--prefix-rule expects a JSON array of strings";
      return std::nullopt;
    }
    settings.prefix_rule = std::move(tokens);
  }
  return settings;
}

}  // namespace warden::cli
