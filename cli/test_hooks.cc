#include "cli/test_hooks.h"

#include <cstdlib>

namespace warden::cli {

std::optional<sandbox::KernelSupport> KernelTestOverride() {
#ifdef WARDEN_TEST_HOOKS
  if (const char* missing = std::getenv("WARDEN_SANDBOX_PRETEND_MISSING")) {
    sandbox::KernelSupport kernel = sandbox::ProbeKernel(true);
    sandbox::PretendMissing(missing, &kernel);
    return kernel;
  }
#endif
  return std::nullopt;
}

}  // namespace warden::cli
