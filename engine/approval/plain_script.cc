#include "engine/approval/plain_script.h"

#include <cctype>

#include "engine/approval/shell_script.h"

namespace warden::engine::approval {
namespace {

bool IsBlank(char c) { return c == ' ' || c == '\t'; }
// Characters that end an unquoted word (bash's metacharacters and newline).
bool EndsWord(char c) {
  return IsBlank(c) || c == '\n' || c == ';' || c == '&' || c == '|' ||
         c == '(' || c == ')' || c == '<' || c == '>';
}
bool IsNameStart(char c) {
  return std::isalpha(static_cast<unsigned char>(c)) != 0 || c == '_';
}
bool IsNameChar(char c) {
  return IsNameStart(c) || std::isdigit(static_cast<unsigned char>(c)) != 0;
}

// One word as Codex reads it.
struct Word {
  std::string text;         // source text without the quotes, escapes kept
  bool bare = false;        // one unquoted piece (tree-sitter's `word`)
  bool escaped = false;     // text differs from the shell's value
  bool pattern = false;     // an unquoted glob, brace or leading tilde
  bool assignment = false;  // NAME=... or NAME[...]=... (unquoted NAME)
};

class Scanner {
 public:
  explicit Scanner(std::string_view s) : s_(s) {}

  // Skips blanks and backslash-newline continuations between words.
  void SkipBlanks() {
    while (pos_ < s_.size()) {
      if (IsBlank(s_[pos_])) {
        ++pos_;
      } else if (s_[pos_] == '\\' && pos_ + 1 < s_.size() &&
                 s_[pos_ + 1] == '\n') {
        pos_ += 2;
      } else {
        return;
      }
    }
  }
  bool AtEnd() const { return pos_ >= s_.size(); }
  char Peek(size_t ahead = 0) const {
    return pos_ + ahead < s_.size() ? s_[pos_ + ahead] : '\0';
  }
  void Advance(size_t n) { pos_ += n; }

  // Reads the word starting here; nullopt when it is not one Codex accepts
  // (an expansion, an unterminated quote, a comment, a continuation inside
  // the word).
  std::optional<Word> ReadWord() {
    Word word;
    size_t start = pos_;
    size_t pieces = 0;         // quoted strings and runs of unquoted text
    bool in_unquoted = false;  // the current piece is unquoted text
    bool quoted = false;
    bool name_so_far = true;  // every character so far is an unquoted name
    auto unquoted_piece = [&] {
      if (!in_unquoted) ++pieces;
      in_unquoted = true;
    };
    auto quoted_piece = [&] {
      ++pieces;
      in_unquoted = false;
      quoted = true;
      name_so_far = false;
    };
    while (pos_ < s_.size() && !EndsWord(s_[pos_])) {
      char c = s_[pos_];
      if (c == '$' || c == '`') return std::nullopt;
      if (c == '#' && pos_ == start) return std::nullopt;  // a comment
      if (c == '\'') {
        size_t close = s_.find('\'', pos_ + 1);
        if (close == std::string_view::npos) return std::nullopt;
        word.text.append(s_.substr(pos_ + 1, close - pos_ - 1));
        pos_ = close + 1;
        quoted_piece();
        continue;
      }
      if (c == '"') {
        if (!ReadDoubleQuoted(&word)) return std::nullopt;
        quoted_piece();
        continue;
      }
      unquoted_piece();
      if (c == '\\') {
        if (pos_ + 1 >= s_.size() || s_[pos_ + 1] == '\n') return std::nullopt;
        word.text.append(s_.substr(pos_, 2));
        word.escaped = true;
        name_so_far = false;
        pos_ += 2;
        continue;
      }
      if (name_so_far && pos_ > start && (c == '=' || c == '[') &&
          IsNameStart(s_[start])) {
        word.assignment = true;
      }
      bool at_tilde_position =
          pos_ == start || s_[pos_ - 1] == '=' || s_[pos_ - 1] == ':';
      if (c == '*' || c == '?' || c == '[' || c == '{' ||
          (c == '~' && at_tilde_position)) {
        word.pattern = true;
      }
      if (!IsNameChar(c)) name_so_far = false;
      word.text.push_back(c);
      ++pos_;
    }
    word.bare = pieces == 1 && !quoted;
    // A concatenation that comes out empty is not a word to Codex (a lone
    // '' or "" is).
    if (word.text.empty() && pieces > 1) return std::nullopt;
    return word;
  }

