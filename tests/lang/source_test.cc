#include "lang/source.h"

#include <gtest/gtest.h>

namespace warden::lang {
namespace {

TEST(SourceTest, PositionsAreOneBasedLineAndByteColumn) {
  Source src("f.star", "ab\ncd\n\nx");
  EXPECT_EQ(src.PositionOf(0), (Position{1, 1}));
  EXPECT_EQ(src.PositionOf(1), (Position{1, 2}));
  EXPECT_EQ(src.PositionOf(2), (Position{1, 3}));  // the newline itself
  EXPECT_EQ(src.PositionOf(3), (Position{2, 1}));
  EXPECT_EQ(src.PositionOf(6), (Position{3, 1}));
  EXPECT_EQ(src.PositionOf(7), (Position{4, 1}));
  EXPECT_EQ(src.PositionOf(999), (Position{4, 2}));  // clamped to end of text
}

TEST(SourceTest, LineStripsTerminators) {
  Source src("f", "one\r\ntwo\nthree");
  EXPECT_EQ(src.Line(1), "one");
  EXPECT_EQ(src.Line(2), "two");
  EXPECT_EQ(src.Line(3), "three");
  EXPECT_EQ(src.Line(0), "");
  EXPECT_EQ(src.Line(4), "");
}

TEST(SourceTest, FormatsDiagnosticWithCaretAndBacktrace) {
  Source src("rules/a.rules", "x = 1\n\tfoo(bar)\n");
  Diagnostic d = MakeDiagnostic(src, 11, "undefined: bar");
  d.backtrace = {"rules/a.rules:2:6: in <toplevel>"};
  EXPECT_EQ(FormatDiagnostic(d),
            "rules/a.rules:2:6: error: undefined: bar\n"
            "    \tfoo(bar)\n"
            "    \t    ^\n"
            "  rules/a.rules:2:6: in <toplevel>\n");
}

TEST(SourceTest, FormatsDiagnosticWithoutPosition) {
  Diagnostic d;
  d.file = "a.rules";
  d.severity = Severity::kWarning;
  d.message = "no rules";
  EXPECT_EQ(FormatDiagnostic(d), "a.rules: warning: no rules\n");
}

}  // namespace
}  // namespace warden::lang
