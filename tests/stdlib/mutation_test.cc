// Tests of the mutating methods (list, dict), freezing, print and the test
// host values, which need statements rather than single expressions.
#include <gtest/gtest.h>

#include "lang/builtin.h"
#include "lang/ops.h"
#include "stdlib/universe.h"
#include "tests/stdlib/stdlib_testutil.h"

namespace warden::stdlib::testing {
namespace {

TEST(ListMethodsTest, AppendInsertExtend) {
  EXPECT_EQ(Eval("l",
                 "l = [1]\nl.append(2)\nl.insert(0, 0)\nl.insert(-1, 9)\n"
                 "l.insert(100, 7)\nl.extend((5, 6))\nl.extend(range(2))"),
            "[0, 1, 9, 2, 7, 5, 6, 0, 1]");
  EXPECT_EQ(Eval("l.append()", "l = []"),
            "error: append: got 0 arguments, want 1");
  EXPECT_EQ(Eval("l.extend(1)", "l = []"),
            "error: extend: for parameter 1: got int, want iterable");
  EXPECT_EQ(Eval("l.insert(\"a\", 1)", "l = []"),
            "error: insert: for parameter 1: got string, want int");
  EXPECT_EQ(Eval("l", "l = [1, 2]\nl.extend(l)"), "[1, 2, 1, 2]");
}

TEST(ListMethodsTest, PopRemoveClear) {
  EXPECT_EQ(Eval("(l.pop(), l.pop(0), l)", "l = [1, 2, 3, 4]"),
            "(4, 1, [2, 3])");
  EXPECT_EQ(Eval("l.pop(-3)", "l = [1, 2]"),
            "error: pop: list index -3 out of range [-2:1]");
  EXPECT_EQ(Eval("[].pop()"), "error: pop: index -1 out of range: empty list");
  EXPECT_EQ(Eval("(l.remove(1), l)", "l = [2, 1, 1]"), "(None, [2, 1])");
  EXPECT_EQ(Eval("[3].remove(42)"), "error: remove: element not found");
  EXPECT_EQ(Eval("(l.clear(), l)", "l = [1]"), "(None, [])");
}

TEST(ListMethodsTest, FrozenAndIterating) {
  const char* frozen = "l = freeze([1])";
  EXPECT_EQ(Eval("l.append(2)", frozen),
            "error: append: cannot append to frozen list");
  EXPECT_EQ(Eval("l.insert(0, 2)", frozen),
            "error: insert: cannot insert into frozen list");
  EXPECT_EQ(Eval("l.extend([])", frozen),
            "error: extend: cannot extend frozen list");
  EXPECT_EQ(Eval("l.pop()", frozen), "error: pop: cannot pop from frozen list");
  EXPECT_EQ(Eval("l.remove(1)", frozen),
            "error: remove: cannot remove from frozen list");
  EXPECT_EQ(Eval("l.clear()", frozen),
            "error: clear: cannot clear frozen list");
  EXPECT_EQ(Eval("x", "l = [1, 2]\nfor y in l:\n  l.append(y)\nx = 1"),
            "error: append: cannot append to list during iteration");
  EXPECT_EQ(Eval("x", "l = [1, 2]\nfor y in l:\n  l.remove(y)\nx = 1"),
            "error: remove: cannot remove from list during iteration");
}

TEST(DictMethodsTest, Mutation) {
  EXPECT_EQ(Eval("(d.setdefault(\"b\", 2), d.pop(\"a\"), d)", "d = {\"a\": 1}"),
            "(2, 1, {\"b\": 2})");
  EXPECT_EQ(Eval("(d.update([(1, 2)], z=3), d)", "d = {}"),
            "(None, {1: 2, \"z\": 3})");
  EXPECT_EQ(Eval("d", "d = {1: 1}\nd.update(d)"), "{1: 1}");
  EXPECT_EQ(Eval("(d.popitem(), d)", "d = {1: 2, 3: 4}"), "((1, 2), {3: 4})");
  const char* frozen = "d = freeze({1: 2})";
  EXPECT_EQ(Eval("d.clear()", frozen),
            "error: clear: cannot clear frozen hash table");
  EXPECT_EQ(Eval("d.pop(1)", frozen),
            "error: pop: cannot delete from frozen hash table");
  EXPECT_EQ(Eval("d.popitem()", frozen),
            "error: popitem: cannot delete from frozen hash table");
  EXPECT_EQ(Eval("d.setdefault(3)", frozen),
            "error: setdefault: cannot insert into frozen hash table");
  EXPECT_EQ(Eval("d.update(a=1)", frozen),
            "error: update: cannot insert into frozen hash table");
  EXPECT_EQ(Eval("d.get(1)", frozen), "2");
  EXPECT_EQ(Eval("x", "d = {1: 1}\nfor k in d:\n  d.pop(k)\nx = 1"),
            "error: pop: cannot delete from hash table during iteration");
  EXPECT_EQ(Eval("dict({\"b\": 3}, a=4, **dict(a=5))"),
            "error: dict: duplicate keyword arg: \"a\"");
}

TEST(BuiltinsTest, SortedIsStableAndReportsLastError) {
  EXPECT_EQ(Eval("sorted([(4, 0), (3, 1), (4, 2), (2, 3), (3, 4), (1, 5)], "
                 "key=lambda p: p[0])"),
            "[(1, 5), (2, 3), (3, 1), (3, 4), (4, 0), (4, 2)]");
  EXPECT_EQ(Eval("sorted([\"two\", \"three\", \"four\"], key=len, "
                 "reverse=True)"),
            "[\"three\", \"four\", \"two\"]");
  EXPECT_EQ(Eval("sorted([1, 2, None, 3])"),
            "error: int < NoneType not implemented");
  EXPECT_EQ(Eval("sorted(l) == l",
                 "l = [(i * 7919) % 1000 for i in range(1000)]\nl = "
                 "sorted(l)"),
            "True");
  EXPECT_EQ(Eval("sorted([3, 1], key=lambda x: 1 // 0)"),
            "error: floored division by zero");
}

TEST(BuiltinsTest, HashFollowsJava) {
  EXPECT_EQ(Eval("[hash(s) for s in [\"\", \"\\0\" * 100, \"hello\", "
                 "\"world\", \"Hello, 世界!\"]]"),
            "[0, 0, 99162322, 113318802, 417292677]");
  EXPECT_EQ(Eval("hash(\"😿\")"), "128575");
}

TEST(BuiltinsTest, PrintAndFail) {
  EXPECT_EQ(Printed("print(1, \"a\", [\"b\"])\nprint(1, 2, sep=\"-\")\n"
                    "print()"),
            "1 a [\"b\"]\n1-2\n");
  EXPECT_EQ(Eval("fail(\"x\", [1], sep=\"/\")"), "error: fail: x/[1]");
  EXPECT_EQ(Eval("fail()"), "error: fail: ");
}

TEST(BuiltinsTest, DirListsMethods) {
  EXPECT_EQ(Eval("dir([])"),
            "[\"append\", \"clear\", \"extend\", \"index\", \"insert\", "
            "\"pop\", \"remove\"]");
  EXPECT_EQ(Eval("dir({})"),
            "[\"clear\", \"get\", \"items\", \"keys\", \"pop\", \"popitem\", "
            "\"setdefault\", \"update\", \"values\"]");
  EXPECT_EQ(Eval("len(dir(\"\"))"), "32");
  EXPECT_EQ(Eval("x", "x = dir(\"\")\nx.append(1)\nx = \"!\" in dir(\"\")"),
            "False");
}

TEST(TestHostValuesTest, StructAndFreeze) {
  EXPECT_EQ(Eval("struct(b = 1, a = \"x\")"), "struct(a = \"x\", b = 1)");
  EXPECT_EQ(Eval("struct(a = 1).a"), "1");
  EXPECT_EQ(Eval("struct(a = 1).b"), "error: struct has no .b field or method");
  EXPECT_EQ(Eval("dir(struct(b = 1, a = 2))"), "[\"a\", \"b\"]");
  EXPECT_EQ(Eval("struct(a = [1]) == struct(a = [1])"), "True");
  EXPECT_EQ(Eval("type(struct())"), "\"struct\"");
  EXPECT_EQ(Eval("s.a.append(1)", "s = freeze(struct(a = []))"),
            "error: append: cannot append to frozen list");
  EXPECT_EQ(Eval("freeze(1)"), "1");
}

TEST(UniverseTest, NamesAndSharing) {
  const lang::Predeclared& u = Universe();
  for (const char* name :
       {"None", "True",     "False",     "abs",  "any",     "all",     "bool",
        "dict", "dir",      "enumerate", "fail", "getattr", "hasattr", "hash",
        "int",  "len",      "list",      "max",  "min",     "print",   "range",
        "repr", "reversed", "sorted",    "str",  "tuple",   "type",    "zip"}) {
    EXPECT_NE(u.Find(name), nullptr) << name;
  }
  // Universe builtins are static: shareable across threads.
  EXPECT_TRUE(u.Find("len")->object()->is_static());
  EXPECT_TRUE(u.Find("len")->object()->frozen());
  EXPECT_EQ(&Universe(), &u);
}

}  // namespace
}  // namespace warden::stdlib::testing

