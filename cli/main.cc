// The warden binary: attaches every registered subcommand and runs the chosen
// one.
#include <CLI/CLI.hpp>
#include <algorithm>
#include <cstdio>
#include <exception>
#include <string>
#include <string_view>
#include <vector>

#include "cli/command.h"

int main(int argc, char** argv) {
  CLI::App app{
      "warden decides allow / prompt / forbidden for the shell commands an AI "
      "coding agent wants to run, from Starlark .rules files, and runs what it "
      "lets through inside a kernel-enforced sandbox."};
  app.name("warden");
  app.set_version_flag("--version", "warden " WARDEN_VERSION);
  app.require_subcommand(0, 1);
  app.footer(
      "Run `warden COMMAND --help` for the flags and examples of one command.");

  // When the first word names a subcommand, only that one is attached:
  // building every subcommand's options is most of what warden spends on
  // its command line, and hooks and `exec` are started once per command an
  // agent runs. `warden --help`, a typo or an option first gets them all.
  int exit_code = warden::cli::kExitOk;
  const auto& commands = warden::cli::RegisteredCommands();
  auto chosen = std::find_if(commands.begin(), commands.end(), [&](auto& c) {
    return argc > 1 && c.name == argv[1];
  });
  if (chosen != commands.end()) {
    chosen->attach(app, &exit_code);
  } else {
    for (const auto& command : commands) command.attach(app, &exit_code);
  }
  // Everything after the first `--` is the command to judge or run: keep it
  // away from CLI11 (see CommandWords()).
  int head = argc;
  for (int i = 1; i < argc; ++i) {
    if (std::string_view(argv[i]) == "--") {
      head = i;
      break;
    }
  }
  warden::cli::SetCommandWords(
      std::vector<std::string>(argv + std::min(head + 1, argc), argv + argc),
      head < argc);
  try {
    app.parse(head, argv);
  } catch (const CLI::ParseError& e) {
    // CLI11 reports --help/--version as "errors" with status 0.
    if (e.get_exit_code() == 0) return app.exit(e);
    std::fprintf(stderr, "warden: error: %s\nRun 'warden --help' for usage.\n",
                 e.what());
    return warden::cli::kExitUsage;
  } catch (const std::exception& e) {
    // Layers return errors as values; reaching here is a bug, but the user
    // still gets one clear line and a non-zero exit rather than an abort.
    std::fprintf(stderr, "warden: internal error: %s\n", e.what());
    return warden::cli::kExitUsage;
  }
  if (argc == 1) {
    std::fputs(app.help().c_str(), stdout);
    return warden::cli::kExitUsage;
  }
  return exit_code;
}
