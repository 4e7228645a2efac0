#include "engine/shell/shell_words.h"

#include <utility>

#include "base/identifier.h"

namespace warden::engine {
namespace {

// $(...) inside $(...) inside ... deeper than this is refused, so hostile
// input cannot exhaust the stack.
constexpr int kMaxNesting = 32;

bool IsBlank(char c, ShellMode mode) {
  return c == ' ' || c == '\t' || (mode == ShellMode::kExample && c == '\n');
}

// Characters that end an unquoted word in script mode (besides blanks).
bool IsMeta(char c) {
  return c == '\n' || c == '|' || c == '&' || c == ';' || c == '(' ||
         c == ')' || c == '<' || c == '>';
}

struct PendingHeredoc {
  std::string delimiter;
  bool strip_tabs = false;
  bool expand = true;  // unquoted delimiter: the body is expanded
};

class Lexer {
 public:
  Lexer(std::string_view text, ShellMode mode, ShellLexResult& out, int depth)
      : text_(text), mode_(mode), out_(out), depth_(depth) {}

  // Lexes from `pos`. When `until_close_paren`, stops after the ')' that
  // closes a $( opened by the caller and returns the position after it.
  size_t Run(size_t pos, bool until_close_paren) {
    pos_ = pos;
    int parens = 0;
    while (out_.ok()) {
      SkipBlanks();
      if (pos_ >= text_.size()) {
        if (until_close_paren) Fail("unterminated command substitution");
        break;
      }
      char c = text_[pos_];
      if (c == '#') {
        while (pos_ < text_.size() && text_[pos_] != '\n') ++pos_;
        continue;
      }
      if (mode_ == ShellMode::kScript && IsMeta(c)) {
        std::string op = ReadOperator();
        if (op == "(") ++parens;
        if (op == ")") {
          if (parens == 0 && until_close_paren) return pos_;
          if (parens > 0) --parens;
        }
        Emit(op);
        if (op == "<<" || op == "<<-") ReadHeredocDelimiter(op == "<<-");
        if (op == "\n") SkipHeredocBodies();
        continue;
      }
      ReadWord();
    }
    return pos_;
  }

 private:
  void Fail(std::string message) {
    if (out_.ok()) out_.error = std::move(message);
  }

  void SkipBlanks() {
    while (pos_ < text_.size()) {
      char c = text_[pos_];
      if (IsBlank(c, mode_)) {
        ++pos_;
      } else if (c == '\\' && pos_ + 1 < text_.size() &&
                 text_[pos_ + 1] == '\n') {
        pos_ += 2;  // line continuation between words
      } else {
        break;
      }
    }
  }

  void Emit(std::string op) {
    ShellToken token;
    token.kind = ShellToken::Kind::kOperator;
    token.text = std::move(op);
    out_.tokens.push_back(std::move(token));
  }

  std::string ReadOperator() {
    static constexpr std::string_view kOps[] = {
        ";;&", "<<<", "<<-", "&>>", "&&", "||", ";;", ";&",
        "|&",  "<<",  "<&",  "<>",  ">>", ">&", ">|", "&>",
        "|",   "&",   ";",   "(",   ")",  "<",  ">",  "\n"};
    std::string_view rest = text_.substr(pos_);
    for (std::string_view op : kOps) {
      if (rest.substr(0, op.size()) == op) {
        pos_ += op.size();
        return std::string(op);
      }
    }
    return std::string(1, text_[pos_++]);  // unreachable: IsMeta chars
  }

