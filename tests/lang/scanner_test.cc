#include "lang/scanner.h"

#include <gtest/gtest.h>

#include <string>
#include <vector>

namespace warden::lang {
namespace {

std::vector<Tok> Kinds(const std::string& text, ScanOptions opts = {}) {
  Source src("t.star", text);
  Scanner sc(src, opts);
  std::vector<Tok> out;
  for (int i = 0; i < 1000; ++i) {
    Token t = sc.Next();
    out.push_back(t.kind);
    if (t.kind == Tok::kEOF || t.kind == Tok::kIllegal) break;
  }
  return out;
}

std::string ScanError(const std::string& text, ScanOptions opts = {}) {
  Source src("t.star", text);
  Scanner sc(src, opts);
  for (int i = 0; i < 1000; ++i) {
    Token t = sc.Next();
    if (t.kind == Tok::kIllegal) return sc.error().message;
    if (t.kind == Tok::kEOF) break;
  }
  return "";
}

std::string FirstString(const std::string& text) {
  Source src("t.star", text);
  Scanner sc(src, {});
  Token t = sc.Next();
  if (t.kind != Tok::kString) return "<" + sc.error().message + ">";
  return std::string(sc.string_value());
}

TEST(ScannerTest, IndentationProducesIndentAndOutdent) {
  EXPECT_EQ(Kinds("def f():\n  pass\nx\n"),
            (std::vector<Tok>{
                Tok::kDef, Tok::kIdent, Tok::kLParen, Tok::kRParen, Tok::kColon,
                Tok::kNewline, Tok::kIndent, Tok::kPass, Tok::kNewline,
                Tok::kOutdent, Tok::kIdent, Tok::kNewline, Tok::kEOF}));
}

TEST(ScannerTest, OutdentsAtEndOfFileWithoutNewline) {
  EXPECT_EQ(
      Kinds("if x:\n  if y:\n    z"),
      (std::vector<Tok>{Tok::kIf, Tok::kIdent, Tok::kColon, Tok::kNewline,
                        Tok::kIndent, Tok::kIf, Tok::kIdent, Tok::kColon,
                        Tok::kNewline, Tok::kIndent, Tok::kIdent, Tok::kNewline,
                        Tok::kOutdent, Tok::kOutdent, Tok::kEOF}));
}

TEST(ScannerTest, NewlinesInsideBracketsAndAfterBackslashAreJoined) {
  EXPECT_EQ(Kinds("x = [1,\n  2]\ny = 1 + \\\n 2\n"),
            (std::vector<Tok>{
                Tok::kIdent, Tok::kEq, Tok::kLBrack, Tok::kInt, Tok::kComma,
                Tok::kInt, Tok::kRBrack, Tok::kNewline, Tok::kIdent, Tok::kEq,
                Tok::kInt, Tok::kPlus, Tok::kInt, Tok::kNewline, Tok::kEOF}));
}

TEST(ScannerTest, CommentsAreKeptAndBlankLinesIgnored) {
  Source src("t.star", "# head\n\n  # indented comment\nx = 1  # tail\n");
  Scanner sc(src, {});
  while (sc.Next().kind != Tok::kEOF) {
  }
  ASSERT_EQ(sc.comments().size(), 3u);
  EXPECT_EQ(src.text().substr(sc.comments()[2].pos,
                              sc.comments()[2].end - sc.comments()[2].pos),
            "# tail");
}

TEST(ScannerTest, TabsRejectedUnlessAllowed) {
  EXPECT_EQ(ScanError("if x:\n\tpass\n"),
            "tab characters are not allowed in indentation");
  EXPECT_EQ(ScanError("if x:\n\tpass\n", ScanOptions{true, false}), "");
}

TEST(ScannerTest, UnindentMismatch) {
  EXPECT_EQ(ScanError("if x:\n    a\n  b\n"),
            "unindent does not match any outer indentation level");
}

TEST(ScannerTest, StringEscapes) {
  EXPECT_EQ(FirstString(R"("a\tb\n\\\'\"")"), "a\tb\n\\'\"");
  EXPECT_EQ(FirstString(R"("\a\b\f\r\v")"), "\a\b\f\r\v");
  EXPECT_EQ(FirstString(R"("\101\x41\u00e9\U0001F600")"),
            "AA\xc3\xa9\xf0\x9f\x98\x80");
  EXPECT_EQ(FirstString(R"("\0")"), std::string(1, '\0'));
  EXPECT_EQ(FirstString("\"a\\\nb\""), "ab");
  EXPECT_EQ(FirstString(R"(r"a\nb\"")"), "a\\nb\\\"");
  EXPECT_EQ(FirstString("'''x\n'y'\n'''"), "x\n'y'\n");
  EXPECT_EQ(FirstString(R"("""a"b""")"), "a\"b");
}

TEST(ScannerTest, StringErrors) {
  EXPECT_EQ(FirstString(R"("\x-0")"), "<invalid escape sequence \\x-0>");
  EXPECT_EQ(FirstString(R"("\q")"), "<invalid escape sequence \\q>");
  EXPECT_EQ(FirstString(R"("\xff")"),
            "<non-ASCII hex escape \\xff (use \\u00FF for the UTF-8 encoding "
            "of U+00FF)>");
  EXPECT_EQ(FirstString(R"("\ud800")"), "<invalid Unicode code point \\ud800>");
  EXPECT_EQ(FirstString("'abc\n'"), "<unexpected newline in string>");
  EXPECT_EQ(FirstString("'''abc"), "<unexpected EOF in string>");
}

TEST(ScannerTest, IntLiterals) {
  Source src("t.star", "0 123 0x1F 0o17 0b101 99999999999999999999999");
  Scanner sc(src, {});
  std::vector<int64_t> values;
  for (Token t = sc.Next(); t.kind == Tok::kInt; t = sc.Next()) {
    if (sc.int_small())
      values.push_back(sc.int_value());
    else
      values.push_back(-1);
  }
  EXPECT_EQ(values, (std::vector<int64_t>{0, 123, 31, 15, 5, -1}));
  EXPECT_EQ(ScanError("012"),
            "obsolete form of octal literal; use 0o prefix for octal");
  EXPECT_EQ(ScanError("0x"), "invalid int literal");
  EXPECT_EQ(ScanError("0b102"), "invalid int literal");
  EXPECT_EQ(Kinds("1.5 .5 1e3")[0], Tok::kFloat);
}

TEST(ScannerTest, UnbalancedCloser) {
  EXPECT_EQ(ScanError("a = f(x))\n"), "unexpected ')'");
  EXPECT_EQ(ScanError("a = $\n"), "unexpected input character '$'");
}

TEST(ScannerTest, FStringsOnlyWithOption) {
  EXPECT_EQ(Kinds("f'x'")[0], Tok::kIdent);
  EXPECT_EQ(Kinds("f'x'", ScanOptions{false, true})[0], Tok::kFString);
}

}  // namespace
}  // namespace warden::lang
