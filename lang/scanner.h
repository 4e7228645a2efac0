// The Starlark scanner: source bytes -> tokens, with indentation turned into
// INDENT/OUTDENT tokens and newlines inside brackets or after `\` dropped.
//
// Tokens reference the source by offset; the decoded value of the most
// recent string or int literal is held by the scanner until the next call to
// Next(), so scanning allocates nothing per token. Comments are recorded (as
// byte ranges) for the formatter. The scanner stops at its first error: Next()
// then returns kIllegal forever and error() says why.
#ifndef WARDEN_LANG_SCANNER_H_
#define WARDEN_LANG_SCANNER_H_

#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

#include "lang/source.h"
#include "lang/token.h"

namespace warden::lang {

struct ScanOptions {
  // Accept tab characters in indentation (a tab advances to the next multiple
  // of 8 columns, as in starlark-go). Off by default: a tab in indentation is
  // an error, since its width is ambiguous to readers.
  bool allow_tabs = false;
  // Recognize f"..." literals (kFString).
  bool fstrings = false;
};

struct Comment {
  uint32_t pos = 0;  // offset of '#'
  uint32_t end = 0;  // offset of the end of the line
};

struct ScanError {
  uint32_t pos = 0;
  std::string message;
};

// Decodes the body of a string literal (between its quotes). `raw` keeps
// backslashes (a backslash still protects the following character). On error
// returns false and sets `*error` (pos is relative to `body`'s offset
// `body_pos`).
bool DecodeStringBody(std::string_view body, uint32_t body_pos, bool raw,
                      bool bytes, std::string* out, ScanError* error);

class Scanner {
 public:
  // Scans source bytes [begin, end). In `expression_mode` the text is an
  // expression nested in another literal (an f-string field): no
  // indentation, newlines ignored.
  Scanner(const Source& source, const ScanOptions& options, uint32_t begin = 0,
          uint32_t end = UINT32_MAX, bool expression_mode = false);

  // The next token. After an error, returns kIllegal.
  Token Next();

  bool failed() const { return failed_; }
  const ScanError& error() const { return error_; }

  // Literal values of the most recent token.
  // kString/kBytes: the decoded value.
  // Points into the source when the literal has no escapes.
  std::string_view string_value() const { return string_view_; }
  bool string_in_source() const {
    return string_view_.data() != string_value_.data();
  }
  // kFString: the undecoded body between the quotes and whether it is raw.
  uint32_t body_begin() const { return body_begin_; }
  uint32_t body_end() const { return body_end_; }
  bool body_raw() const { return body_raw_; }
  // kInt: whether the value fits in int64, then the value, else the text.
  bool int_small() const { return int_small_; }
  int64_t int_value() const { return int_value_; }

  const std::vector<Comment>& comments() const { return comments_; }

 private:
  Token Fail(uint32_t pos, std::string message);
  Token Make(Tok kind, uint32_t pos, uint32_t end) const {
    return Token{kind, pos, end};
  }
  // Handles the start of a logical line: measures indentation, skips blank
  // lines, and queues INDENT/OUTDENT tokens. Returns false on error.
  bool StartLine();
  Token ScanString(uint32_t start, bool raw, bool bytes, bool fstring);
  Token ScanNumber(uint32_t start);

  const char* text_;
  uint32_t pos_;
  uint32_t end_;
  ScanOptions options_;
  bool expression_mode_;
  bool at_line_start_ = true;
  bool failed_ = false;
  ScanError error_;
  int paren_depth_ = 0;
  int pending_ = 0;               // >0: INDENTs to emit, <0: OUTDENTs to emit
  bool last_was_newline_ = true;  // to synthesize a final NEWLINE at EOF
  bool eof_done_ = false;
  std::vector<int> indents_{0};
  std::vector<Comment> comments_;
  std::string string_value_;
  std::string_view string_view_;
  uint32_t body_begin_ = 0, body_end_ = 0;
  bool body_raw_ = false;
  bool int_small_ = true;
  int64_t int_value_ = 0;
};

}  // namespace warden::lang

#endif  // WARDEN_LANG_SCANNER_H_