  void ReadWord() {
    ShellToken word;
    bool script = mode_ == ShellMode::kScript;
    bool name_prefix = true;  // still reading an unquoted NAME before '='
    bool seen_unquoted_open_brace = false;
    size_t start = pos_;
    while (pos_ < text_.size() && out_.ok()) {
      char c = text_[pos_];
      if (IsBlank(c, mode_) || (script && IsMeta(c))) break;
      if (name_prefix && word.assignment_name_length == 0) {
        if (c == '=' && !word.text.empty() &&
            base::IsIdentifierStart(word.text[0])) {
          word.assignment_name_length = static_cast<int>(word.text.size());
          name_prefix = false;
        } else if (!base::IsIdentifierChar(c)) {
          name_prefix = false;
        }
      }
      switch (c) {
        case '\'': {
          name_prefix = false;
          word.quoted = true;
          size_t close = text_.find('\'', pos_ + 1);
          if (close == std::string_view::npos) {
            Fail("unterminated single quote");
            return;
          }
          word.text.append(text_.substr(pos_ + 1, close - pos_ - 1));
          pos_ = close + 1;
          break;
        }
        case '"':
          name_prefix = false;
          word.quoted = true;
          ReadDoubleQuoted(word);
          break;
        case '\\':
          name_prefix = false;
          if (pos_ + 1 >= text_.size()) {
            // shlex refuses a trailing backslash; bash would keep it, but a
            // script ending in one is not worth trusting either.
            Fail("trailing backslash");
            return;
          }
          if (text_[pos_ + 1] != '\n') {
            word.quoted = true;
            word.text.push_back(text_[pos_ + 1]);
          }
          pos_ += 2;
          break;
        case '$':
          if (script) {
            name_prefix = false;
            word.expansion = true;
            size_t from = pos_;
            ScanDollar();
            word.text.append(text_.substr(from, pos_ - from));
            break;
          }
          word.text.push_back(c);
          ++pos_;
          break;
        case '`':
          if (script) {
            name_prefix = false;
            word.expansion = true;
            size_t from = pos_;
            ScanBacktick();
            word.text.append(text_.substr(from, pos_ - from));
            break;
          }
          word.text.push_back(c);
          ++pos_;
          break;
        default:
          if (script) {
            if (c == '*' || c == '?' || c == '[') word.expansion = true;
            if (c == '{') seen_unquoted_open_brace = true;
            if (c == '}' && seen_unquoted_open_brace) word.expansion = true;
            if (c == '~') {
              char prev = pos_ > start ? text_[pos_ - 1] : '\0';
              if (pos_ == start || prev == '=' || prev == ':') {
                word.expansion = true;
              }
            }
          }
          word.text.push_back(c);
          ++pos_;
          break;
      }
    }
    if (!out_.ok()) return;
    if (script && pos_ < text_.size() &&
        (text_[pos_] == '<' || text_[pos_] == '>') && !word.quoted &&
        !word.text.empty() &&
        word.text.find_first_not_of("0123456789") == std::string::npos) {
      word.io_number = true;
    }
    out_.tokens.push_back(std::move(word));
  }

  // At the opening '"'. Leaves pos_ after the closing '"'.
  void ReadDoubleQuoted(ShellToken& word) {
    ++pos_;
    while (true) {
      if (pos_ >= text_.size()) {
        Fail("unterminated double quote");
        return;
      }
      char c = text_[pos_];
      if (c == '"') {
        ++pos_;
        return;
      }
      if (c == '\\') {
        if (pos_ + 1 >= text_.size()) {
          Fail("unterminated double quote");
          return;
        }
        char next = text_[pos_ + 1];
        if (next == '$' || next == '`' || next == '"' || next == '\\') {
          word.text.push_back(next);
        } else if (next != '\n') {
          word.text.push_back('\\');
          word.text.push_back(next);
        }
        pos_ += 2;
        continue;
      }
      if (mode_ == ShellMode::kScript && c == '$' && pos_ + 1 < text_.size() &&
          (text_[pos_ + 1] == '\'' || text_[pos_ + 1] == '"')) {
        // Inside double quotes $'...' and $"..." are not quoting forms in
        // bash, dash or zsh: the $ is literal and the quote is ordinary (a '
        // is a character, a " ends the string). Reading them as quoting
        // once hid `echo "$'"; rm -rf /; echo "'"`.
        word.expansion = true;  // a lone $ is still not worth trusting
        word.text.push_back('$');
        ++pos_;
        continue;
      }
      if (mode_ == ShellMode::kScript && (c == '$' || c == '`')) {
        word.expansion = true;
        size_t from = pos_;
        if (c == '$') {
          ScanDollar();
        } else {
          ScanBacktick();
        }
        word.text.append(text_.substr(from, pos_ - from));
        if (!out_.ok()) return;
        continue;
      }
      word.text.push_back(c);
      ++pos_;
    }
  }

