#include "engine/approval/codex_quote.h"

#include <algorithm>
#include <cstdint>

namespace warden::engine::approval {
namespace {

// The styles a chunk can be written in, as bits.
constexpr uint8_t kBare = 1;
constexpr uint8_t kSingle = 2;
constexpr uint8_t kDouble = 4;

bool BareByte(unsigned char c) {
  return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') ||
         (c >= '0' && c <= '9') ||
         std::string_view("+-./:@]_").find(static_cast<char>(c)) !=
             std::string_view::npos;
}

uint8_t StylesFor(unsigned char c) {
  if (c >= 0x80) return kSingle | kDouble;
  uint8_t styles = 0;
  if (BareByte(c)) styles |= kBare;
  if (c != '\'' && c != '\\' && c != '^') styles |= kSingle;
  if (c != '$' && c != '`' && c != '!' && c != '^') styles |= kDouble;
  return styles;
}

// The length of the chunk starting at `word` and the best style for it.
std::pair<size_t, uint8_t> NextChunk(std::string_view word) {
  uint8_t styles = kBare | kSingle | kDouble;
  size_t i = 0;
  // Bash mishandles ^ except right after an opening single quote.
  if (word[0] == '^') {
    styles = kSingle;
    i = 1;
  }
  for (; i < word.size(); ++i) {
    uint8_t next = styles & StylesFor(static_cast<unsigned char>(word[i]));
    if (next == 0) break;
    styles = next;
  }
  uint8_t best = (styles & kBare) != 0     ? kBare
                 : (styles & kSingle) != 0 ? kSingle
                                           : kDouble;
  return {i, best};
}

}  // namespace

std::string CodexShellQuote(std::string_view word) {
  if (word.empty()) return "''";
  std::string out;
  while (!word.empty()) {
    auto [length, style] = NextChunk(word);
    std::string_view chunk = word.substr(0, length);
    word.remove_prefix(length);
    if (style == kBare) {
      out += chunk;
    } else if (style == kSingle) {
      out += '\'';
      out += chunk;
      out += '\'';
    } else {
      out += '"';
      for (char c : chunk) {
        if (c == '$' || c == '`' || c == '"' || c == '\\') out += '\\';
        out += c;
      }
      out += '"';
    }
  }
  return out;
}

std::string CodexShellJoin(std::span<const std::string> argv) {
  bool has_nul = std::any_of(
      argv.begin(), argv.end(),
      [](const std::string& w) { return w.find('\0') != std::string::npos; });
  std::string out;
  for (size_t i = 0; i < argv.size(); ++i) {
    if (i > 0) out += ' ';
    out += has_nul ? argv[i] : CodexShellQuote(argv[i]);
  }
  return out;
}

}  // namespace warden::engine::approval
