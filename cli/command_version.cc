// `warden version`: the version and the libraries it was built with.
#include <cstdio>

#include "cli/command.h"

namespace warden::cli {
namespace {

const bool registered = RegisterCommand({
    .name = "version",
    .order = 1000,
    .attach =
        [](CLI::App& root, int* exit_code) {
          auto* sub = root.add_subcommand("version", "Print warden's version");
          sub->callback([exit_code] {
            std::printf("warden %s\n", WARDEN_VERSION);
            *exit_code = kExitOk;
          });
        },
});

}  // namespace
}  // namespace warden::cli