  // At a '$' in script mode: skips the whole expansion, recording command
  // substitution bodies.
  void ScanDollar() {
    size_t at = pos_;
    ++pos_;
    if (pos_ >= text_.size()) return;
    char c = text_[pos_];
    if (c == '(') {
      if (pos_ + 1 < text_.size() && text_[pos_ + 1] == '(') {
        // $(( is arithmetic only when the inner ( closes right before the
        // outer ): `$((rm x) )` is a command substitution holding a
        // subshell. Substitutions inside arithmetic are recorded either way.
        size_t open = pos_;
        size_t recorded = out_.substitutions.size();
        SkipBalanced('(', ')', open + 1);
        if (!out_.ok() || (pos_ < text_.size() && text_[pos_] == ')')) {
          if (out_.ok()) ++pos_;
          return;
        }
        out_.substitutions.resize(recorded);
        Substitution(open + 1);
        return;
      }
      Substitution(pos_ + 1);
      return;
    }
    if (c == '{') {
      SkipBalanced('{', '}', pos_);
      return;
    }
    if (c == '\'') {  // $'...' ANSI-C quoting
      ++pos_;
      while (pos_ < text_.size() && text_[pos_] != '\'') {
        pos_ += text_[pos_] == '\\' ? 2 : 1;
      }
      if (pos_ >= text_.size()) {
        Fail("unterminated $'...' quote");
        return;
      }
      ++pos_;
      return;
    }
    if (c == '"') {  // $"..." locale quoting: like "..."
      ShellToken scratch;
      ReadDoubleQuoted(scratch);
      return;
    }
    if (base::IsIdentifierStart(c)) {
      while (pos_ < text_.size() && base::IsIdentifierChar(text_[pos_])) ++pos_;
      return;
    }
    if ((c >= '0' && c <= '9') || c == '@' || c == '*' || c == '#' ||
        c == '?' || c == '-' || c == '$' || c == '!') {
      ++pos_;
      return;
    }
    (void)at;  // a lone '$' is literal in bash; still flagged by the caller
  }

  // From the opening bracket at `open_pos`: skips to after its match,
  // respecting quotes and recording nested command substitutions.
  void SkipBalanced(char open, char close, size_t open_pos) {
    pos_ = open_pos + 1;
    int depth = 1;
    while (pos_ < text_.size() && out_.ok()) {
      char c = text_[pos_];
      if (c == '\\') {
        pos_ += 2;
        continue;
      }
      if (c == '\'') {
        size_t end = text_.find('\'', pos_ + 1);
        if (end == std::string_view::npos) break;
        pos_ = end + 1;
        continue;
      }
      if (c == '"') {
        ShellToken scratch;
        ReadDoubleQuoted(scratch);
        continue;
      }
      if (c == '`') {
        ScanBacktick();
        continue;
      }
      // Substitutions nested in arithmetic or ${...} run too:
      // `$(( $(rm x) + 1 ))` once hid its rm behind the ( of $(.
      if (c == '$' && pos_ + 1 < text_.size() &&
          (text_[pos_ + 1] == '(' || text_[pos_ + 1] == '{')) {
        ScanDollar();
        continue;
      }
      if (c == open) ++depth;
      if (c == close && --depth == 0) {
        ++pos_;
        return;
      }
      ++pos_;
    }
    Fail("unterminated expansion");
  }

  // Lexes a $( body starting at `body` with a nested lexer and records it.
  void Substitution(size_t body) {
    if (depth_ >= kMaxNesting) {
      Fail("command substitutions nested too deeply");
      return;
    }
    size_t index = out_.substitutions.size();
    out_.substitutions.emplace_back();
    ShellLexResult inner;
    Lexer nested(text_, mode_, inner, depth_ + 1);
    size_t end = nested.Run(body, /*until_close_paren=*/true);
    if (!inner.ok()) {
      Fail(inner.error);
      pos_ = text_.size();
      out_.substitutions[index] = std::string(text_.substr(body));
      return;
    }
    // Substitutions nested in this body are found again when the decomposer
    // lexes the body itself, so they are not recorded here.
    out_.substitutions[index] = std::string(text_.substr(body, end - 1 - body));
    pos_ = end;
  }

