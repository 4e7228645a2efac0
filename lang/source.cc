#include "lang/source.h"

#include <algorithm>
#include <cstring>
#include <utility>

namespace warden::lang {

Source::Source(std::string name, std::string text)
    : name_(std::move(name)), owned_text_(std::move(text)), text_(owned_text_) {
  IndexLines();
}

Source::Source(std::string name, FileText text)
    : name_(std::move(name)),
      file_text_(std::move(text)),
      text_(file_text_.view()) {
  IndexLines();
}

void Source::IndexLines() {
  // memchr and one exact allocation: this runs over every byte of
  // multi-megabyte generated policies.
  const char* begin = text_.data();
  const char* end = begin + text_.size();
  size_t lines = 1;
  for (const char* p = begin;
       (p = static_cast<const char*>(std::memchr(p, '\n', end - p))) != nullptr;
       ++p) {
    ++lines;
  }
  line_starts_.reserve(lines);
  line_starts_.push_back(0);
  for (const char* p = begin;
       (p = static_cast<const char*>(std::memchr(p, '\n', end - p))) != nullptr;
       ++p) {
    line_starts_.push_back(static_cast<uint32_t>(p - begin) + 1);
  }
}

Position Source::PositionOf(uint32_t offset) const {
  offset = std::min<uint32_t>(offset, static_cast<uint32_t>(text_.size()));
  // The last line start <= offset.
  auto it = std::upper_bound(line_starts_.begin(), line_starts_.end(), offset);
  auto line = static_cast<int32_t>(it - line_starts_.begin());
  return Position{line, static_cast<int32_t>(offset - *(it - 1)) + 1};
}

std::string_view Source::Line(int32_t line) const {
  if (line < 1 || line > static_cast<int32_t>(line_starts_.size())) return {};
  uint32_t begin = line_starts_[line - 1];
  uint32_t end = line < static_cast<int32_t>(line_starts_.size())
                     ? line_starts_[line] - 1
                     : static_cast<uint32_t>(text_.size());
  std::string_view result = text_.substr(begin, end - begin);
  if (!result.empty() && result.back() == '\r') result.remove_suffix(1);
  return result;
}

Diagnostic MakeDiagnostic(const Source& source, uint32_t offset,
                          std::string message, Severity severity) {
  Diagnostic d;
  d.severity = severity;
  d.file = source.name();
  d.pos = source.PositionOf(offset);
  d.message = std::move(message);
  d.source_line = std::string(source.Line(d.pos.line));
  return d;
}

std::string_view SeverityName(Severity severity) {
  switch (severity) {
    case Severity::kError:
      return "error";
    case Severity::kWarning:
      return "warning";
    case Severity::kNote:
      return "note";
  }
  return "error";
}

std::string FormatDiagnostic(const Diagnostic& d) {
  std::string out = d.file;
  if (d.pos.known()) {
    out += ":" + std::to_string(d.pos.line) + ":" + std::to_string(d.pos.col);
  }
  out += ": ";
  out += SeverityName(d.severity);
  out += ": ";
  out += d.message;
  out += "\n";
  if (d.pos.known() && !d.source_line.empty()) {
    out += "    ";
    out += d.source_line;
    out += "\n    ";
    // Keep tabs under tabs so the caret lines up whatever the tab width.
    for (int32_t i = 0;
         i + 1 < d.pos.col && i < static_cast<int32_t>(d.source_line.size());
         ++i) {
      out += d.source_line[i] == '\t' ? '\t' : ' ';
    }
    out += "^\n";
  }
  for (const auto& frame : d.backtrace) {
    out += "  ";
    out += frame;
    out += "\n";
  }
  return out;
}

}  // namespace warden::lang
