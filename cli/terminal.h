// Colour decisions and small text-styling helpers for the warden binary.
//
// Colour is used only when it helps a person at a terminal: `--color=auto`
// (the default) colours a stream only when it is a terminal, $NO_COLOR is not
// set to a non-empty value and $TERM is not "dumb"; `--color=always` and
// `--color=never` override all of that (an explicit flag beats the
// environment, as https://no-color.org asks). Golden tests run with
// NO_COLOR=1 and pipes, so their output never contains escape codes.
#ifndef WARDEN_CLI_TERMINAL_H_
#define WARDEN_CLI_TERMINAL_H_

#include <CLI/CLI.hpp>
#include <cstdio>
#include <optional>
#include <string>
#include <string_view>

namespace warden::cli {

enum class ColorMode { kAuto, kAlways, kNever };

// "auto" / "always" / "never"; nullopt for anything else.
std::optional<ColorMode> ParseColorMode(std::string_view text);

// The environment facts the auto mode looks at, separated from the process
// so the decision can be unit tested.
struct TerminalFacts {
  bool is_tty = false;
  std::optional<std::string> no_color;  // value of $NO_COLOR, if set
  std::optional<std::string> term;      // value of $TERM, if set
};

// The decision itself: pure function of the mode and the facts.
bool DecideColor(ColorMode mode, const TerminalFacts& facts);

// The facts for file descriptor `fd` of this process.
TerminalFacts CurrentTerminalFacts(int fd);

// DecideColor(mode, CurrentTerminalFacts(fileno(stream))).
bool ShouldUseColor(ColorMode mode, std::FILE* stream);

// Adds `--color=auto|always|never` to `app`, storing the choice in `*mode`
// (which must outlive parsing). Subcommands that print call this.
void AddColorOption(CLI::App* app, ColorMode* mode);

// Wraps text in ANSI styles when enabled, returns it unchanged otherwise.
// Cheap to copy; pass by value.
class Style {
 public:
  explicit Style(bool enabled) : enabled_(enabled) {}
  bool enabled() const { return enabled_; }

  std::string Bold(std::string_view text) const;
  std::string Dim(std::string_view text) const;
  std::string Red(std::string_view text) const;     // errors, forbidden
  std::string Yellow(std::string_view text) const;  // warnings, prompt
  std::string Green(std::string_view text) const;   // success, allow
  std::string Cyan(std::string_view text) const;    // hints, notes
  std::string BoldRed(std::string_view text) const;
  std::string BoldYellow(std::string_view text) const;
  std::string BoldGreen(std::string_view text) const;
  std::string BoldCyan(std::string_view text) const;

 private:
  std::string Wrap(std::string_view codes, std::string_view text) const;
  bool enabled_;
};

}  // namespace warden::cli

#endif  // WARDEN_CLI_TERMINAL_H_
