#include "lang/parser.h"

#include <gtest/gtest.h>

#include <string>

namespace warden::lang {
namespace {

// The first syntax error as "LINE:COL: MESSAGE", or "" when the text parses.
std::string ParseError(const std::string& text, ParseOptions opts = {}) {
  Source src("t.star", text);
  Diagnostic d;
  auto file = Parse(src, opts, &d);
  if (file) return "";
  return std::to_string(d.pos.line) + ":" + std::to_string(d.pos.col) + ": " +
         d.message;
}

TEST(ParserTest, AcceptsTheWholeGrammar) {
  EXPECT_EQ(ParseError(R"(
load("m.star", "a", b = "c")
def f(x, y = 1, *args, z, w = 2, **kwargs):
    if x:
        pass
    elif y:
        return
    else:
        for i, j in [(1, 2)]:
            if i: break
            continue
    return lambda q, *r: q if r else -q
g = [x * y for x in range(3) if x for y in (1, 2)]
h = {k: v for k, v in {}.items()}
x, y = 1, 2
[a, (b, c)] = [1, (2, 3)]
x += 1; x -= 1; x *= 2; x //= 2; x %= 3; x |= 1; x ^= 1; x &= 1; x <<= 1; x >>= 1
z = not a or b and c in d and c not in d
w = a | b ^ c & d << 1 >> 2 + 3 - 4 * 5 / 6 // 7 % 8
s = x[1:2:3] + x[::2] + x[:] + x.y.z(1, k = 2, *a, **b)
t = (1,) + () + (1, 2)
u = ~1 + -2 + +3
)"),
            "");
}

TEST(ParserTest, StarlarkGoErrorWording) {
  EXPECT_EQ(ParseError("x = 1 +\n2\n"),
            "1:8: got newline, want primary expression");
  EXPECT_EQ(ParseError("def f : pass\n"), "1:7: got ':', want '('");
  EXPECT_EQ(ParseError("_ = {x for y in z}\n"), "1:8: got for, want ':'");
  EXPECT_EQ(ParseError("_ = 0 == 1 == 2\n"),
            "1:12: == does not associate with ==");
  EXPECT_EQ(ParseError("_ = a + b not c\n"), "1:15: got identifier, want in");
  EXPECT_EQ(ParseError("f(1+2 = 3)\n"),
            "1:7: keyword argument must have form name=expr");
  EXPECT_EQ(ParseError("_ = a if b\n"),
            "1:7: conditional expression without else clause");
  EXPECT_EQ(ParseError("a, b, = 1, 2\n"),
            "1:5: unparenthesized tuple with trailing comma");
  EXPECT_EQ(ParseError("def pass(): pass\n"), "1:5: not an identifier");
  EXPECT_EQ(ParseError("load(\"\")\n"),
            "1:5: load statement must import at least 1 symbol");
  EXPECT_EQ(ParseError("_ = [x for x in 1, 2]\n"),
            "1:18: got ',', want ']', for, or if");
  EXPECT_EQ(ParseError("print 1 2\n"), "1:7: got int literal, want newline");
}

TEST(ParserTest, FloatLiteralsTooLargeForADoubleAreErrors) {
  EXPECT_EQ(ParseError("x = 1.5 + 1e999\n"), "1:11: invalid float literal");
  EXPECT_EQ(ParseError("x = 1e-400 + 1.5e308 + .5 + 1. + 2E3\n"), "");
  // Off in the rules dialect (SPEC A1).
  EXPECT_EQ(ParseError("x = 1.5\n", ParseOptions{.floats = false}),
            "1:5: floats are not supported");
}

TEST(ParserTest, DeepNestingIsAnErrorNotACrash) {
  std::string deep(100000, '[');
  std::string msg = ParseError("x = " + deep + "\n");
  EXPECT_NE(msg.find("too many nested expressions or blocks (limit 400)"),
            std::string::npos)
      << msg;
  std::string chain = "x = 1";
  for (int i = 0; i < 100000; ++i) chain += " + 1";
  EXPECT_NE(ParseError(chain + "\n").find("too many nested"),
            std::string::npos);
  std::string unary = "x = " + std::string(100000, '-') + "1\n";
  EXPECT_NE(ParseError(unary).find("too many nested"), std::string::npos);
}

TEST(ParserTest, FStringsAndAnnotationsBehindOptions) {
  ParseOptions opts;
  opts.fstrings = true;
  opts.annotations = true;
  EXPECT_EQ(ParseError("x = f\"{a}-{b + 1}{{}}\"\n", opts), "");
  EXPECT_EQ(ParseError("def f(x: str, y: int = 1) -> str:\n  pass\n", opts),
            "");
  EXPECT_EQ(ParseError("def f(x: str):\n  pass\n"), "1:8: got ':', want ')'");
  EXPECT_EQ(ParseError("x = f\"{a\"\n", opts), "1:7: f-string: expecting '}'");
}

TEST(ParserTest, ParsesIntoTheExpectedTree) {
  Source src("t.star", "x = a + b * c\n");
  Diagnostic d;
  auto file = Parse(src, {}, &d);
  ASSERT_TRUE(file);
  ASSERT_EQ(file->stmts.size, 1u);
  auto* assign = static_cast<AssignStmt*>(file->stmts[0]);
  ASSERT_EQ(assign->rhs->kind, ExprKind::kBinary);
  auto* add = static_cast<BinaryExpr*>(assign->rhs);
  EXPECT_EQ(add->op, Tok::kPlus);
  ASSERT_EQ(add->y->kind, ExprKind::kBinary);
  EXPECT_EQ(static_cast<BinaryExpr*>(add->y)->op, Tok::kStar);
}

}  // namespace
}  // namespace warden::lang
