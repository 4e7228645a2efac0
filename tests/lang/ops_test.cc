// Tests of the operators and the generic value protocol (lang/ops.h).
#include "lang/ops.h"

#include <gtest/gtest.h>

#include "lang/builtin.h"
#include "lang/dict.h"
#include "lang/int.h"
#include "lang/object.h"

namespace warden::lang {
namespace {

class OpsTest : public ::testing::Test {
 protected:
  Value I(int64_t v) { return MakeInt(t_.heap(), v); }
  Value S(std::string_view s) { return MakeString(t_.heap(), s); }
  Value L(std::vector<Value> v) { return MakeList(t_.heap(), std::move(v)); }
  Value T(std::vector<Value> v) { return MakeTuple(t_.heap(), std::move(v)); }
  Value Big(std::string_view digits) {
    return *ParseInt(t_.heap(), digits, 10);
  }
  // repr of x op y, or the error message.
  std::string Bin(BinaryOp op, const Value& x, const Value& y) {
    absl::StatusOr<Value> v = Binary(t_, op, x, y);
    return v.ok() ? Repr(*v) : "error: " + std::string(v.status().message());
  }
  std::string Un(UnaryOp op, const Value& x) {
    absl::StatusOr<Value> v = Unary(t_, op, x);
    return v.ok() ? Repr(*v) : "error: " + std::string(v.status().message());
  }
  std::string Idx(const Value& x, const Value& i) {
    absl::StatusOr<Value> v = Index(t_, x, i);
    return v.ok() ? Repr(*v) : "error: " + std::string(v.status().message());
  }
  std::string Sl(const Value& x, Value lo, Value hi, Value step) {
    absl::StatusOr<Value> v = Slice(t_, x, lo, hi, step);
    return v.ok() ? Repr(*v) : "error: " + std::string(v.status().message());
  }