namespace warden::stdlib::testing {
namespace {

TEST(FloatTest, DivisionAndFormatting) {
  EXPECT_EQ(Eval("[1 / 2, 10 / 2, 7 // (2 / 1), 1000000 / 1, 100000 / 1, "
                 "1 / 10000, 1 / 100000, 1 / 3]"),
            "[0.5, 5.0, 3.0, 1e+06, 100000.0, 0.0001, 1e-05, "
            "0.3333333333333333]");
  EXPECT_EQ(Eval("[float(3), float(\"1.5\"), float(\"inf\"), "
                 "-float(\"inf\"), float(\"nan\"), float(1 << 70)]"),
            "[3.0, 1.5, +inf, -inf, nan, 1.1805916207174113e+21]");
  EXPECT_EQ(Eval("[int(7 / 2), int(-7 / 2), 5 / 2 % 2, -5 / 2 // 1]"),
            "[3, -3, 0.5, -3.0]");
  EXPECT_EQ(Eval("[{1: \"a\"}[2 / 2], 1 / 2 < 1, 3 == 3 / 1, type(1 / 2)]"),
            "[\"a\", True, True, \"float\"]");
  EXPECT_EQ(Eval("1 / 0"), "error: floating-point division by zero");
  EXPECT_EQ(Eval("(1 / 2) % 0"), "error: floating-point modulo by zero");
  EXPECT_EQ(Eval("float(\"x\")"), "error: invalid float literal: x");
  EXPECT_EQ(Eval("int(float(\"inf\"))"),
            "error: int: cannot convert float +inf to integer");
  EXPECT_EQ(Eval("x", "x = 1\nx /= -2\nx *= 4"), "-2.0");
}

}  // namespace
}  // namespace warden::stdlib::testing
