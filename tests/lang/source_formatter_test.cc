#include "lang/source_formatter.h"

#include <gtest/gtest.h>

#include <filesystem>
#include <fstream>
#include <sstream>
#include <string>
#include <vector>

namespace warden::lang {
namespace {

namespace fs = std::filesystem;

std::string Format(const std::string& text, FormatOptions options = {}) {
  Source source("test.rules", text);
  std::string out;
  Diagnostic error;
  EXPECT_TRUE(FormatSource(source, options, &out, &error))
      << FormatDiagnostic(error);
  // Idempotence, on every input the tests use.
  Source again("test.rules", out);
  std::string twice;
  EXPECT_TRUE(FormatSource(again, options, &twice, &error))
      << FormatDiagnostic(error);
  EXPECT_EQ(out, twice) << "not idempotent for:\n" << text;
  return out;
}

TEST(SourceFormatterTest, SpacingAndQuotes) {
  EXPECT_EQ(Format("x=1\ny = [1,2 , 3][1:2]\nz={'a':-1}\n"),
            "x = 1\ny = [1, 2, 3][1:2]\nz = {\"a\": -1}\n");
  EXPECT_EQ(Format("f( a,*args,b=2,**kw )\n"), "f(a, *args, b = 2, **kw)\n");
  EXPECT_EQ(
      Format("x = a-b*-c\ny = not x in z\nw = lambda a,b: a if b else -a\n"),
      "x = a - b * -c\ny = not x in z\nw = lambda a, b: a if b else -a\n");
  EXPECT_EQ(Format("s = x[ : -1 ]\nt = x[::2]\nu = f (x) [0] . y\n"),
            "s = x[:-1]\nt = x[::2]\nu = f(x)[0].y\n");
}

TEST(SourceFormatterTest, QuoteRewrites) {
  EXPECT_EQ(Format("a = 'x'\n"), "a = \"x\"\n");
  EXPECT_EQ(Format("a = 'say \"hi\"'\n"), "a = 'say \"hi\"'\n");
  EXPECT_EQ(Format("a = 'it\\'s'\n"), "a = \"it's\"\n");
  EXPECT_EQ(Format("a = 'one \" and \\' '\n"), "a = \"one \\\" and ' \"\n");
  EXPECT_EQ(Format("a = r'\\d+'\n"), "a = r\"\\d+\"\n");
  EXPECT_EQ(Format("a = r'\"'\n"), "a = r'\"'\n");
  EXPECT_EQ(Format("a = '''x\ny'''\n"), "a = \"\"\"x\ny\"\"\"\n");
  EXPECT_EQ(Format("a = f'{x}'\n"), "a = f\"{x}\"\n");
}

TEST(SourceFormatterTest, LongCallsBreakOneKeywordPerLine) {
  std::string in =
      "prefix_rule(pattern=['git', 'push', ['--force', '-f']], "
      "decision='forbidden', justification='Use git push "
      "--force-with-lease instead.')\n";
  EXPECT_EQ(Format(in),
            "prefix_rule(\n"
            "    pattern = [\"git\", \"push\", [\"--force\", \"-f\"]],\n"
            "    decision = \"forbidden\",\n"
            "    justification = \"Use git push --force-with-lease "
            "instead.\",\n"
            ")\n");
  // A call that fits stays on one line, and a broken one rejoins.
  EXPECT_EQ(Format("prefix_rule(\n    pattern = [\"ls\"],\n)\n"),
            "prefix_rule(pattern = [\"ls\"])\n");
}

TEST(SourceFormatterTest, NestedListsBreakConsistently) {
  std::string long_list = "x = [";
  for (int i = 0; i < 12; ++i) {
    long_list += "\"element-number-" + std::to_string(i) + "\", ";
  }
  long_list += "]\n";
  std::string expected = "x = [\n";
  for (int i = 0; i < 12; ++i) {
    expected += "    \"element-number-" + std::to_string(i) + "\",\n";
  }
  expected += "]\n";
  EXPECT_EQ(Format(long_list), expected);
}

TEST(SourceFormatterTest, WidthLimitIsExact) {
  // 100 columns fit, 101 do not.
  std::string fits = "x = [\"" + std::string(92, 'a') + "\"]\n";
  ASSERT_EQ(fits.size(), 101u);  // 100 columns + newline
  EXPECT_EQ(Format(fits), fits);
  std::string too_long = "x = [\"" + std::string(93, 'a') + "\"]\n";
  EXPECT_EQ(Format(too_long),
            "x = [\n    \"" + std::string(93, 'a') + "\",\n]\n");
  FormatOptions narrow;
  narrow.max_width = 20;
  EXPECT_EQ(Format("f(aaaaaa, bbbbbb, cccccc)\n", narrow),
            "f(\n    aaaaaa,\n    bbbbbb,\n    cccccc,\n)\n");
}

TEST(SourceFormatterTest, CommentsStayWhereTheyWere) {
  std::string in =
      "# header\n"
      "\n"
      "\n"
      "x = [  # open\n"
      "  1,  # one\n"
      "  # before two\n"
      "  2\n"
      "  # before close\n"
      "]  # after\n"
      "def f():\n"
      "  return 1\n"
      "  # end of f\n"
      "# top level\n"
      "y = 2\n"
      "# end of file\n";
  EXPECT_EQ(Format(in),
            "# header\n"
            "\n"
            "x = [  # open\n"
            "    1,  # one\n"
            "    # before two\n"
            "    2,\n"
            "    # before close\n"
            "]  # after\n"
            "def f():\n"
            "    return 1\n"
            "    # end of f\n"
            "# top level\n"
            "y = 2\n"
            "# end of file\n");
}

// A long expression inside brackets splits before its weakest operators; a
// comment inside it forces a line break right after the comment.
TEST(SourceFormatterTest, CommentInsideAnElementBreaksTheLine) {
  std::string in = "f(a + # why\n b, c)\n";
  EXPECT_EQ(Format(in),
            "f(\n"
            "    a\n"
            "    +  # why\n"
            "        b,\n"
            "    c,\n"
            ")\n");
}

TEST(SourceFormatterTest, TrailingCommasThatMatterAreKept) {
  EXPECT_EQ(Format("t = (1,)\n"), "t = (1,)\n");
  EXPECT_EQ(Format("t = (1, 2,)\n"), "t = (1, 2)\n");
  EXPECT_EQ(Format("t = f(1,)\n"), "t = f(1)\n");
  EXPECT_EQ(Format("t = 1, 2\n"), "t = 1, 2\n");
  // A parenthesized expression is not turned into a tuple when broken.
  FormatOptions narrow;
  narrow.max_width = 10;
  EXPECT_EQ(Format("x = (aaaa + bbbb)\n", narrow),
            "x = (\n    aaaa\n    + bbbb\n)\n");
  EXPECT_EQ(Format("x = [a for a in bbbbbbbb]\n", narrow),
            "x = [\n    a\n    for a in bbbbbbbb\n]\n");
}

TEST(SourceFormatterTest, BlankLinesAndIndentation) {
  EXPECT_EQ(
      Format("\n\nif x:\n\n\n  y = 1\n\n\n\n  z = 2\nelse:\n        w = 3\n"),
      "if x:\n    y = 1\n\n    z = 2\nelse:\n    w = 3\n");
  EXPECT_EQ(Format(""), "");
  EXPECT_EQ(Format("# only a comment"), "# only a comment\n");
  EXPECT_EQ(Format("x = 1 + \\\n  2\n"), "x = 1 + 2\n");
  EXPECT_EQ(Format("x = 1;   y = 2;\n"), "x = 1; y = 2;\n");
}

TEST(SourceFormatterTest, RefusesFilesThatDoNotParse) {
  Source source("bad.rules", "x = [1,\n");
  std::string out = "unchanged";
  Diagnostic error;
  EXPECT_FALSE(FormatSource(source, {}, &out, &error));
  EXPECT_EQ(out, "unchanged");
  EXPECT_EQ(error.file, "bad.rules");
  EXPECT_TRUE(error.pos.known());
}

TEST(SourceFormatterTest, FingerprintIgnoresLayoutOnly) {
  auto fingerprint = [](const std::string& text) {
    Source source("f", text);
    Diagnostic error;
    auto file = Parse(source, {}, &error);
    EXPECT_NE(file, nullptr) << FormatDiagnostic(error);
    return file ? SyntaxFingerprint(*file) : "";
  };
  EXPECT_EQ(fingerprint("x = [1,2]\n"), fingerprint("x=[\n 1,\n 2,\n]  # c\n"));
  EXPECT_NE(fingerprint("x = (1)\n"), fingerprint("x = (1,)\n"));
  EXPECT_NE(fingerprint("x = 'a'\n"), fingerprint("x = 'b'\n"));
  EXPECT_NE(fingerprint("if a:\n  b\nc\n"), fingerprint("if a:\n  b\n  c\n"));
}

// Splits a conformance file into its `---` chunks, each padded with newlines
// so line numbers stay those of the file.
std::vector<std::string> Chunks(const std::string& text) {
  std::vector<std::string> chunks;
  std::string current;
  int line = 0, start = 0;
  std::istringstream in(text);
  std::string l;
  while (std::getline(in, l)) {
    ++line;
    if (l == "---") {
      chunks.push_back(std::string(start, '\n') + current);
      current.clear();
      start = line;
      continue;
    }
    current += l + "\n";
  }
  chunks.push_back(std::string(start, '\n') + current);
  return chunks;
}

std::string ReadAll(const fs::path& path) {
  std::ifstream in(path, std::ios::binary);
  std::stringstream buffer;
  buffer << in.rdbuf();
  return buffer.str();
}

// Every chunk of every conformance program that parses formats to the same
// syntax tree (FormatSource checks it) and is idempotent.
TEST(SourceFormatterTest, RoundTripsConformancePrograms) {
  fs::path root = fs::path(WARDEN_SHARED_DIR) / "conformance/starlark";
  if (!fs::exists(root)) GTEST_SKIP() << "no conformance folder at " << root;
  int parsed = 0, formatted = 0;
  std::vector<fs::path> files;
  for (const auto& entry : fs::recursive_directory_iterator(root)) {
    if (entry.path().extension() == ".star") files.push_back(entry.path());
  }
  std::sort(files.begin(), files.end());
  for (const auto& path : files) {
    int index = 0;
    for (const std::string& chunk : Chunks(ReadAll(path))) {
      ++index;
      FormatOptions options;
      Source source(path.string(), chunk);
      Diagnostic error;
      if (Parse(source, options.parse, &error) == nullptr) continue;
      ++parsed;
      std::string out;
      ASSERT_TRUE(FormatSource(source, options, &out, &error))
          << path << " chunk " << index << ": " << FormatDiagnostic(error);
      Source again(path.string(), out);
      std::string twice;
      ASSERT_TRUE(FormatSource(again, options, &twice, &error))
          << FormatDiagnostic(error);
      EXPECT_EQ(out, twice) << path << " chunk " << index;
      ++formatted;
    }
  }
  EXPECT_GT(parsed, 100);
  EXPECT_EQ(formatted, parsed);
  std::cout << "formatted " << formatted << " conformance chunks\n";
}

}  // namespace
}  // namespace warden::lang
