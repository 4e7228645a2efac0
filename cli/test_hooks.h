// Test-only switches. The shipped `warden` binary compiles test_hooks.cc
// without WARDEN_TEST_HOOKS, so nothing here can be set from its
// environment; the `warden_testhooks` binary the tests run defines it
// (SPEC-sandbox: test-only switches exist only in test builds).
#ifndef WARDEN_CLI_TEST_HOOKS_H_
#define WARDEN_CLI_TEST_HOOKS_H_

#include <optional>

#include "sandbox/kernel_probe.h"

namespace warden::cli {

// In test builds with WARDEN_SANDBOX_PRETEND_MISSING=LIST set: this
// kernel's support with the listed layers taken away (PretendMissing).
// Otherwise (and always in the shipped binary) nullopt.
std::optional<sandbox::KernelSupport> KernelTestOverride();

}  // namespace warden::cli

#endif  // WARDEN_CLI_TEST_HOOKS_H_
