// Subcommand registry of the warden binary.
//
// Each subcommand lives in its own cli/command_<name>.cc and registers itself
// with a namespace-scope `const bool registered = RegisterCommand({...});`.
// main.cc attaches every registered command to the CLI11 app in `order`, so
// adding a subcommand never touches another file.
#ifndef WARDEN_CLI_COMMAND_H_
#define WARDEN_CLI_COMMAND_H_

#include <CLI/CLI.hpp>
#include <functional>
#include <string>
#include <vector>

namespace warden::cli {

// Exit codes shared by every subcommand (DESIGN.md): 0 success, 1 a check
// failed, 2 usage or load error. `exec` passes the child's status through
// instead.
inline constexpr int kExitOk = 0;
inline constexpr int kExitCheckFailed = 1;
inline constexpr int kExitUsage = 2;

struct Command {
  std::string name;
  int order = 100;  // position in `warden --help`
  // Adds the subcommand to `root`. The callback it installs stores the process
  // exit status in `*exit_code`.
  std::function<void(CLI::App& root, int* exit_code)> attach;
};

bool RegisterCommand(Command command);
const std::vector<Command>& RegisteredCommands();

}  // namespace warden::cli

#endif  // WARDEN_CLI_COMMAND_H_