 private:
  // "...": only literal content (no `$` or backtick); escapes kept as text.
  bool ReadDoubleQuoted(Word* word) {
    ++pos_;
    while (pos_ < s_.size()) {
      char c = s_[pos_];
      if (c == '"') {
        ++pos_;
        return true;
      }
      if (c == '$' || c == '`') return false;
      if (c == '\\' && pos_ + 1 < s_.size()) {
        char next = s_[pos_ + 1];
        // Inside double quotes only these lose their backslash.
        if (next == '$' || next == '`' || next == '"' || next == '\\' ||
            next == '\n') {
          word->escaped = true;
        }
        word->text.append(s_.substr(pos_, 2));
        pos_ += 2;
        continue;
      }
      word->text.push_back(c);
      ++pos_;
    }
    return false;  // unterminated
  }

  std::string_view s_;
  size_t pos_ = 0;
};

bool AllDigits(std::string_view text) {
  if (text.empty()) return false;
  for (char c : text) {
    if (std::isdigit(static_cast<unsigned char>(c)) == 0) return false;
  }
  return true;
}

}  // namespace

std::optional<PlainScript> ReadPlainScript(std::string_view script,
                                           bool literal_patterns) {
  PlainScript out;
  Scanner scan(script);
  Argv current;
  bool need_command = false;  // after && || |: a command must follow
  auto end_command = [&](bool then_need) {
    if (current.empty()) return false;
    out.commands.push_back(std::move(current));
    current.clear();
    need_command = then_need;
    return true;
  };
  while (true) {
    scan.SkipBlanks();
    if (scan.AtEnd()) break;
    char c = scan.Peek();
    if (c == '\n') {
      scan.Advance(1);
      if (!need_command && !current.empty()) end_command(false);
      continue;
    }
    if (c == ';') {
      if (scan.Peek(1) == ';' || scan.Peek(1) == '&') return std::nullopt;
      if (!end_command(false)) return std::nullopt;
      scan.Advance(1);
      continue;
    }
    if (c == '&' || c == '|') {
      bool doubled = scan.Peek(1) == c;
      // `&` alone runs in the background; `|&` and `&>` redirect.
      if ((c == '&' && !doubled) || (c == '|' && scan.Peek(1) == '&')) {
        return std::nullopt;
      }
      if (!end_command(true)) return std::nullopt;
      scan.Advance(doubled ? 2 : 1);
      continue;
    }
    if (c == '(' || c == ')' || c == '<' || c == '>') return std::nullopt;
    std::optional<Word> word = scan.ReadWord();
    if (!word) return std::nullopt;
    if (word->pattern && !literal_patterns) return std::nullopt;
    // `[` opens tree-sitter's test_command, not a command name.
    if (current.empty() &&
        (!word->bare || word->assignment || AllDigits(word->text) ||
         IsReservedWord(word->text) || word->text == "[")) {
      return std::nullopt;
    }
    out.escaped = out.escaped || word->escaped;
    current.push_back(std::move(word->text));
    need_command = false;
  }
  if (need_command) return std::nullopt;
  end_command(false);
  return out;
}

std::optional<std::vector<Argv>> PlainCommands(std::string_view script,
                                               bool literal_patterns) {
  std::optional<PlainScript> read = ReadPlainScript(script, literal_patterns);
  if (!read) return std::nullopt;
  return std::move(read->commands);
}

}  // namespace warden::engine::approval
