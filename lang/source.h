// Source text of one file and the diagnostics that point into it.
//
// Every later stage (scanner, parser, resolver, evaluator, rules engine, lint)
// refers to source locations by byte offset; Source turns an offset into
// line:column only when a message is printed, so the hot paths carry 4-byte
// offsets instead of positions.
#ifndef WARDEN_LANG_SOURCE_H_
#define WARDEN_LANG_SOURCE_H_

#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

#include "lang/read_file.h"

namespace warden::lang {

// 1-based line and column; column counts bytes. {0, 0} means "no position".
struct Position {
  int32_t line = 0;
  int32_t col = 0;
  bool known() const { return line > 0; }
  friend bool operator==(const Position&, const Position&) = default;
};

// An immutable file: its display name (a path as the user gave it) and its
// bytes. Not copyable or movable: syntax trees and diagnostics point into it.
class Source {
 public:
  Source(std::string name, std::string text);
  // Keeps the buffer ReadFile filled (no copy of a multi-megabyte file).
  Source(std::string name, FileText text);
  Source(const Source&) = delete;
  Source& operator=(const Source&) = delete;

  const std::string& name() const { return name_; }
  std::string_view text() const { return text_; }

  // Position of byte `offset` (clamped to the end of the text).
  Position PositionOf(uint32_t offset) const;
  // The text of 1-based line `line`, without its line terminator; empty if out
  // of range.
  std::string_view Line(int32_t line) const;

 private:
  void IndexLines();

  std::string name_;
  std::string owned_text_;  // one of these two holds the bytes
  FileText file_text_;
  std::string_view text_;
  std::vector<uint32_t> line_starts_;  // byte offset where each line begins
};

enum class Severity { kError, kWarning, kNote };

// One message about a place in a file. `source_line` is the text of the line
// the caret points into (empty when there is no source); `backtrace` holds one
// line per call frame, innermost first, for runtime errors.
struct Diagnostic {
  Severity severity = Severity::kError;
  std::string file;
  Position pos;
  std::string message;
  std::string source_line;
  std::vector<std::string> backtrace;
};

// Builds a diagnostic located at `offset` of `source`, with its source line
// filled in.
Diagnostic MakeDiagnostic(const Source& source, uint32_t offset,
                          std::string message,
                          Severity severity = Severity::kError);

// "FILE:LINE:COL: error: MESSAGE" then, indented, the source line, a caret
// under the column, and the backtrace lines. Ends with a newline.
std::string FormatDiagnostic(const Diagnostic& diagnostic);

std::string_view SeverityName(Severity severity);

}  // namespace warden::lang

#endif  // WARDEN_LANG_SOURCE_H_
