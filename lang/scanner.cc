#include "lang/scanner.h"

#include <absl/strings/str_format.h>

#include <array>
#include <cstdint>
#include <limits>
#include <utility>

#include "base/utf8.h"

namespace warden::lang {
namespace {

// Character classes, looked up in one table: the scanner's inner loops run
// over every byte of multi-megabyte generated policies.
enum CharClass : uint8_t {
  kIdentStart = 1,    // a-z A-Z _ and every non-ASCII byte
  kIdentChar = 2,     // kIdentStart or a digit
  kBlank = 4,         // space \t \r \f (within a line)
  kStringSpecial = 8  // what ends the fast scan of a string body
};
constexpr std::array<uint8_t, 256> MakeCharClasses() {
  std::array<uint8_t, 256> t{};
  for (int c = 0; c < 256; ++c) {
    bool start = (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || c == '_' ||
                 c >= 0x80;
    if (start) t[c] |= kIdentStart | kIdentChar;
    if (c >= '0' && c <= '9') t[c] |= kIdentChar;
  }
  for (char c : {' ', '\t', '\r', '\f'}) t[static_cast<uint8_t>(c)] |= kBlank;
  for (char c : {'\\', '\r', '\n', '"', '\''}) {
    t[static_cast<uint8_t>(c)] |= kStringSpecial;
  }
  return t;
}
constexpr std::array<uint8_t, 256> kCharClasses = MakeCharClasses();

inline bool Is(char c, CharClass cls) {
  return (kCharClasses[static_cast<unsigned char>(c)] & cls) != 0;
}
inline bool IsIdentStart(unsigned char c) {
  return (kCharClasses[c] & kIdentStart) != 0;
}
inline bool IsIdentChar(unsigned char c) {
  return (kCharClasses[c] & kIdentChar) != 0;
}
inline int DigitValue(char c) {
  if (c >= '0' && c <= '9') return c - '0';
  if (c >= 'a' && c <= 'z') return c - 'a' + 10;
  if (c >= 'A' && c <= 'Z') return c - 'A' + 10;
  return 99;
}

}  // namespace

bool DecodeStringBody(std::string_view body, uint32_t body_pos, bool raw,
                      bool bytes, std::string* out, ScanError* error) {
  out->clear();
  out->reserve(body.size());
  size_t i = 0;
  const size_t n = body.size();
  while (i < n) {
    char c = body[i];
    if (c == '\r' && i + 1 < n && body[i + 1] == '\n') {
      ++i;  // CRLF inside a triple-quoted string is a plain newline
      continue;
    }
    if (c != '\\') {
      out->push_back(c);
      ++i;
      continue;
    }
    if (i + 1 >= n) {
      error->pos = body_pos + static_cast<uint32_t>(i);
      error->message = "truncated escape sequence \\";
      return false;
    }
    char e = body[i + 1];
    if (raw) {
      // A backslash in a raw string protects the next character but stays.
      out->push_back('\\');
      out->push_back(e);
      i += 2;
      continue;
    }
    auto fail = [&](std::string message) {
      error->pos = body_pos + static_cast<uint32_t>(i);
      error->message = std::move(message);
      return false;
    };
    switch (e) {
      case '\n':
        i += 2;
        continue;
      case '\r':
        i += 2;
        if (i < n && body[i] == '\n') ++i;
        continue;
      case 'a':
        out->push_back('\a');
        break;
      case 'b':
        out->push_back('\b');
        break;
      case 'f':
        out->push_back('\f');
        break;
      case 'n':
        out->push_back('\n');
        break;
      case 'r':
        out->push_back('\r');
        break;
      case 't':
        out->push_back('\t');
        break;
      case 'v':
        out->push_back('\v');
        break;
      case '\\':
      case '\'':
      case '"':
        out->push_back(e);
        break;
      case '0':
      case '1':
      case '2':
      case '3':
      case '4':
      case '5':
      case '6':
      case '7': {
        size_t j = i + 1;
        int value = 0;
        while (j < n && j < i + 4 && body[j] >= '0' && body[j] <= '7') {
          value = value * 8 + (body[j] - '0');
          ++j;
        }
        std::string_view seq = body.substr(i, j - i);
        if (value > 255) {
          return fail(absl::StrFormat("invalid escape sequence %s", seq));
        }
        if (!bytes && value > 127) {
          return fail(absl::StrFormat(
              "non-ASCII octal escape %s (use \\u%04X for the UTF-8 encoding "
              "of U+%04X)",
              seq, value, value));
        }
        out->push_back(static_cast<char>(value));
        i = j;
        continue;
      }
      case 'x': {
        if (i + 4 > n) {
          return fail(
              absl::StrFormat("truncated escape sequence %s", body.substr(i)));
        }
        int hi = DigitValue(body[i + 2]), lo = DigitValue(body[i + 3]);
        if (hi >= 16 || lo >= 16) {
          return fail(
              absl::StrFormat("invalid escape sequence %s", body.substr(i, 4)));
        }
        int value = hi * 16 + lo;
        if (!bytes && value > 127) {
          return fail(absl::StrFormat(
              "non-ASCII hex escape %s (use \\u%04X for the UTF-8 encoding of "
              "U+%04X)",
              body.substr(i, 4), value, value));
        }
        out->push_back(static_cast<char>(value));
        i += 4;
        continue;
      }
      case 'u':
      case 'U': {
        size_t digits = e == 'u' ? 4 : 8;
        if (i + 2 + digits > n) {
          return fail(
              absl::StrFormat("truncated escape sequence %s", body.substr(i)));
        }
        uint32_t cp = 0;
        for (size_t k = 0; k < digits; ++k) {
          int d = DigitValue(body[i + 2 + k]);
          if (d >= 16) {
            return fail(absl::StrFormat("invalid escape sequence %s",
                                        body.substr(i, 2 + digits)));
          }
          cp = cp * 16 + static_cast<uint32_t>(d);
        }
        if (cp > 0x10FFFF || (cp >= 0xD800 && cp < 0xE000)) {
          return fail(absl::StrFormat("invalid Unicode code point %s",
                                      body.substr(i, 2 + digits)));
        }
        base::AppendUtf8(out, cp);  // cp is valid: checked above
        i += 2 + digits;
        continue;
      }
      default:
        return fail(
            absl::StrFormat("invalid escape sequence \\%c", body[i + 1]));
    }
    i += 2;
  }
  return true;
}

Scanner::Scanner(const Source& source, const ScanOptions& options,
                 uint32_t begin, uint32_t end, bool expression_mode)
    : text_(source.text().data()),
      pos_(begin),
      end_(
          std::min<uint32_t>(end, static_cast<uint32_t>(source.text().size()))),
      options_(options),
      expression_mode_(expression_mode) {
  if (expression_mode_) at_line_start_ = false;
}

Token Scanner::Fail(uint32_t pos, std::string message) {
  if (!failed_) {
    failed_ = true;
    error_.pos = pos;
    error_.message = std::move(message);
  }
  return Token{Tok::kIllegal, pos, pos};
}

bool Scanner::StartLine() {
  for (;;) {
    int col = 0;
    uint32_t p = pos_;
    uint32_t tab_at = UINT32_MAX;
    while (p < end_) {
      char c = text_[p];
      if (c == ' ') {
        ++col;
      } else if (c == '\t') {
        if (tab_at == UINT32_MAX) tab_at = p;
        col += 8 - col % 8;
      } else if (c == '\r' || c == '\f') {
        // ignored
      } else {
        break;
      }
      ++p;
    }
    if (p >= end_) {  // trailing blank line: EOF handles the outdents
      pos_ = p;
      return true;
    }
    char c = text_[p];
    if (c == '#') {
      uint32_t q = p;
      while (q < end_ && text_[q] != '\n') ++q;
      comments_.push_back(Comment{p, q});
      pos_ = q < end_ ? q + 1 : q;
      continue;
    }
    if (c == '\n') {
      pos_ = p + 1;
      continue;
    }
    pos_ = p;
    if (tab_at != UINT32_MAX && !options_.allow_tabs) {
      Fail(tab_at, "tab characters are not allowed in indentation");
      return false;
    }
    if (col > indents_.back()) {
      indents_.push_back(col);
      pending_ = 1;
    } else if (col < indents_.back()) {
      int count = 0;
      while (indents_.back() > col) {
        indents_.pop_back();
        ++count;
      }
      if (indents_.back() != col) {
        Fail(p, "unindent does not match any outer indentation level");
        return false;
      }
      pending_ = -count;
    }
    return true;
  }
}

Token Scanner::Next() {
  if (failed_) return Token{Tok::kIllegal, error_.pos, error_.pos};
  for (;;) {
    if (pending_ > 0) {
      --pending_;
      return Make(Tok::kIndent, pos_, pos_);
    }
    if (pending_ < 0) {
      ++pending_;
      return Make(Tok::kOutdent, pos_, pos_);
    }
    if (at_line_start_) {
      at_line_start_ = false;
      if (!StartLine()) return Token{Tok::kIllegal, error_.pos, error_.pos};
      if (pending_ != 0) continue;
    }
    // Skip blanks within the line.
    {
      // A local index: stores to the member would be reloaded after every
      // byte read (a char read may alias it).
      uint32_t p = pos_;
      while (p < end_ && Is(text_[p], kBlank)) ++p;
      pos_ = p;
    }
    if (pos_ >= end_) {
      if (!expression_mode_) {
        if (paren_depth_ == 0 && !last_was_newline_) {
          last_was_newline_ = true;
          return Make(Tok::kNewline, pos_, pos_);
        }
        if (indents_.size() > 1) {
          indents_.pop_back();
          return Make(Tok::kOutdent, pos_, pos_);
        }
      }
      return Make(Tok::kEOF, pos_, pos_);
    }
    const uint32_t start = pos_;
    const char c = text_[pos_];
    if (c == '#') {
      while (pos_ < end_ && text_[pos_] != '\n') ++pos_;
      comments_.push_back(Comment{start, pos_});
      continue;
    }
    if (c == '\n') {
      ++pos_;
      if (paren_depth_ > 0 || expression_mode_) continue;
      at_line_start_ = true;
      if (last_was_newline_) continue;
      last_was_newline_ = true;
      return Make(Tok::kNewline, start, start + 1);
    }
    if (c == '\\') {
      uint32_t p = pos_ + 1;
      if (p < end_ && text_[p] == '\r') ++p;
      if (p < end_ && text_[p] == '\n') {
        pos_ = p + 1;
        continue;
      }
      return Fail(start, "unexpected input character '\\'");
    }
    last_was_newline_ = false;
    auto u = static_cast<unsigned char>(c);
    if (IsIdentStart(u)) {
      uint32_t p = pos_ + 1;
      while (p < end_ && IsIdentChar(static_cast<unsigned char>(text_[p]))) {
        ++p;
      }
      std::string_view word(text_ + start, p - start);
      if (p < end_ && (text_[p] == '"' || text_[p] == '\'') &&
          word.size() <= 2) {
        bool raw = false, bytes = false, f = false, ok = true;
        for (char w : word) {
          if (w == 'r' || w == 'R') {
            ok = ok && !raw;
            raw = true;
          } else if (w == 'b' || w == 'B') {
            ok = ok && !bytes && !f;
            bytes = true;
          } else if ((w == 'f' || w == 'F') && options_.fstrings) {
            ok = ok && !bytes && !f;
            f = true;
          } else {
            ok = false;
          }
        }
        if (ok) {
          pos_ = p;
          return ScanString(start, raw, bytes, f);
        }
      }
      pos_ = p;
      return Make(KeywordOrIdent(word), start, p);
    }
    if (c >= '0' && c <= '9') return ScanNumber(start);
    if (c == '"' || c == '\'') return ScanString(start, false, false, false);
    auto next = [&](uint32_t k) -> char {
      return pos_ + k < end_ ? text_[pos_ + k] : '\0';
    };
    auto op = [&](Tok kind, uint32_t len) {
      pos_ += len;
      return Make(kind, start, pos_);
    };
    switch (c) {
      case '.':
        if (next(1) >= '0' && next(1) <= '9') return ScanNumber(start);
        return op(Tok::kDot, 1);
      case ',':
        return op(Tok::kComma, 1);
      case ';':
        return op(Tok::kSemi, 1);
      case ':':
        return op(Tok::kColon, 1);
      case '~':
        return op(Tok::kTilde, 1);
      case '(':
        ++paren_depth_;
        return op(Tok::kLParen, 1);
      case '[':
        ++paren_depth_;
        return op(Tok::kLBrack, 1);
      case '{':
        ++paren_depth_;
        return op(Tok::kLBrace, 1);
      case ')':
      case ']':
      case '}':
        if (paren_depth_ == 0 && !expression_mode_) {
          return Fail(start, absl::StrFormat("unexpected '%c'", c));
        }
        --paren_depth_;
        return op(c == ')'   ? Tok::kRParen
                  : c == ']' ? Tok::kRBrack
                             : Tok::kRBrace,
                  1);
      case '+':
        return next(1) == '=' ? op(Tok::kPlusEq, 2) : op(Tok::kPlus, 1);
      case '-':
        if (next(1) == '>') return op(Tok::kArrow, 2);
        return next(1) == '=' ? op(Tok::kMinusEq, 2) : op(Tok::kMinus, 1);
      case '*':
        if (next(1) == '*') return op(Tok::kStarStar, 2);
        return next(1) == '=' ? op(Tok::kStarEq, 2) : op(Tok::kStar, 1);
      case '/':
        if (next(1) == '/') {
          return next(2) == '=' ? op(Tok::kSlashSlashEq, 3)
                                : op(Tok::kSlashSlash, 2);
        }
        return next(1) == '=' ? op(Tok::kSlashEq, 2) : op(Tok::kSlash, 1);
      case '%':
        return next(1) == '=' ? op(Tok::kPercentEq, 2) : op(Tok::kPercent, 1);
      case '&':
        return next(1) == '=' ? op(Tok::kAmpEq, 2) : op(Tok::kAmp, 1);
      case '|':
        return next(1) == '=' ? op(Tok::kPipeEq, 2) : op(Tok::kPipe, 1);
      case '^':
        return next(1) == '=' ? op(Tok::kCaretEq, 2) : op(Tok::kCaret, 1);
      case '<':
        if (next(1) == '<') {
          return next(2) == '=' ? op(Tok::kLtLtEq, 3) : op(Tok::kLtLt, 2);
        }
        return next(1) == '=' ? op(Tok::kLe, 2) : op(Tok::kLt, 1);
      case '>':
        if (next(1) == '>') {
          return next(2) == '=' ? op(Tok::kGtGtEq, 3) : op(Tok::kGtGt, 2);
        }
        return next(1) == '=' ? op(Tok::kGe, 2) : op(Tok::kGt, 1);
      case '=':
        return next(1) == '=' ? op(Tok::kEqEq, 2) : op(Tok::kEq, 1);
      case '!':
        if (next(1) == '=') return op(Tok::kNe, 2);
        break;
      default:
        break;
    }
    if (u >= 0x20 && u < 0x7f) {
      return Fail(start, absl::StrFormat("unexpected input character '%c'", c));
    }
    return Fail(start,
                absl::StrFormat("unexpected input character '\\x%02x'", u));
  }
}

Token Scanner::ScanString(uint32_t start, bool raw, bool bytes, bool fstring) {
  const char quote = text_[pos_];
  bool triple =
      pos_ + 2 < end_ && text_[pos_ + 1] == quote && text_[pos_ + 2] == quote;
  uint32_t p = pos_ + (triple ? 3 : 1);
  const uint32_t body = p;
  uint32_t body_end;
  bool has_escape = false;
  for (;;) {
    while (p < end_ && !Is(text_[p], kStringSpecial)) ++p;
    if (p >= end_) return Fail(start, "unexpected EOF in string");
    char c = text_[p];
    if (c == '\\') {
      has_escape = true;
      p += 2;
      continue;
    }
    if (c == '\r') has_escape = true;  // CRLF is normalized by decoding
    if (c == '\n' && !triple) return Fail(p, "unexpected newline in string");
    if (c == quote) {
      if (!triple) {
        body_end = p;
        p += 1;
        break;
      }
      if (p + 2 < end_ && text_[p + 1] == quote && text_[p + 2] == quote) {
        body_end = p;
        p += 3;
        break;
      }
    }
    ++p;
  }
  if (body_end > end_) return Fail(start, "unexpected EOF in string");
  pos_ = p;
  body_begin_ = body;
  body_end_ = body_end;
  body_raw_ = raw;
  if (fstring) return Make(Tok::kFString, start, p);
  std::string_view text(text_ + body, body_end - body);
  if (!has_escape) {
    string_view_ = text;
  } else {
    ScanError error;
    if (!DecodeStringBody(text, body, raw, bytes, &string_value_, &error)) {
      return Fail(error.pos, error.message);
    }
    string_view_ = string_value_;
  }
  return Make(bytes ? Tok::kBytes : Tok::kString, start, p);
}

Token Scanner::ScanNumber(uint32_t start) {
  uint32_t p = start;
  auto at = [&](uint32_t k) -> char { return k < end_ ? text_[k] : '\0'; };
  int base = 10;
  if (at(p) == '0') {
    char x = at(p + 1);
    if (x == 'x' || x == 'X') base = 16;
    if (x == 'o' || x == 'O') base = 8;
    if (x == 'b' || x == 'B') base = 2;
  }
  if (base != 10) {
    p += 2;
    uint32_t digits = p;
    while (IsIdentChar(static_cast<unsigned char>(at(p)))) ++p;
    int_small_ = true;
    int_value_ = 0;
    if (p == digits) return Fail(start, "invalid int literal");
    for (uint32_t k = digits; k < p; ++k) {
      int d = DigitValue(text_[k]);
      if (d >= base) return Fail(start, "invalid int literal");
      if (int_small_) {
        if (int_value_ > (std::numeric_limits<int64_t>::max() - d) / base) {
          int_small_ = false;
        } else {
          int_value_ = int_value_ * base + d;
        }
      }
    }
    pos_ = p;
    return Make(Tok::kInt, start, p);
  }
  while (at(p) >= '0' && at(p) <= '9') ++p;
  bool is_float = false;
  if (at(p) == '.') {
    is_float = true;
    ++p;
    while (at(p) >= '0' && at(p) <= '9') ++p;
  }
  if (at(p) == 'e' || at(p) == 'E') {
    uint32_t q = p + 1;
    if (at(q) == '+' || at(q) == '-') ++q;
    if (at(q) >= '0' && at(q) <= '9') {
      is_float = true;
      p = q;
      while (at(p) >= '0' && at(p) <= '9') ++p;
    }
  }
  if (IsIdentChar(static_cast<unsigned char>(at(p)))) {
    return Fail(start, "invalid number literal");
  }
  pos_ = p;
  if (is_float) return Make(Tok::kFloat, start, p);
  if (text_[start] == '0' && p - start > 1) {
    for (uint32_t k = start; k < p; ++k) {
      if (text_[k] != '0') {
        return Fail(start,
                    "obsolete form of octal literal; use 0o prefix for octal");
      }
    }
  }
  int_small_ = true;
  int_value_ = 0;
  for (uint32_t k = start; k < p; ++k) {
    int d = text_[k] - '0';
    if (int_value_ > (std::numeric_limits<int64_t>::max() - d) / 10) {
      int_small_ = false;
      break;
    }
    int_value_ = int_value_ * 10 + d;
  }
  return Make(Tok::kInt, start, p);
}

}  // namespace warden::lang
