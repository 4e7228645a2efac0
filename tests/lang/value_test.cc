// Tests of the value model: immediates, reference counting, heap accounting,
// freezing, containers and big ints.
#include "lang/value.h"

#include <gtest/gtest.h>

#include <memory>
#include <string>
#include <vector>

#include "lang/dict.h"
#include "lang/heap.h"
#include "lang/int.h"
#include "lang/object.h"
#include "lang/ops.h"
#include "lang/thread.h"

namespace warden::lang {
namespace {

TEST(ValueTest, ImmediatesDoNotAllocate) {
  Heap heap;
  Value none, t = Value::True(), f = Value::False();
  Value i = Value::SmallInt(-42);
  EXPECT_TRUE(none.IsNone());
  EXPECT_EQ(none.kind(), Kind::kNone);
  EXPECT_TRUE(t.IsBool() && t.AsBool());
  EXPECT_TRUE(f.IsBool() && !f.AsBool());
  EXPECT_EQ(t.kind(), Kind::kBool);
  EXPECT_TRUE(i.IsSmallInt());
  EXPECT_EQ(i.AsSmallInt(), -42);
  EXPECT_EQ(i.kind(), Kind::kInt);
  EXPECT_TRUE(Value::Absent().IsAbsent());
  EXPECT_FALSE(Value::Absent().IsNone());
  EXPECT_EQ(heap.object_count(), 0);
}

TEST(ValueTest, SmallIntRange) {
  EXPECT_TRUE(Value::FitsSmallInt(Value::kMaxSmallInt));
  EXPECT_TRUE(Value::FitsSmallInt(Value::kMinSmallInt));
  EXPECT_FALSE(Value::FitsSmallInt(Value::kMaxSmallInt + 1));
  EXPECT_FALSE(Value::FitsSmallInt(Value::kMinSmallInt - 1));
  EXPECT_EQ(Value::SmallInt(Value::kMaxSmallInt).AsSmallInt(),
            Value::kMaxSmallInt);
  EXPECT_EQ(Value::SmallInt(Value::kMinSmallInt).AsSmallInt(),
            Value::kMinSmallInt);
}

TEST(ValueTest, RefcountFreesObjects) {
  Heap heap;
  {
    Value s = MakeString(heap, "hello world");
    EXPECT_EQ(heap.object_count(), 1);
    EXPECT_EQ(s.object()->refcount(), 1u);
    {
      Value copy = s;
      EXPECT_EQ(s.object()->refcount(), 2u);
      Value moved = std::move(copy);
      EXPECT_EQ(s.object()->refcount(), 2u);
    }
    EXPECT_EQ(s.object()->refcount(), 1u);
    EXPECT_GT(heap.live_bytes(), 0);
  }
  EXPECT_EQ(heap.object_count(), 0);
  EXPECT_EQ(heap.live_bytes(), 0);
}

// Strings of every pooled size, made and dropped one size after another:
// the free lists must not keep more than the memory budget in slabs, and
// every string stays usable past the cap.
TEST(ValueTest, PoolSlabsStayWithinTheBudget) {
  constexpr int64_t kBudget = 256 * 1024;
  Heap heap(kBudget);
  for (size_t len = 2; len <= 240; len += 16) {
    std::vector<Value> keep;
    for (int i = 0; i < 2000 && !heap.over_budget(); ++i) {
      keep.push_back(MakeString(heap, std::string(len, 'x')));
      if (keep.size() > 200) keep.erase(keep.begin());
    }
    ASSERT_EQ(StringView(keep.back()), std::string(len, 'x'));
  }
  EXPECT_LE(heap.pooled_bytes(), kBudget);
}

TEST(ValueTest, ShortStringsAreStatic) {
  Heap heap;
  Value a = MakeString(heap, "a"), e = MakeString(heap, "");
  EXPECT_EQ(heap.object_count(), 0);
  EXPECT_TRUE(a.object()->is_static());
  EXPECT_EQ(StringView(a), "a");
  EXPECT_EQ(StringView(e), "");
  EXPECT_TRUE(MakeString(heap, "a").IsIdentical(a));
}

TEST(ValueTest, HeapFreesCycles) {
  auto heap = std::make_unique<Heap>();
  {
    Value l = MakeList(*heap);
    ASSERT_TRUE(l.As<ListObject>()->Append(l).ok());  // l contains itself
    Value d = MakeDict(*heap);
    ASSERT_TRUE(d.As<DictObject>()->Set(MakeString(*heap, "self"), d).ok());
  }
  // The cycles keep their counts above zero...
  EXPECT_EQ(heap->object_count(), 3);
  // ...and the heap frees them (ASan would report a leak otherwise).
  heap.reset();
}

TEST(ValueTest, DeepNestingFreesWithoutRecursion) {
  Heap heap;
  Value v = MakeList(heap);
  for (int i = 0; i < 200000; ++i) v = MakeList(heap, {v});
  Freeze(v);  // iterative too
  EXPECT_TRUE(v.object()->frozen());
  v = Value();
  EXPECT_EQ(heap.object_count(), 0);
}

TEST(ValueTest, ListMutationChecks) {
  Heap heap;
  Value l = MakeList(heap, {Value::SmallInt(1)});
  auto* list = l.As<ListObject>();
  ASSERT_TRUE(list->Append(Value::SmallInt(2)).ok());
  EXPECT_EQ(list->size(), 2);
  list->BeginIteration();
  EXPECT_EQ(list->Append(Value::None()).message(),
            "cannot append to list during iteration");
  list->EndIteration();
  Freeze(l);
  EXPECT_EQ(list->Append(Value::None()).message(),
            "cannot append to frozen list");
  EXPECT_EQ(list->Clear().message(), "cannot clear frozen list");
  EXPECT_EQ(list->SetAt(0, Value::None()).message(),
            "cannot assign to element of frozen list");
}

TEST(ValueTest, ListChargesCapacity) {
  Heap heap;
  Value l = MakeList(heap);
  const int64_t before = heap.live_bytes();
  for (int i = 0; i < 1000; ++i) {
    ASSERT_TRUE(l.As<ListObject>()->Append(Value::SmallInt(i)).ok());
  }
  EXPECT_GE(heap.live_bytes() - before, 1000 * int64_t{sizeof(Value)});
  l = Value();
  EXPECT_EQ(heap.live_bytes(), 0);
}

TEST(ValueTest, MemoryBudget) {
  Heap heap(1000);
  EXPECT_TRUE(heap.CheckBudget().ok());
  EXPECT_FALSE(heap.Reserve(2000).ok());
  Value s = MakeString(heap, std::string(5000, 'x'));
  EXPECT_TRUE(heap.over_budget());
  EXPECT_EQ(heap.CheckBudget().message(),
            "Starlark computation cancelled: memory budget exceeded (1000 "
            "bytes)");
  s = Value();
  EXPECT_TRUE(heap.CheckBudget().ok());
}

TEST(DictTest, InsertionOrderAndOverwrite) {
  Heap heap;
  Value d = MakeDict(heap);
  auto* dict = d.As<DictObject>();
  for (int i = 0; i < 100; ++i) {
    ASSERT_TRUE(dict->Set(Value::SmallInt(99 - i), Value::SmallInt(i)).ok());
  }
  ASSERT_TRUE(dict->Set(Value::SmallInt(50), Value::None()).ok());
  EXPECT_EQ(dict->size(), 100);
  std::vector<Value> keys = dict->Keys();
  ASSERT_EQ(keys.size(), 100u);
  EXPECT_EQ(keys[0].AsSmallInt(), 99);
  EXPECT_EQ(keys[99].AsSmallInt(), 0);
  EXPECT_TRUE(dict->Get(Value::SmallInt(50))->IsNone());
  EXPECT_TRUE(dict->Get(Value::SmallInt(1000))->IsAbsent());
}

TEST(DictTest, DeleteKeepsOrderAndCompacts) {
  Heap heap;
  Value d = MakeDict(heap);
  auto* dict = d.As<DictObject>();
  for (int round = 0; round < 3; ++round) {
    for (int i = 0; i < 1000; ++i) {
      ASSERT_TRUE(dict->Set(MakeInt(heap, i), Value::SmallInt(i)).ok());
    }
    for (int i = 0; i < 1000; i += 2) {
      absl::StatusOr<Value> v = dict->Delete(MakeInt(heap, i));
      ASSERT_TRUE(v.ok());
      EXPECT_EQ(v->AsSmallInt(), i);
    }
    EXPECT_EQ(dict->size(), 500);
    std::vector<Value> keys = dict->Keys();
    for (size_t k = 0; k < keys.size(); ++k) {
      EXPECT_EQ(keys[k].AsSmallInt(), static_cast<int64_t>(2 * k + 1));
    }
    EXPECT_TRUE(dict->Delete(Value::SmallInt(0))->IsAbsent());
    ASSERT_TRUE(dict->Clear().ok());
  }
}

TEST(DictTest, StringKeysAndErrors) {
  Heap heap;
  Value d = MakeDict(heap);
  auto* dict = d.As<DictObject>();
  ASSERT_TRUE(dict->Set(MakeString(heap, "key one"), Value::True()).ok());
  EXPECT_TRUE(dict->Get(MakeString(heap, "key one"))->IsTrue());
  EXPECT_EQ(dict->Set(MakeList(heap), Value::None()).message(),
            "unhashable type: list");
  dict->BeginIteration();
  EXPECT_EQ(dict->Set(Value::None(), Value::None()).message(),
            "cannot insert into hash table during iteration");
  EXPECT_EQ(dict->Delete(Value::None()).status().message(),
            "cannot delete from hash table during iteration");
  dict->EndIteration();
  Freeze(d);
  EXPECT_EQ(dict->Set(Value::None(), Value::None()).message(),
            "cannot insert into frozen hash table");
  EXPECT_EQ(dict->Clear().message(), "cannot clear frozen hash table");
}

TEST(DictTest, TupleKeys) {
  Heap heap;
  Value d = MakeDict(heap);
  auto* dict = d.As<DictObject>();
  Value k1 = MakeTuple(heap, {Value::SmallInt(1), MakeString(heap, "ab")});
  Value k2 = MakeTuple(heap, {Value::SmallInt(1), MakeString(heap, "ab")});
  ASSERT_TRUE(dict->Set(k1, Value::True()).ok());
  EXPECT_TRUE(dict->Get(k2)->IsTrue());
  Value bad = MakeTuple(heap, {MakeList(heap)});
  EXPECT_EQ(dict->Get(bad).status().message(), "unhashable type: list");
}

TEST(IntTest, MakeIntAndConversions) {
  Heap heap;
  Value small = MakeInt(heap, 12345);
  EXPECT_TRUE(small.IsSmallInt());
  Value big = MakeInt(heap, INT64_MAX);
  EXPECT_FALSE(big.IsSmallInt());
  EXPECT_EQ(big.kind(), Kind::kInt);
  EXPECT_TRUE(big.IsInt());
  int64_t out;
  ASSERT_TRUE(IntToInt64(big, &out));
  EXPECT_EQ(out, INT64_MAX);
  EXPECT_EQ(IntToString(big), "9223372036854775807");
  EXPECT_EQ(IntToString(MakeInt(heap, INT64_MIN)), "-9223372036854775808");
  EXPECT_EQ(IntToString(Value::SmallInt(-255), 16), "-ff");
  EXPECT_EQ(IntSign(big), 1);
  EXPECT_EQ(IntSign(Value::SmallInt(0)), 0);
  // Normalization: a big result that fits becomes small.
  mpz_t m;
  mpz_init_set_si(m, 7);
  EXPECT_TRUE(MakeIntFromMpz(heap, m).IsSmallInt());
  mpz_clear(m);
}

TEST(IntTest, ParseIntLiteral) {
  Heap heap;
  EXPECT_EQ(ParseIntLiteral(heap, "0x1F")->AsSmallInt(), 31);
  EXPECT_EQ(ParseIntLiteral(heap, "0o17")->AsSmallInt(), 15);
  EXPECT_EQ(ParseIntLiteral(heap, "0b101")->AsSmallInt(), 5);
  EXPECT_EQ(ParseIntLiteral(heap, "0")->AsSmallInt(), 0);
  EXPECT_EQ(
      IntToString(*ParseIntLiteral(heap, "123456789012345678901234567890")),
      "123456789012345678901234567890");
  EXPECT_FALSE(ParseIntLiteral(heap, "012").ok());
  EXPECT_FALSE(ParseIntLiteral(heap, "0x").ok());
}

TEST(IntTest, ParseIntBases) {
  Heap heap;
  auto parse = [&](std::string_view s, int base) -> std::string {
    absl::StatusOr<Value> v = ParseInt(heap, s, base);
    return v.ok() ? IntToString(*v) : std::string(v.status().message());
  };
  EXPECT_EQ(parse("-0123", 10), "-123");
  EXPECT_EQ(parse("0x12", 16), "18");
  EXPECT_EQ(parse("0b0", 16), "176");
  EXPECT_EQ(parse("0o123", 0), "83");
  EXPECT_EQ(parse("+0x12", 0), "18");
  EXPECT_EQ(parse("00", 0), "0");
  EXPECT_EQ(parse("0123", 0), "invalid literal with base 0: 0123");
  EXPECT_EQ(parse("0x12", 10), "invalid literal with base 10: 0x12");
  EXPECT_EQ(parse("--4", 10), "invalid literal with base 10: --4");
  EXPECT_EQ(parse("0x-4", 16), "invalid literal with base 16: 0x-4");
  EXPECT_EQ(parse("", 10), "invalid literal with base 10: ");
  EXPECT_EQ(parse("zz", 36), "1295");
  EXPECT_EQ(parse("zzzzzzzzzzzzzzz", 36), "221073919720733357899775");
}

TEST(ThreadTest, StepBudget) {
  Thread thread;
  thread.set_max_steps(10000);
  int64_t n = 0;
  while (thread.Step()) ++n;
  EXPECT_EQ(n, 10000);
  EXPECT_EQ(thread.StepsError().message(),
            "Starlark computation cancelled: too many steps");
  EXPECT_FALSE(thread.Step());
}

TEST(ThreadTest, CancelStopsSteps) {
  Thread thread;
  thread.Cancel("timeout");
  thread.Cancel("second reason ignored");
  bool stopped = false;
  for (int i = 0; i < 100000 && !stopped; ++i) stopped = !thread.Step();
  EXPECT_TRUE(stopped);
  EXPECT_EQ(thread.StepsError().message(),
            "Starlark computation cancelled: timeout");
}

TEST(ThreadTest, CallDepth) {
  Thread thread;
  thread.set_max_call_depth(3);
  for (int i = 0; i < 3; ++i) ASSERT_TRUE(thread.PushFrame(Frame{}).ok());
  EXPECT_EQ(thread.PushFrame(Frame{}).message(),
            "call stack depth exceeded (3)");
  thread.PopFrame();
  EXPECT_TRUE(thread.PushFrame(Frame{}).ok());
}

TEST(ThreadTest, PrintAndLocals) {
  Thread thread;
  std::string printed;
  thread.set_print([&](std::string_view s) { printed.append(s); });
  thread.Print("hi");
  EXPECT_EQ(printed, "hi");
  int x = 0;
  thread.SetLocal("k", &x);
  EXPECT_EQ(thread.Local("k"), &x);
  EXPECT_EQ(thread.Local("other"), nullptr);
}

}  // namespace
}  // namespace warden::lang
