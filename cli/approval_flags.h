// The approval settings flags shared by `warden assess` and `warden explain`
// (SPEC-runtime R1, R2.3): --approval-policy, --sandbox,
// --sandbox-permissions, --decompose, --prefix-rule and -c KEY=VALUE.
// Until configuration files land (R5), unset settings take R5's defaults
// (on-request, workspace-write, use-default, warden).
#ifndef WARDEN_CLI_APPROVAL_FLAGS_H_
#define WARDEN_CLI_APPROVAL_FLAGS_H_

#include <CLI/CLI.hpp>
#include <optional>
#include <string>
#include <vector>

#include "engine/approval/assess.h"

namespace warden::cli {

struct ApprovalFlags {
  std::optional<std::string> approval_policy;
  std::optional<std::string> sandbox;
  std::optional<std::string> sandbox_permissions;
  std::optional<std::string> decompose;
  std::optional<std::string> prefix_rule;
  std::vector<std::string> overrides;  // -c KEY=VALUE
};

// Adds the flags to `sub`; with_assess_only adds --decompose and
// --prefix-rule too.
void AddApprovalFlags(CLI::App* sub, ApprovalFlags* flags,
                      bool with_assess_only);

// The settings the flags ask for. On bad input returns nullopt with the
// message (without "warden: error: ") in *error.
std::optional<engine::approval::AssessSettings> ResolveApprovalSettings(
    const ApprovalFlags& flags, std::string* error);

// Whether any approval setting was given (explain reports per-part
// approval rows only then).
bool AnyApprovalFlag(const ApprovalFlags& flags);

}  // namespace warden::cli

#endif  // WARDEN_CLI_APPROVAL_FLAGS_H_
