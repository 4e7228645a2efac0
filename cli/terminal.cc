#include "cli/terminal.h"

#include <unistd.h>

#include <cstdlib>

namespace warden::cli {

std::optional<ColorMode> ParseColorMode(std::string_view text) {
  if (text == "auto") return ColorMode::kAuto;
  if (text == "always") return ColorMode::kAlways;
  if (text == "never") return ColorMode::kNever;
  return std::nullopt;
}

bool DecideColor(ColorMode mode, const TerminalFacts& facts) {
  switch (mode) {
    case ColorMode::kAlways:
      return true;
    case ColorMode::kNever:
      return false;
    case ColorMode::kAuto:
      break;
  }
  // no-color.org: set to any non-empty value disables colour.
  if (facts.no_color.has_value() && !facts.no_color->empty()) return false;
  if (facts.term.has_value() && *facts.term == "dumb") return false;
  return facts.is_tty;
}

TerminalFacts CurrentTerminalFacts(int fd) {
  TerminalFacts facts;
  facts.is_tty = fd >= 0 && isatty(fd) == 1;
  if (const char* v = std::getenv("NO_COLOR")) facts.no_color = v;
  if (const char* v = std::getenv("TERM")) facts.term = v;
  return facts;
}

bool ShouldUseColor(ColorMode mode, std::FILE* stream) {
  return DecideColor(
      mode, CurrentTerminalFacts(stream != nullptr ? fileno(stream) : -1));
}

void AddColorOption(CLI::App* app, ColorMode* mode) {
  app->add_option_function<std::string>(
         "--color",
         [mode](const std::string& value) {
           // The validator below has already rejected anything else.
           *mode = ParseColorMode(value).value_or(ColorMode::kAuto);
         },
         "Colour the output: auto (only on a terminal, honours NO_COLOR), "
         "always or never")
      ->type_name("WHEN")
      ->check(CLI::IsMember({"auto", "always", "never"}));
}

std::string Style::Wrap(std::string_view codes, std::string_view text) const {
  if (!enabled_ || text.empty()) return std::string(text);
  std::string out = "\x1b[";
  out += codes;
  out += 'm';
  out += text;
  out += "\x1b[0m";
  return out;
}

std::string Style::Bold(std::string_view text) const { return Wrap("1", text); }
std::string Style::Dim(std::string_view text) const { return Wrap("2", text); }
std::string Style::Red(std::string_view text) const { return Wrap("31", text); }
std::string Style::Yellow(std::string_view text) const {
  return Wrap("33", text);
}
std::string Style::Green(std::string_view text) const {
  return Wrap("32", text);
}
std::string Style::Cyan(std::string_view text) const {
  return Wrap("36", text);
}
std::string Style::BoldRed(std::string_view text) const {
  return Wrap("1;31", text);
}
std::string Style::BoldYellow(std::string_view text) const {
  return Wrap("1;33", text);
}
std::string Style::BoldGreen(std::string_view text) const {
  return Wrap("1;32", text);
}
std::string Style::BoldCyan(std::string_view text) const {
  return Wrap("1;36", text);
}

}  // namespace warden::cli
