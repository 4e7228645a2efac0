// Table-driven tests of the dict methods: each expression's repr or error
// message. Expected values were cross-checked against the reference
// starlark-go interpreter (differences are deliberate: newer spec features
// such as abs/removeprefix/dict union and "did you mean" hints).
#include "tests/stdlib/eval_case_testutil.h"

namespace warden::stdlib::testing {
namespace {

class DictMethodsTest : public ::testing::TestWithParam<EvalCase> {};

TEST_P(DictMethodsTest, ReprOrError) {
  EXPECT_EQ(Eval(GetParam().expr), GetParam().want) << GetParam().expr;
}

const EvalCase kDictMethodsCases[] = {
    {R"~({"a": 1}.get("a"))~", R"~(1)~"},
    {R"~({"a": 1}.get("b"))~", R"~(None)~"},
    {R"~({"a": 1}.get("b", 2))~", R"~(2)~"},
    {R"~({"a": 1}.get([]))~", R"~(error: get: unhashable type: list)~"},
    {R"~({"a": 1}.get())~",
     R"~(error: get: got 0 arguments, want at least 1)~"},
    {R"~({"a": 1}.get("a", default=2))~",
     R"~(error: get: unexpected keyword arguments)~"},
    {R"~({"a": 1, "b": 2}.items())~", R"~([("a", 1), ("b", 2)])~"},
    {R"~({"a": 1, "b": 2}.keys())~", R"~(["a", "b"])~"},
    {R"~({"a": 1, "b": 2}.values())~", R"~([1, 2])~"},
    {R"~({"a": 1}.pop("a"))~", R"~(1)~"},
    {R"~({"a": 1}.pop("b"))~", R"~(error: pop: missing key)~"},
    {R"~({"a": 1}.pop("b", 3))~", R"~(3)~"},
    {R"~({"a": 1}.pop([]))~", R"~(error: pop: unhashable type: list)~"},
    {R"~({"a": 1}.pop())~",
     R"~(error: pop: got 0 arguments, want at least 1)~"},
    {R"~({"a": 1, "b": 2}.popitem())~", R"~(("a", 1))~"},
    {R"~({}.popitem())~", R"~(error: popitem: empty dict)~"},
    {R"~({"a": 1}.setdefault("a", 5))~", R"~(1)~"},
    {R"~({"a": 1}.setdefault("b"))~", R"~(None)~"},
    {R"~({"a": 1}.setdefault([]))~",
     R"~(error: setdefault: unhashable type: list)~"},
    {R"~({"a": 1}.setdefault())~",
     R"~(error: setdefault: got 0 arguments, want at least 1)~"},
    {R"~({}.update({"a": 1}, {"b": 2}))~",
     R"~(error: update: got 2 arguments, want at most 1)~"},
    {R"~({}.update(1))~", R"~(error: update: got int, want iterable)~"},
    {R"~({}.keys(1))~", R"~(error: keys: got 1 arguments, want 0)~"},
    {R"~({}.items(1))~", R"~(error: items: got 1 arguments, want 0)~"},
    {R"~({}.values(1))~", R"~(error: values: got 1 arguments, want 0)~"},
    {R"~({}.clear(1))~", R"~(error: clear: got 1 arguments, want 0)~"},
    {R"~({}.foo)~", R"~(error: dict has no .foo field or method)~"},
    {R"~({"a": 1} | {"b": 2})~", R"~({"a": 1, "b": 2})~"},
};

INSTANTIATE_TEST_SUITE_P(Table, DictMethodsTest,
                         ::testing::ValuesIn(kDictMethodsCases));

}  // namespace
}  // namespace warden::stdlib::testing
