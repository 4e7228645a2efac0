#include "cli/policy_loading.h"

#include <cstdio>
#include <cstdlib>
#include <utility>

#include "engine/rules/loader.h"

namespace warden::cli {

engine::LoadOptions LoadOptionsFromEnvironment() {
  engine::LoadOptions options;
  if (const char* home = std::getenv("HOME")) options.home_dir = home;
  return options;
}

std::optional<engine::Policy> LoadPolicyOrReport(
    const std::vector<std::string>& rule_paths) {
  engine::LoadResult loaded =
      engine::LoadPolicy(rule_paths, LoadOptionsFromEnvironment());
  if (!loaded.policy) {
    std::fputs(engine::FormatDiagnostics(loaded.diagnostics).c_str(), stderr);
  }
  return std::move(loaded.policy);
}

}  // namespace warden::cli
