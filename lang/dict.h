// DictObject: an insertion-ordered hash table of Starlark values.
//
// Layout: entries_ holds (hash, key, value) in insertion order; deleted
// entries become tombstones (absent key) and are compacted away when they
// outnumber the live ones. Small dicts (<= 8 entries) are searched linearly;
// larger ones have an open-addressing index of int32 entry positions.
#ifndef WARDEN_LANG_DICT_H_
#define WARDEN_LANG_DICT_H_

#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

#include "absl/status/status.h"
#include "absl/status/statusor.h"
#include "lang/heap.h"
#include "lang/value.h"

namespace warden::lang {

class DictObject final : public Object {
 public:
  static constexpr Kind kKind = Kind::kDict;
  struct Entry {
    Value key;  // Absent for a deleted entry
    Value value;
    uint32_t hash = 0;
  };

  DictObject() : Object(kKind) {}
  ~DictObject() override;

  int64_t size() const { return live_; }

  // The value for `key`, Value::Absent() if missing. Errors only for an
  // unhashable key ("unhashable type: list").
  absl::StatusOr<Value> Get(const Value& key) const;
  // Inserts or replaces. Errors: unhashable key, "cannot insert into frozen
  // hash table", "cannot insert into hash table during iteration".
  absl::Status Set(const Value& key, Value value) {
    return Put(key, std::move(value), /*replace=*/true).status();
  }
  // Inserts unless `key` is present; returns whether it inserted (one hash
  // and probe where Get then Set took two). Errors as Set.
  absl::StatusOr<bool> InsertNew(const Value& key, Value value) {
    return Put(key, std::move(value), /*replace=*/false);
  }
  // Room for `n` entries without reallocating (a **kwargs dict knows its
  // size before it is filled).
  void Reserve(size_t n) { entries_.reserve(n); }
  // Removes `key`; returns its value or Absent if missing. Errors: unhashable,
  // "cannot delete from frozen hash table", "... during iteration".
  absl::StatusOr<Value> Delete(const Value& key);
  // "cannot clear frozen hash table" / "cannot clear hash table during
  // iteration".
  absl::Status Clear();
  // OK if mutable, else "cannot <verb> frozen hash table" or "cannot <verb>
  // hash table during iteration".
  absl::Status CheckMutable(std::string_view verb) const;

  // Entries in insertion order, with tombstones (key.IsAbsent()) to skip.
  // Stable while the dict is not mutated.
  const std::vector<Entry>& raw_entries() const { return entries_; }
  // Cursor iteration: start with *pos = 0; returns false at the end.
  bool Next(size_t* pos, Value* key, Value* value) const;
  std::vector<Value> Keys() const;
  std::vector<Value> Values() const;

  void BeginIteration() { ++iterating_; }
  void EndIteration() { --iterating_; }
  bool iterating() const { return iterating_ > 0; }

  std::string_view TypeName() const override { return "dict"; }
  void Repr(std::string* out, ReprContext& ctx) const override;
  bool Truth() const override { return live_ > 0; }
  int64_t Length() const override { return live_; }

 protected:
  void FreezeChildren(std::vector<Object*>& work) override;
  void ClearReferences() override;

 private:
  // Position in entries_ of key, or -1. `hash` is the key's hash.
  int64_t Find(const Value& key, uint32_t hash, absl::Status* err) const;
  absl::StatusOr<bool> Put(const Value& key, Value value, bool replace);
  void Rebuild(size_t index_size);
  void Compact();
  void SyncCharge();

  std::vector<Entry> entries_;
  std::vector<int32_t> index_;  // -1 empty, -2 deleted, else entry position
  int64_t live_ = 0;
  int64_t charged_ = 0;
  uint32_t iterating_ = 0;
};

Value MakeDict(Heap& heap);

}  // namespace warden::lang

#endif  // WARDEN_LANG_DICT_H_
