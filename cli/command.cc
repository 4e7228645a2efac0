#include "cli/command.h"

#include <algorithm>
#include <utility>

namespace warden::cli {
namespace {

// Function-local static: registration runs during static initialisation of
// other translation units, whose order is unspecified.
std::vector<Command>& Registry() {
  static std::vector<Command> commands;
  return commands;
}

}  // namespace

bool RegisterCommand(Command command) {
  auto& commands = Registry();
  commands.push_back(std::move(command));
  std::stable_sort(
      commands.begin(), commands.end(),
      [](const Command& a, const Command& b) { return a.order < b.order; });
  return true;
}

const std::vector<Command>& RegisteredCommands() { return Registry(); }

}  // namespace warden::cli
