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

namespace {
struct CommandLineTail {
  std::vector<std::string> words;
  bool separator_seen = false;
};
CommandLineTail& Tail() {
  static CommandLineTail tail;
  return tail;
}
}  // namespace

const std::vector<std::string>& CommandWords() { return Tail().words; }
bool CommandSeparatorSeen() { return Tail().separator_seen; }
std::vector<std::string> CommandLine(const std::vector<std::string>& before) {
  std::vector<std::string> words = before;
  words.insert(words.end(), Tail().words.begin(), Tail().words.end());
  return words;
}

void SetCommandWords(std::vector<std::string> words, bool separator_seen) {
  Tail().words = std::move(words);
  Tail().separator_seen = separator_seen;
}

}  // namespace warden::cli