  Thread t_;
};

TEST_F(OpsTest, SmallIntArithmetic) {
  EXPECT_EQ(Bin(BinaryOp::kAdd, I(5), I(7)), "12");
  EXPECT_EQ(Bin(BinaryOp::kSub, I(5), I(7)), "-2");
  EXPECT_EQ(Bin(BinaryOp::kMul, I(5), I(7)), "35");
  EXPECT_EQ(Bin(BinaryOp::kFloorDiv, I(-100), I(7)), "-15");
  EXPECT_EQ(Bin(BinaryOp::kFloorDiv, I(100), I(-7)), "-15");
  EXPECT_EQ(Bin(BinaryOp::kFloorDiv, I(-98), I(-7)), "14");
  EXPECT_EQ(Bin(BinaryOp::kMod, I(100), I(-7)), "-5");
  EXPECT_EQ(Bin(BinaryOp::kMod, I(-100), I(7)), "5");
  EXPECT_EQ(Bin(BinaryOp::kMod, I(-100), I(-7)), "-2");
  EXPECT_EQ(Bin(BinaryOp::kFloorDiv, I(1), I(0)),
            "error: floored division by zero");
  EXPECT_EQ(Bin(BinaryOp::kMod, I(1), I(0)), "error: integer modulo by zero");
  EXPECT_EQ(Bin(BinaryOp::kBitOr, I(1), I(2)), "3");
  EXPECT_EQ(Bin(BinaryOp::kBitXor, I(3), I(1)), "2");
  EXPECT_EQ(Bin(BinaryOp::kBitAnd, I(6), I(3)), "2");
  EXPECT_EQ(Bin(BinaryOp::kShl, I(1), I(2)), "4");
  EXPECT_EQ(Bin(BinaryOp::kShr, I(-8), I(1)), "-4");
  EXPECT_EQ(Bin(BinaryOp::kShr, I(-8), I(100)), "-1");
  EXPECT_EQ(Bin(BinaryOp::kShl, I(2), I(-1)),
            "error: negative shift count: -1");
  EXPECT_EQ(Bin(BinaryOp::kShl, I(1), I(512)),
            "error: shift count too large: 512");
  EXPECT_EQ(Un(UnaryOp::kInvert, I(1)), "-2");
  EXPECT_EQ(Un(UnaryOp::kMinus, I(5)), "-5");
  EXPECT_EQ(Un(UnaryOp::kPlus, I(5)), "5");
  EXPECT_EQ(Un(UnaryOp::kNot, I(0)), "True");
  EXPECT_EQ(Un(UnaryOp::kMinus, S("a")), "error: unknown unary op: - string");
}

TEST_F(OpsTest, OverflowIntoBigInts) {
  const Value max = I(Value::kMaxSmallInt);
  EXPECT_EQ(Bin(BinaryOp::kAdd, max, I(1)), "4611686018427387904");
  EXPECT_EQ(Bin(BinaryOp::kSub, I(Value::kMinSmallInt), I(1)),
            "-4611686018427387905");
  EXPECT_EQ(Un(UnaryOp::kMinus, I(Value::kMinSmallInt)), "4611686018427387904");
  EXPECT_EQ(Bin(BinaryOp::kShl, I(1), I(63)), "9223372036854775808");
  // Found by fuzz_rules_loader: the small-int product overflowed int64
  // (undefined behaviour) before falling back to big ints.
  EXPECT_EQ(Bin(BinaryOp::kShl, I(555555555), I(55)),
            "20015998323852872767242240");
  EXPECT_EQ(Bin(BinaryOp::kShl, I(-555555555), I(55)),
            "-20015998323852872767242240");
  EXPECT_EQ(Bin(BinaryOp::kShl, I(-1), I(63)), "-9223372036854775808");
  const Value minint64 = I(INT64_MIN);
  EXPECT_EQ(Bin(BinaryOp::kMul, minint64, minint64),
            "85070591730234615865843651857942052864");
  EXPECT_EQ(Bin(BinaryOp::kFloorDiv, I(-2147483648), I(-1)), "2147483648");
  // Results that fit again become small ints.
  absl::StatusOr<Value> back = Binary(
      t_, BinaryOp::kSub, *Binary(t_, BinaryOp::kAdd, max, I(10)), I(10));
  ASSERT_TRUE(back.ok());
  EXPECT_TRUE(back->IsSmallInt());
  EXPECT_EQ(back->AsSmallInt(), Value::kMaxSmallInt);
  const Value b = Big("100000000000000000000");
  EXPECT_EQ(Bin(BinaryOp::kFloorDiv, b, I(-7)), "-14285714285714285715");
  EXPECT_EQ(Bin(BinaryOp::kMod, b, I(-7)), "-5");
  EXPECT_EQ(Bin(BinaryOp::kBitAnd, b, I(0xFFFF)), "0");
  EXPECT_EQ(Bin(BinaryOp::kShr, b, I(10)), "97656250000000000");
  EXPECT_EQ(Un(UnaryOp::kInvert, b), "-100000000000000000001");
  EXPECT_EQ(Bin(BinaryOp::kFloorDiv, b, I(0)),
            "error: floored division by zero");
}

TEST_F(OpsTest, TryFastBinary) {
  Value out;
  EXPECT_TRUE(TryFastBinary(BinaryOp::kAdd, I(2), I(3), &out));
  EXPECT_EQ(out.AsSmallInt(), 5);
  EXPECT_TRUE(TryFastBinary(BinaryOp::kLt, I(2), I(3), &out));
  EXPECT_TRUE(out.IsTrue());
  EXPECT_FALSE(
      TryFastBinary(BinaryOp::kAdd, I(Value::kMaxSmallInt), I(1), &out));
  EXPECT_FALSE(TryFastBinary(BinaryOp::kAdd, S("a"), I(1), &out));
}

TEST_F(OpsTest, SequenceOperators) {
  EXPECT_EQ(Bin(BinaryOp::kAdd, S("ab"), S("cd")), "\"abcd\"");
  EXPECT_EQ(Bin(BinaryOp::kMul, S("ab"), I(3)), "\"ababab\"");
  EXPECT_EQ(Bin(BinaryOp::kMul, I(-1), S("ab")), "\"\"");
  EXPECT_EQ(Bin(BinaryOp::kAdd, L({I(1)}), L({I(2)})), "[1, 2]");
  EXPECT_EQ(Bin(BinaryOp::kMul, T({I(1)}), I(2)), "(1, 1)");
  EXPECT_EQ(Bin(BinaryOp::kMul, I(2), L({I(1), I(2)})), "[1, 2, 1, 2]");
  EXPECT_EQ(Bin(BinaryOp::kAdd, L({}), T({})),
            "error: unknown binary op: list + tuple");
  EXPECT_EQ(Bin(BinaryOp::kMul, S("abc"), I(1000000000000)),
            "error: repeat count 1000000000000 too large");
  EXPECT_EQ(Bin(BinaryOp::kMul, S(std::string(3000000, 'x')), I(1000000)),
            "error: excessive repeat (3000000 * 1000000 elements)");
  EXPECT_EQ(Bin(BinaryOp::kAdd, S("a"), I(1)),
            "error: unknown binary op: string + int");
}

TEST_F(OpsTest, DictUnion) {
  Value a = MakeDict(t_.heap()), b = MakeDict(t_.heap());
  ASSERT_TRUE(a.As<DictObject>()->Set(S("x"), I(1)).ok());
  ASSERT_TRUE(b.As<DictObject>()->Set(S("x"), I(2)).ok());
  ASSERT_TRUE(b.As<DictObject>()->Set(S("y"), I(3)).ok());
  EXPECT_EQ(Bin(BinaryOp::kBitOr, a, b), "{\"x\": 2, \"y\": 3}");
  EXPECT_EQ(Repr(a), "{\"x\": 1}");
  EXPECT_EQ(Bin(BinaryOp::kBitOr, a, L({})),
            "error: unknown binary op: dict | list");
  EXPECT_EQ(Bin(BinaryOp::kAdd, a, b), "error: unknown binary op: dict + dict");
  // |= updates in place.
  ASSERT_TRUE(InplaceBinary(t_, BinaryOp::kBitOr, a, b).ok());
  EXPECT_EQ(Repr(a), "{\"x\": 2, \"y\": 3}");
}

TEST_F(OpsTest, InplaceListAdd) {
  Value l = L({I(1)});
  absl::StatusOr<Value> r = InplaceBinary(t_, BinaryOp::kAdd, l, T({I(2)}));
  ASSERT_TRUE(r.ok());
  EXPECT_TRUE(r->IsIdentical(l));
  EXPECT_EQ(Repr(l), "[1, 2]");
  Freeze(l);
  EXPECT_EQ(InplaceBinary(t_, BinaryOp::kAdd, l, L({})).status().message(),
            "cannot apply += to frozen list");
  EXPECT_EQ(InplaceBinary(t_, BinaryOp::kAdd, L({}), I(1)).status().message(),
            "unknown binary op: list + int");
}

TEST_F(OpsTest, Comparisons) {
  auto cmp = [&](BinaryOp op, Value x, Value y) { return Bin(op, x, y); };
  EXPECT_EQ(cmp(BinaryOp::kEq, I(1), S("1")), "False");
  EXPECT_EQ(cmp(BinaryOp::kNe, I(1), S("1")), "True");
  EXPECT_EQ(cmp(BinaryOp::kLt, I(1), S("a")),
            "error: int < string not implemented");
  EXPECT_EQ(cmp(BinaryOp::kGe, Value::None(), Value::None()),
            "error: NoneType >= NoneType not implemented");
  EXPECT_EQ(cmp(BinaryOp::kLt, S("abc"), S("abd")), "True");
  EXPECT_EQ(cmp(BinaryOp::kLt, T({I(1)}), T({I(1), I(2)})), "True");
  EXPECT_EQ(cmp(BinaryOp::kLt, L({I(1)}), L({Value::None()})),
            "error: int < NoneType not implemented");
  EXPECT_EQ(cmp(BinaryOp::kGt, Value::True(), Value::False()), "True");
  EXPECT_EQ(cmp(BinaryOp::kLt, Big("100000000000000000000"), I(5)), "False");
  EXPECT_EQ(cmp(BinaryOp::kLt, Un(UnaryOp::kMinus, I(0)) == "0" ? I(-1) : I(0),
                Big("100000000000000000000")),
            "True");
  EXPECT_EQ(cmp(BinaryOp::kEq, L({I(1), S("a")}), L({I(1), S("a")})), "True");
  EXPECT_EQ(cmp(BinaryOp::kEq, L({I(1)}), T({I(1)})), "False");
  Value d1 = MakeDict(t_.heap()), d2 = MakeDict(t_.heap());
  ASSERT_TRUE(d1.As<DictObject>()->Set(I(1), I(2)).ok());
  ASSERT_TRUE(d1.As<DictObject>()->Set(I(3), I(4)).ok());
  ASSERT_TRUE(d2.As<DictObject>()->Set(I(3), I(4)).ok());
  ASSERT_TRUE(d2.As<DictObject>()->Set(I(1), I(2)).ok());
  EXPECT_EQ(cmp(BinaryOp::kEq, d1, d2), "True");  // order-insensitive
  EXPECT_EQ(cmp(BinaryOp::kLt, d1, d2), "error: dict < dict not implemented");
  EXPECT_EQ(cmp(BinaryOp::kEq, MakeRange(t_.heap(), 0, 3, 2),
                MakeRange(t_.heap(), 0, 4, 2)),
            "True");
  EXPECT_EQ(cmp(BinaryOp::kEq, MakeRange(t_.heap(), 0, 0, 1),
                MakeRange(t_.heap(), 2, 1, 3)),
            "True");
}

TEST_F(OpsTest, CyclicComparisonFails) {
  Value a = L({I(1)}), b = L({I(1)});
  ASSERT_TRUE(a.As<ListObject>()->Append(a).ok());
  ASSERT_TRUE(b.As<ListObject>()->Append(b).ok());
  EXPECT_EQ(Equal(a, b).status().message(),
            "comparison exceeded maximum recursion depth");
  EXPECT_EQ(Equal(a, a).status().message(),
            "comparison exceeded maximum recursion depth");
}

TEST_F(OpsTest, Truth) {
  EXPECT_FALSE(Truth(Value::None()));
  EXPECT_FALSE(Truth(I(0)));
  EXPECT_TRUE(Truth(I(-1)));
  EXPECT_TRUE(Truth(Big("100000000000000000000")));
  EXPECT_FALSE(Truth(S("")));
  EXPECT_TRUE(Truth(S("x")));
  EXPECT_FALSE(Truth(L({})));
  EXPECT_TRUE(Truth(T({Value::None()})));
  EXPECT_FALSE(Truth(MakeDict(t_.heap())));
  EXPECT_FALSE(Truth(MakeRange(t_.heap(), 2, 1, 1)));
}

TEST_F(OpsTest, Hashing) {
  EXPECT_EQ(*Hash(S("hello world")), *Hash(S("hello world")));
  EXPECT_EQ(*Hash(T({I(1), S("ab")})), *Hash(T({I(1), S("ab")})));
  EXPECT_EQ(Hash(L({})).status().message(), "unhashable type: list");
  EXPECT_EQ(Hash(MakeDict(t_.heap())).status().message(),
            "unhashable type: dict");
  EXPECT_EQ(Hash(MakeRange(t_.heap(), 0, 1, 1)).status().message(),
            "unhashable: range");
  EXPECT_EQ(Hash(T({L({})})).status().message(), "unhashable type: list");
}

TEST_F(OpsTest, LenAndContains) {
  EXPECT_EQ(Len(S("Hello, 世界!")), 14);
  EXPECT_EQ(Len(L({I(1), I(2)})), 2);
  EXPECT_EQ(Len(MakeRange(t_.heap(), 0, 0x7fffffff, 1)), 0x7fffffff);
  EXPECT_EQ(Len(I(1)), -1);
  EXPECT_EQ(Len(Value::None()), -1);
  EXPECT_EQ(Bin(BinaryOp::kIn, S("oo"), S("food")), "True");
  EXPECT_EQ(Bin(BinaryOp::kIn, I(1), S("")),
            "error: 'in <string>' requires string as left operand, not int");
  EXPECT_EQ(Bin(BinaryOp::kIn, S(""), I(1)),
            "error: unknown binary op: string in int");
  EXPECT_EQ(Bin(BinaryOp::kNotIn, I(4), L({I(1), I(2)})), "True");
  EXPECT_EQ(Bin(BinaryOp::kIn, L({}), MakeDict(t_.heap())), "False");
  const Value r = MakeRange(t_.heap(), 10, 2, -3);  // 10 7 4
  EXPECT_EQ(Bin(BinaryOp::kIn, I(7), r), "True");
  EXPECT_EQ(Bin(BinaryOp::kIn, I(6), r), "False");
  EXPECT_EQ(Bin(BinaryOp::kIn, I(1), r), "False");
  EXPECT_EQ(Bin(BinaryOp::kIn, Value::True(), r),
            "error: 'in <range>' requires integer as left operand, not bool");
}

TEST_F(OpsTest, Indexing) {
  const Value abc = L({S("a"), S("b"), S("c")});
  EXPECT_EQ(Idx(abc, I(-1)), "\"c\"");
  EXPECT_EQ(Idx(abc, I(3)), "error: list index 3 out of range [-3:2]");
  EXPECT_EQ(Idx(abc, I(-4)), "error: list index -4 out of range [-3:2]");
  EXPECT_EQ(Idx(L({}), I(0)), "error: index 0 out of range: empty list");
  EXPECT_EQ(Idx(abc, S("x")), "error: list index: got string, want int");
  EXPECT_EQ(Idx(S("Hello, 世界!"), I(7)), "\"\\xe4\"");
  EXPECT_EQ(Idx(S("abc"), Big("1099511627776")),
            "error: string index: 1099511627776 out of range");
  EXPECT_EQ(Idx(MakeRange(t_.heap(), 0, 0, 2), I(0)),
            "error: index 0 out of range: empty range");
  EXPECT_EQ(Idx(I(1), I(0)), "error: unhandled index operation int[int]");
  Value d = MakeDict(t_.heap());
  EXPECT_EQ(Idx(d, S("a")), "error: key \"a\" not in dict");
  EXPECT_EQ(Idx(d, L({})), "error: unhashable type: list");
  EXPECT_EQ(SetIndex(t_, T({I(1)}), I(0), I(2)).message(),
            "tuple value does not support item assignment");
  EXPECT_EQ(SetIndex(t_, S("a"), I(0), I(2)).message(),
            "string value does not support item assignment");
  Value l = L({I(1)});
  EXPECT_EQ(SetIndex(t_, l, I(5), I(1)).message(),
            "list index 5 out of range [-1:0]");
  ASSERT_TRUE(SetIndex(t_, l, I(-1), I(9)).ok());
  EXPECT_EQ(Repr(l), "[9]");
}

TEST_F(OpsTest, Slicing) {
  const Value none = Value::None();
  EXPECT_EQ(Sl(S("abc"), I(-4), none, none), "\"abc\"");
  EXPECT_EQ(Sl(S("abc"), I(2), I(1), none), "\"\"");
  EXPECT_EQ(Sl(S("abcd"), I(4), I(0), I(-1)), "\"dcb\"");
  EXPECT_EQ(Sl(S("banana"), I(7), none, I(-2)), "\"aaa\"");
  EXPECT_EQ(Sl(S("banana"), I(4), none, I(-2)), "\"nnb\"");
  EXPECT_EQ(Sl(S("banana"), none, none, I(-1)), "\"ananab\"");
  const Value bananas =
      L({S("b"), S("a"), S("n"), S("a"), S("n"), S("a"), S("s")});
  EXPECT_EQ(Sl(bananas, I(100), none, I(-2)), "[\"s\", \"n\", \"n\", \"b\"]");
  EXPECT_EQ(Sl(T({I(1), I(2), I(3)}), I(1), none, none), "(2, 3)");
  EXPECT_EQ(Sl(MakeRange(t_.heap(), 0, 10, 2), none, none, I(-2)),
            "range(8, -2, -4)");
  EXPECT_EQ(Sl(S("banana"), none, S(""), none),
            "error: invalid end index: got string, want int");
  EXPECT_EQ(Sl(S("banana"), none, none, Value::True()),
            "error: invalid slice step: got bool, want int");
  EXPECT_EQ(Sl(L({}), I(1), I(2), I(0)),
            "error: zero is not a valid slice step");
  EXPECT_EQ(Sl(I(1), none, none, none), "error: invalid slice operand int");
}

TEST_F(OpsTest, IterationGuards) {
  Value l = L({I(1), I(2)});
  {
    absl::StatusOr<Iterator> it = Iterate(l);
    ASSERT_TRUE(it.ok());
    Value v;
    ASSERT_TRUE(it->Next(t_.heap(), &v));
    EXPECT_EQ(l.As<ListObject>()->Append(I(3)).message(),
              "cannot append to list during iteration");
  }
  EXPECT_TRUE(l.As<ListObject>()->Append(I(3)).ok());
  Value d = MakeDict(t_.heap());
  ASSERT_TRUE(d.As<DictObject>()->Set(I(1), I(1)).ok());
  {
    absl::StatusOr<Iterator> it = Iterate(d);
    ASSERT_TRUE(it.ok());
    Value k;
    std::vector<int64_t> keys;
    EXPECT_EQ(d.As<DictObject>()->Set(I(2), I(2)).message(),
              "cannot insert into hash table during iteration");
    while (it->Next(t_.heap(), &k)) keys.push_back(k.AsSmallInt());
    EXPECT_EQ(keys, std::vector<int64_t>{1});
    // Exhausting the iterator releases the guard.
    EXPECT_TRUE(d.As<DictObject>()->Set(I(2), I(2)).ok());
  }
  EXPECT_EQ(Iterate(S("abc")).status().message(),
            "string value is not iterable");
  EXPECT_EQ(Iterate(I(1)).status().message(), "int value is not iterable");
  // Ranges iterate lazily.
  absl::StatusOr<std::vector<Value>> xs =
      Collect(t_, MakeRange(t_.heap(), 10, 2, -3));
  ASSERT_TRUE(xs.ok());
  EXPECT_EQ(Repr(L(*xs)), "[10, 7, 4]");
}

TEST_F(OpsTest, ReprAndStr) {
  EXPECT_EQ(Repr(Value::None()), "None");
  EXPECT_EQ(Repr(Value::True()), "True");
  EXPECT_EQ(Repr(S("a\"b\\c\n\t\x01\x7f")), R"("a\"b\\c\n\t\x01\x7f")");
  EXPECT_EQ(Repr(S("é世😿")), "\"é世😿\"");
  EXPECT_EQ(Repr(S("\xf0")), "\"\\xf0\"");
  EXPECT_EQ(Repr(S("\u200b")), "\"\\u200b\"");
  EXPECT_EQ(Str(S("x")), "x");
  EXPECT_EQ(Repr(T({I(1)})), "(1,)");
  EXPECT_EQ(Repr(T({})), "()");
  EXPECT_EQ(Repr(MakeRange(t_.heap(), 0, 10, 1)), "range(10)");
  EXPECT_EQ(Repr(MakeRange(t_.heap(), 1, 10, 1)), "range(1, 10)");
  EXPECT_EQ(Repr(MakeRange(t_.heap(), 0, 10, -1)), "range(0, 10, -1)");
  EXPECT_EQ(Repr(Big("-123456789012345678901234567890")),
            "-123456789012345678901234567890");
  Value cyclic = L({I(1), I(2), I(3)});
  ASSERT_TRUE(cyclic.As<ListObject>()->SetAt(1, cyclic).ok());
  EXPECT_EQ(Str(cyclic), "[1, [...], 3]");
  Value d = MakeDict(t_.heap());
  ASSERT_TRUE(d.As<DictObject>()->Set(S("x"), d).ok());
  EXPECT_EQ(Str(d), "{\"x\": {...}}");
  Value c5 = L({I(0), MakeDict(t_.heap())});
  ASSERT_TRUE(
      c5.As<ListObject>()->at(1).As<DictObject>()->Set(S("x"), c5).ok());
  EXPECT_EQ(Str(c5), "[0, {\"x\": [...]}]");
  // A value that appears twice (not a cycle) prints twice.
  Value inner = L({I(1)});
  EXPECT_EQ(Repr(L({inner, inner})), "[[1], [1]]");
}

TEST_F(OpsTest, PercentFormatting) {
  auto fmt = [&](std::string_view f, Value args) {
    return Bin(BinaryOp::kMod, S(f), args);
  };
  EXPECT_EQ(fmt("A", T({})), "\"A\"");
  EXPECT_EQ(fmt("A %d %x Z", T({I(123), I(456)})), "\"A 123 1c8 Z\"");
  EXPECT_EQ(fmt("%s %r", T({S("hi"), S("hi")})), R"("hi \"hi\"")");
  EXPECT_EQ(fmt("%%d %d", I(1)), "\"%d 1\"");
  EXPECT_EQ(fmt("%o %x %X %i", T({I(-95), I(-95), I(-95), I(-95)})),
            "\"-137 -5f -5F -95\"");
  EXPECT_EQ(fmt("%c%c", T({I(65), S("α")})), "\"Aα\"");
  EXPECT_EQ(fmt("%s", L({I(1)})), "\"[1]\"");
  Value d = MakeDict(t_.heap());
  ASSERT_TRUE(d.As<DictObject>()->Set(S("foo"), I(123)).ok());
  EXPECT_EQ(fmt("A %(foo)d Z", d), "\"A 123 Z\"");
  EXPECT_EQ(fmt("A", d), "\"A\"");
  EXPECT_EQ(fmt("%(bar)s", d), "error: key not found: bar");
  EXPECT_EQ(fmt("%d %d", I(1)),
            "error: not enough arguments for format string");
  EXPECT_EQ(fmt("%d", T({I(1), I(2)})),
            "error: too many arguments for format string");
  EXPECT_EQ(fmt("", I(1)), "error: too many arguments for format string");
  EXPECT_EQ(fmt("%d", Value::True()),
            "error: %d format requires integer: cannot convert bool to int");
  EXPECT_EQ(fmt("%z", I(1)), "error: unknown conversion %z");
  EXPECT_EQ(fmt("%", I(1)), "error: incomplete format");
  EXPECT_EQ(fmt("%c", S("abc")),
            "error: %c format requires a single-character string");
  EXPECT_EQ(fmt("%c", I(-1)),
            "error: %c format requires a valid Unicode code point, got -1");
}

TEST_F(OpsTest, AttributesAndCalls) {
  EXPECT_EQ(GetAttr(t_, I(1), "foo").status().message(),
            "int has no .foo field or method");
  EXPECT_FALSE(HasAttr(t_, I(1), "foo"));
  EXPECT_TRUE(AttrNames(I(1)).empty());
  EXPECT_EQ(Call(t_, I(1), {}).status().message(),
            "invalid call of non-function (int)");
  EXPECT_EQ(TypeName(Value::None()), "NoneType");
  EXPECT_EQ(TypeName(Big("100000000000000000000")), "int");
  EXPECT_EQ(TypeName(MakeRange(t_.heap(), 0, 1, 1)), "range");
}

absl::StatusOr<Value> Echo(Thread& t, const Builtin& b,
                           absl::Span<const Value> args,
                           absl::Span<const NamedArg>) {
  return MakeString(t.heap(), Cat(b.name, ":", args.size(),
                                  b.receiver.IsAbsent() ? "" : " bound"));
}

TEST_F(OpsTest, BuiltinsAndMethods) {
  RegisterMethod(Kind::kTuple, "echo_for_test", &Echo);
  absl::StatusOr<Value> m = GetAttr(t_, T({}), "echo_for_test");
  ASSERT_TRUE(m.ok());
  EXPECT_EQ(TypeName(*m), "builtin_function_or_method");
  EXPECT_EQ(Repr(*m), "<built-in method echo_for_test of tuple value>");
  EXPECT_EQ(Str(*Call(t_, *m, {I(1)})), "echo_for_test:1 bound");
  EXPECT_EQ(Str(*CallMethod(t_, T({}), "echo_for_test", {}, {})),
            "echo_for_test:0 bound");
  EXPECT_TRUE(HasAttr(t_, T({}), "echo_for_test"));
  EXPECT_EQ(AttrNames(T({})), std::vector<std::string>{"echo_for_test"});
  Predeclared p;
  p.AddBuiltin("echo", &Echo);
  const Value* echo = p.Find("echo");
  ASSERT_NE(echo, nullptr);
  EXPECT_TRUE(echo->object()->is_static());
  EXPECT_EQ(Repr(*echo), "<built-in function echo>");
  EXPECT_EQ(Str(*Call(t_, *echo, {I(1), I(2)})), "echo:2");
  Predeclared copy = p;
  EXPECT_TRUE(copy.Find("echo")->IsIdentical(*echo));
  EXPECT_EQ(p.Names(), std::vector<std::string>{"echo"});
}

TEST_F(OpsTest, UnpackArgs) {
  Value x, y = Value::Absent();
  int64_t n = 7;
  std::string_view s;
  const Value args[] = {I(1), I(2), I(3)};
  EXPECT_EQ(UnpackArgs("f", args, {}, {{"x", &x}, {"y?", &y}}).message(),
            "f: got 3 arguments, want at most 2");
  EXPECT_EQ(UnpackArgs("f", {}, {}, {{"x", &x}, {"y?", &y}}).message(),
            "f: missing argument for x");
  const NamedArg kw[] = {{"z", I(1)}};
  EXPECT_EQ(UnpackArgs("f", {}, kw, {{"x", &x}}).message(),
            "f: unexpected keyword argument \"z\"");
  const NamedArg kwx[] = {{"x", I(1)}};
  EXPECT_EQ(UnpackArgs("f", {args, 1}, kwx, {{"x", &x}}).message(),
            "f: got multiple values for parameter \"x\"");
  EXPECT_EQ(UnpackArgs("f", {args, 1}, {}, {{"x", &s}}).message(),
            "f: for parameter x: got int, want string");
  const NamedArg kwn[] = {{"n", I(5)}};
  ASSERT_TRUE(UnpackArgs("f", {args, 1}, kwn, {{"x", &x}, {"n?", &n}}).ok());
  EXPECT_EQ(x.AsSmallInt(), 1);
  EXPECT_EQ(n, 5);
  EXPECT_EQ(UnpackPositionalArgs("g", {}, {}, 1, {{"x", &x}}).message(),
            "g: got 0 arguments, want 1");
  EXPECT_EQ(
      UnpackPositionalArgs("g", {}, {}, 1, {{"x", &x}, {"y", &y}}).message(),
      "g: got 0 arguments, want at least 1");
  EXPECT_EQ(
      UnpackPositionalArgs("g", args, {}, 1, {{"x", &x}, {"y", &y}}).message(),
      "g: got 3 arguments, want at most 2");
  EXPECT_EQ(UnpackPositionalArgs("g", {}, kw, 0, {}).message(),
            "g: unexpected keyword arguments");
  EXPECT_EQ(UnpackPositionalArgs("g", {args, 1}, {}, 1, {{"x", &s}}).message(),
            "g: for parameter 1: got int, want string");
}

}  // namespace
}  // namespace warden::lang
