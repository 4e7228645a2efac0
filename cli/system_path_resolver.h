// The real file system as the engine's PathResolver (DESIGN "Engine": the
// engine does no I/O; the front ends hand it this). Paths resolve with
// realpath(3) relative to the working directory; a program's system copy is
// what its bare name finds on the standard PATH
// /usr/local/sbin:/usr/local/bin:/usr/sbin:/usr/bin:/sbin:/bin.
#ifndef WARDEN_CLI_SYSTEM_PATH_RESOLVER_H_
#define WARDEN_CLI_SYSTEM_PATH_RESOLVER_H_

#include "engine/shell/path_resolver.h"

namespace warden::cli {

const engine::shell::PathResolver& SystemPathResolver();

}  // namespace warden::cli

#endif  // WARDEN_CLI_SYSTEM_PATH_RESOLVER_H_
