#include "lang/resolver.h"

#include <gtest/gtest.h>

#include <string>

#include "lang/parser.h"

namespace warden::lang {
namespace {

// All static errors as "LINE: MESSAGE" lines.
std::string Errors(const std::string& text, DialectOptions opts = {}) {
  Source src("t.star", text);
  Diagnostic d;
  auto file = Parse(src, {}, &d);
  if (!file) return "syntax: " + d.message;
  ResolveEnv env;
  env.is_predeclared = [](std::string_view n) { return n == "M"; };
  env.is_universal = [](std::string_view n) {
    return n == "U" || n == "len" || n == "print" || n == "set";
  };
  env.all_names = [] { return std::vector<std::string>{"M", "U", "len"}; };
  std::string out;
  for (const auto& e : Resolve(*file, opts, env)) {
    out += std::to_string(e.pos.line) + ": " + e.message + "\n";
  }
  return out;
}

TEST(ResolverTest, ReportsEveryStaticError) {
  EXPECT_EQ(Errors("_ = x\nbreak\nreturn\nfor a in M:\n  pass\n"),
            "1: undefined: x\n2: break not in a loop\n3: return statement not "
            "within a function\n4: for loop not within a function\n");
}

TEST(ResolverTest, GlobalsAndReassignment) {
  EXPECT_EQ(Errors("_ = x\nx = 1\n"), "");  // premature use is dynamic
  EXPECT_EQ(Errors("x = 1\nx = 2\n"),
            "2: cannot reassign global x declared at t.star:1:1\n");
  EXPECT_EQ(Errors("x = 1\nx += 2\n"), "2: cannot reassign global x\n");
  DialectOptions o;
  o.globalreassign = true;
  EXPECT_EQ(Errors("x = 1\nx = 2\n", o), "");
  EXPECT_EQ(Errors("U = 1\nM = 2\n"), "");
}

TEST(ResolverTest, LocalsCellsAndFreeVariables) {
  Source src("t.star",
             "def f(a):\n  b = 1\n  g = lambda: a + b\n  c = 2\n  return g\n");
  Diagnostic d;
  auto file = Parse(src, {}, &d);
  ASSERT_TRUE(file);
  ResolveEnv env;
  ASSERT_TRUE(Resolve(*file, {}, env).empty());
  Function* f = static_cast<DefStmt*>(file->stmts[0])->fn;
  EXPECT_EQ(f->num_params, 1u);
  EXPECT_EQ(f->num_locals, 4u);  // a b g c
  ASSERT_EQ(f->cells.size, 2u);  // a and b are captured
  EXPECT_EQ(f->cells[0], 0u);
  EXPECT_EQ(f->cells[1], 1u);
  EXPECT_EQ(f->locals[3]->scope, Scope::kLocal);  // c is not
}

TEST(ResolverTest, SpellingSuggestions) {
  EXPECT_EQ(Errors("hello = 1\nlen(hollo)\n"),
            "2: undefined: hollo (did you mean hello?)\n");
  EXPECT_EQ(Errors("def f(abc):\n  len(goodbye)\n"), "2: undefined: goodbye\n");
}

TEST(ResolverTest, ParameterAndArgumentRules) {
  EXPECT_EQ(Errors("def f(x=1, y): pass\n"),
            "1: required parameter may not follow optional\n");
  EXPECT_EQ(Errors("def f(a, a): pass\n"), "1: duplicate parameter: a\n");
  EXPECT_EQ(Errors("def f(*): pass\n"),
            "1: bare * must be followed by keyword-only parameters\n");
  EXPECT_EQ(Errors("M(x=1, 2)\n"),
            "1: positional argument may not follow named\n");
  EXPECT_EQ(Errors("M(a=1, a=1)\n"), "1: keyword argument \"a\" is repeated\n");
}

TEST(ResolverTest, DialectFlags) {
  EXPECT_EQ(Errors("def f():\n  while U:\n    pass\n"),
            "2: dialect does not support while loops\n");
  DialectOptions o;
  o.while_stmt = true;
  o.toplevelcontrol = true;
  EXPECT_EQ(Errors("while U:\n  pass\nif U:\n  pass\n", o), "");
  EXPECT_EQ(Errors("x = set\n"), "1: dialect does not support set\n");
  o.set = true;
  EXPECT_EQ(Errors("x = set\n", o), "");
}

TEST(ResolverTest, AssignmentTargets) {
  EXPECT_EQ(Errors("1 = 0\nM() = 1\n(a, b) += 1\n"),
            "1: can't assign to literal\n2: can't assign to callexpr\n3: can't "
            "use tuple expression in augmented assignment\n");
}

TEST(ResolverTest, Loads) {
  EXPECT_EQ(Errors("load(\"m\", \"x\")\nx = 1\n"),
            "2: cannot reassign local x\n");
  EXPECT_EQ(Errors("def f():\n  load(\"m\", \"x\")\n"),
            "2: load statement within a function\n");
  EXPECT_EQ(Errors("load(\"m\", \"_x\")\n"),
            "1: load: names with leading underscores are not exported: _x\n");
}

}  // namespace
}  // namespace warden::lang