  // At an opening backquote: records the body (with \` \\ \$ unescaped).
  void ScanBacktick() {
    ++pos_;
    std::string body;
    while (pos_ < text_.size() && text_[pos_] != '`') {
      if (text_[pos_] == '\\' && pos_ + 1 < text_.size() &&
          (text_[pos_ + 1] == '`' || text_[pos_ + 1] == '\\' ||
           text_[pos_ + 1] == '$')) {
        body.push_back(text_[pos_ + 1]);
        pos_ += 2;
        continue;
      }
      body.push_back(text_[pos_++]);
    }
    if (pos_ >= text_.size()) {
      Fail("unterminated backquote");
      return;
    }
    ++pos_;
    out_.substitutions.push_back(std::move(body));
  }

  void ReadHeredocDelimiter(bool strip_tabs) {
    SkipBlanks();
    if (pos_ >= text_.size() || IsMeta(text_[pos_])) {
      Fail("missing here-document delimiter");
      return;
    }
    size_t before = out_.tokens.size();
    ReadWord();
    if (out_.tokens.size() == before) return;
    const ShellToken& word = out_.tokens.back();
    heredocs_.push_back({word.text, strip_tabs, !word.quoted});
  }

  // After a newline: skips the bodies of the heredocs opened on that line.
  // Expanding bodies may hide command substitutions; they are recorded.
  void SkipHeredocBodies() {
    for (const PendingHeredoc& doc : heredocs_) {
      bool closed = false;
      while (pos_ < text_.size()) {
        size_t eol = text_.find('\n', pos_);
        if (eol == std::string_view::npos) eol = text_.size();
        std::string_view line = text_.substr(pos_, eol - pos_);
        size_t line_start = pos_;
        pos_ = eol < text_.size() ? eol + 1 : eol;
        if (doc.strip_tabs) {
          while (!line.empty() && line.front() == '\t') line.remove_prefix(1);
        }
        if (line == doc.delimiter) {
          closed = true;
          break;
        }
        if (doc.expand) ScanLineForSubstitutions(line_start, eol);
      }
      if (!closed) Fail("unterminated here-document");
    }
    heredocs_.clear();
  }

  void ScanLineForSubstitutions(size_t from, size_t to) {
    size_t saved = pos_;
    pos_ = from;
    while (pos_ < to && out_.ok()) {
      char c = text_[pos_];
      if (c == '\\') {
        pos_ += 2;
      } else if (c == '$') {
        ScanDollar();
      } else if (c == '`') {
        ScanBacktick();
      } else {
        ++pos_;
      }
    }
    pos_ = saved;
  }

  std::string_view text_;
  ShellMode mode_;
  ShellLexResult& out_;
  int depth_;
  size_t pos_ = 0;
  std::vector<PendingHeredoc> heredocs_;
};

bool IsSafeUnquoted(char c) {
  return base::IsIdentifierChar(c) || c == '-' || c == '.' || c == '/' ||
         c == ',' || c == ':' || c == '@' || c == '%' || c == '+' || c == '=';
}

}  // namespace

ShellLexResult LexShell(std::string_view text, ShellMode mode) {
  ShellLexResult result;
  Lexer lexer(text, mode, result, 0);
  lexer.Run(0, /*until_close_paren=*/false);
  return result;
}

absl::StatusOr<std::vector<std::string>> SplitExampleString(
    std::string_view text) {
  ShellLexResult lexed = LexShell(text, ShellMode::kExample);
  if (!lexed.ok()) {
    return absl::InvalidArgumentError(
        "invalid example: example string has invalid shell syntax");
  }
  std::vector<std::string> words;
  words.reserve(lexed.tokens.size());
  for (ShellToken& token : lexed.tokens) words.push_back(std::move(token.text));
  if (words.empty()) {
    return absl::InvalidArgumentError(
        "invalid example: example cannot be an empty string");
  }
  return words;
}

std::string ShellQuote(std::string_view word) {
  if (word.empty()) return "''";
  bool safe = word.front() != '=' && word.front() != '~';
  for (char c : word) safe = safe && IsSafeUnquoted(c);
  if (safe) return std::string(word);
  std::string out = "'";
  for (char c : word) {
    if (c == '\'') {
      out += "'\\''";
    } else {
      out.push_back(c);
    }
  }
  out += "'";
  return out;
}

std::string ShellJoin(const std::vector<std::string>& words) {
  std::string out;
  for (size_t i = 0; i < words.size(); ++i) {
    if (i > 0) out += ' ';
    out += ShellQuote(words[i]);
  }
  return out;
}

}  // namespace warden::engine
