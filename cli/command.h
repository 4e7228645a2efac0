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

// The words after the first `--` on warden's command line, verbatim and in
// order. main() splits them off before CLI11 sees the line, because CLI11
// reorders or re-interprets option-like words (`bash -lc SCRIPT`), and for a
// policy engine the command it judges must be exactly the one it was given.
// Subcommands that take a command (`check`, `explain`, `exec`) read it from
// here.
const std::vector<std::string>& CommandWords();
// Whether `--` appeared at all (so `warden check --rules f --` is "no
// command").
bool CommandSeparatorSeen();
// The command a subcommand was given: the positional words CLI11 collected
// before
// `--` (plain words only), followed by every word after `--`.
std::vector<std::string> CommandLine(const std::vector<std::string>& before);
// Called once by main().
void SetCommandWords(std::vector<std::string> words, bool separator_seen);
const std::vector<Command>& RegisteredCommands();

}  // namespace warden::cli

#endif  // WARDEN_CLI_COMMAND_H_
