// Loading the --rules files of a subcommand, the same way for every front-end
// command.
#ifndef WARDEN_CLI_POLICY_LOADING_H_
#define WARDEN_CLI_POLICY_LOADING_H_

#include <optional>
#include <string>
#include <vector>

#include "engine/rules/loader.h"
#include "engine/rules/policy.h"

namespace warden::cli {

// How every subcommand loads rules files: `~/` in host_executable paths
// expands against $HOME (the engine reads no environment itself).
engine::LoadOptions LoadOptionsFromEnvironment();

// Loads `rule_paths` in order (`~/` expands against $HOME). On a load error
// prints every diagnostic to stderr and returns nullopt; the caller exits
// kExitUsage.
std::optional<engine::Policy> LoadPolicyOrReport(
    const std::vector<std::string>& rule_paths);

}  // namespace warden::cli

#endif  // WARDEN_CLI_POLICY_LOADING_H_
