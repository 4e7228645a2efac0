// Fuzzes the formatter as a property (`warden fmt`): for any text that
// parses in the .rules dialect,
//   * FormatSource succeeds (its internal self-check never fires);
//   * the output parses to the same syntax tree, ignoring positions
//     (fuzz/syntax_equal.h, independent of the formatter's own check);
//   * every comment survives, in order, with the same text;
//   * formatting the output again gives the same bytes (idempotence).
// Text that does not parse must be refused by the formatter too. Each input
// is formatted at the default width and at a narrow one, which forces the
// one-element-per-line layout and comment placement inside brackets.
#include <cstdint>
#include <cstdio>
#include <cstdlib>
#include <memory>
#include <string>
#include <string_view>
#include <vector>

#include "fuzz/syntax_equal.h"
#include "lang/parser.h"
#include "lang/source.h"
#include "lang/source_formatter.h"

namespace {

using namespace warden::lang;

[[noreturn]] void Fail(const char* what, std::string_view detail) {
  std::fprintf(stderr, "fuzz_format_roundtrip: %s: %.*s\n", what,
               static_cast<int>(detail.size()), detail.data());
  std::abort();
}

// Comment texts in file order, trailing blanks dropped (the formatter may
// trim them; nothing else about a comment may change).
std::vector<std::string_view> CommentTexts(const File& file,
                                           const Source& source) {
  std::vector<std::string_view> out;
  for (const Comment& c : file.comments) {
    std::string_view text = source.text().substr(c.pos, c.end - c.pos);
    while (!text.empty() &&
           (text.back() == ' ' || text.back() == '\t' || text.back() == '\r')) {
      text.remove_suffix(1);
    }
    out.push_back(text);
  }
  return out;
}

void CheckRoundTrip(const Source& source, const File& before, int width) {
  FormatOptions options;
  options.max_width = width;
  std::string formatted;
  Diagnostic error;
  if (!FormatSource(source, options, &formatted, &error)) {
    Fail("a file that parses was not formatted", error.message);
  }
  Source after_source("fuzz.rules", formatted);
  Diagnostic after_error;
  std::unique_ptr<File> after =
      Parse(after_source, options.parse, &after_error);
  if (after == nullptr) Fail("formatted text does not parse", formatted);
  std::string where;
  if (!warden::fuzz::SyntaxEqual(before, *after, &where)) {
    Fail("formatting changed the syntax tree", where + "\n" + formatted);
  }
  if (CommentTexts(before, source) != CommentTexts(*after, after_source)) {
    Fail("formatting lost or changed a comment", formatted);
  }
  std::string again;
  if (!FormatSource(after_source, options, &again, &error)) {
    Fail("formatted text was not formatted again", error.message);
  }
  if (again != formatted) {
    Fail("formatting is not idempotent", formatted + "\n----\n" + again);
  }
}

void CheckChunk(std::string_view text) {
  Source source("fuzz.rules", std::string(text));
  FormatOptions defaults;
  Diagnostic error;
  std::unique_ptr<File> before = Parse(source, defaults.parse, &error);
  if (before == nullptr) {
    std::string out;
    Diagnostic format_error;
    if (FormatSource(source, defaults, &out, &format_error)) {
      Fail("text that does not parse was formatted", error.message);
    }
    return;
  }
  CheckRoundTrip(source, *before, defaults.max_width);
  CheckRoundTrip(source, *before, 16);
}

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  std::string_view input(reinterpret_cast<const char*>(data), size);
  // The conformance seeds' chunk convention: a line that is exactly `---`
  // separates independent programs, each checked on its own.
  size_t start = 0;
  while (start <= input.size()) {
    size_t end = start;
    while (true) {
      size_t nl = input.find('\n', end);
      if (nl == std::string_view::npos) {
        end = input.size();
        break;
      }
      if (input.substr(nl + 1, 4) == "---\n" ||
          (nl + 4 == input.size() && input.substr(nl + 1) == "---")) {
        end = nl + 1;
        break;
      }
      end = nl + 1;
    }
    CheckChunk(input.substr(start, end - start));
    if (end >= input.size()) break;
    start = end + 4;  // past "---\n"
  }
  return 0;
}
