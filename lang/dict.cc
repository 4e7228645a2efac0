// DictObject: insertion-ordered hash table.
#include "lang/dict.h"

#include <utility>

#include "lang/object.h"
#include "lang/ops.h"

namespace warden::lang {

namespace {

// Dicts up to this many entries (live or dead) are searched linearly.
constexpr size_t kLinearMax = 8;

// Key equality, with fast paths for identical values and strings.
inline bool KeysEqual(const Value& a, const Value& b, absl::Status* err) {
  if (a.IsIdentical(b)) return true;
  const Kind ka = a.kind(), kb = b.kind();
  if (ka == Kind::kString && kb == Kind::kString) {
    return StringView(a) == StringView(b);
  }
  // Distinct immediates differ, except an int equal to a float key.
  if ((!a.IsObject() || !b.IsObject()) && ka != Kind::kFloat &&
      kb != Kind::kFloat) {
    return false;
  }
  absl::StatusOr<bool> eq = Equal(a, b);
  if (!eq.ok()) {
    *err = eq.status();
    return false;
  }
  return *eq;
}

}  // namespace

DictObject::~DictObject() = default;

int64_t DictObject::Find(const Value& key, uint32_t hash,
                         absl::Status* err) const {
  if (index_.empty()) {
    for (size_t i = 0; i < entries_.size(); ++i) {
      const Entry& e = entries_[i];
      if (e.hash == hash && !e.key.IsAbsent() && KeysEqual(e.key, key, err)) {
        return static_cast<int64_t>(i);
      }
    }
    return -1;
  }
  const size_t mask = index_.size() - 1;
  for (size_t slot = hash & mask;; slot = (slot + 1) & mask) {
    const int32_t idx = index_[slot];
    if (idx < 0) return -1;
    const Entry& e = entries_[idx];
    if (e.hash == hash && !e.key.IsAbsent() && KeysEqual(e.key, key, err)) {
      return idx;
    }
  }
}

absl::StatusOr<Value> DictObject::Get(const Value& key) const {
  absl::StatusOr<uint32_t> h = lang::Hash(key);
  if (!h.ok()) return h.status();
  absl::Status err;
  const int64_t i = Find(key, *h, &err);
  if (!err.ok()) return err;
  return i < 0 ? Value::Absent() : entries_[i].value;
}

void DictObject::Rebuild(size_t index_size) {
  index_.assign(index_size, -1);
  const size_t mask = index_size - 1;
  for (size_t i = 0; i < entries_.size(); ++i) {
    if (entries_[i].key.IsAbsent()) continue;
    size_t slot = entries_[i].hash & mask;
    while (index_[slot] >= 0) slot = (slot + 1) & mask;
    index_[slot] = static_cast<int32_t>(i);
  }
}

void DictObject::Compact() {
  size_t w = 0;
  for (size_t r = 0; r < entries_.size(); ++r) {
    if (entries_[r].key.IsAbsent()) continue;
    if (w != r) entries_[w] = std::move(entries_[r]);
    ++w;
  }
  entries_.resize(w);
  if (entries_.size() <= kLinearMax) {
    index_.clear();
    index_.shrink_to_fit();
  } else {
    Rebuild(index_.size());
  }
}

void DictObject::SyncCharge() {
  const int64_t bytes =
      static_cast<int64_t>(entries_.capacity() * sizeof(Entry) +
                           index_.capacity() * sizeof(int32_t));
  if (bytes != charged_) {
    ChargeBytes(bytes - charged_);
    charged_ = bytes;
  }
}

absl::Status DictObject::CheckMutable(std::string_view verb) const {
  if (frozen()) return Error("cannot ", verb, " frozen hash table");
  if (iterating_ > 0) {
    return Error("cannot ", verb, " hash table during iteration");
  }
  return absl::OkStatus();
}

absl::StatusOr<bool> DictObject::Put(const Value& key, Value value,
                                     bool replace) {
  if (frozen() || iterating_ > 0) [[unlikely]] {
    return CheckMutable("insert into");
  }
  absl::StatusOr<uint32_t> h = lang::Hash(key);
  if (!h.ok()) return h.status();
  absl::Status err;
  const int64_t i = Find(key, *h, &err);
  if (!err.ok()) return err;
  if (i >= 0) {
    if (replace) entries_[i].value = std::move(value);
    return false;
  }
  if (static_cast<int64_t>(entries_.size()) >= int64_t{INT32_MAX} - 1) {
    return Error("dict too large");
  }
  entries_.push_back(Entry{key, std::move(value), *h});
  ++live_;
  const size_t n = entries_.size();
  if (!index_.empty()) {
    if (n * 2 > index_.size()) {
      Rebuild(index_.size() * 2);
    } else {
      const size_t mask = index_.size() - 1;
      size_t slot = *h & mask;
      while (index_[slot] >= 0) slot = (slot + 1) & mask;
      index_[slot] = static_cast<int32_t>(n - 1);
    }
  } else if (n > kLinearMax) {
    Rebuild(32);
  }
  SyncCharge();
  return true;
}

absl::StatusOr<Value> DictObject::Delete(const Value& key) {
  if (auto st = CheckMutable("delete from"); !st.ok()) return st;
  absl::StatusOr<uint32_t> h = lang::Hash(key);
  if (!h.ok()) return h.status();
  absl::Status err;
  const int64_t i = Find(key, *h, &err);
  if (!err.ok()) return err;
  if (i < 0) return Value::Absent();
  Value old = std::move(entries_[i].value);
  entries_[i].key = Value::Absent();
  entries_[i].value = Value();
  --live_;
  // Without an index, trailing tombstones can simply be dropped (with one,
  // slots still refer to them). Compact when the dead outnumber the live; the
  // index never holds more than entries_.size() <= index_.size() / 2 slots.
  if (index_.empty()) {
    while (!entries_.empty() && entries_.back().key.IsAbsent()) {
      entries_.pop_back();
    }
  }
  if (static_cast<int64_t>(entries_.size()) > 2 * live_ + 8) Compact();
  if (live_ == 0) {
    entries_.clear();
    index_.clear();
  }
  return old;
}

absl::Status DictObject::Clear() {
  if (auto st = CheckMutable("clear"); !st.ok()) return st;
  std::vector<Entry> old;
  old.swap(entries_);
  index_.clear();
  index_.shrink_to_fit();
  live_ = 0;
  SyncCharge();
  return absl::OkStatus();
}

bool DictObject::Next(size_t* pos, Value* key, Value* value) const {
  while (*pos < entries_.size()) {
    const Entry& e = entries_[(*pos)++];
    if (e.key.IsAbsent()) continue;
    if (key != nullptr) *key = e.key;
    if (value != nullptr) *value = e.value;
    return true;
  }
  return false;
}

std::vector<Value> DictObject::Keys() const {
  std::vector<Value> out;
  out.reserve(live_);
  for (const Entry& e : entries_) {
    if (!e.key.IsAbsent()) out.push_back(e.key);
  }
  return out;
}

std::vector<Value> DictObject::Values() const {
  std::vector<Value> out;
  out.reserve(live_);
  for (const Entry& e : entries_) {
    if (!e.key.IsAbsent()) out.push_back(e.value);
  }
  return out;
}

void DictObject::Repr(std::string* out, ReprContext& ctx) const {
  out->push_back('{');
  bool first = true;
  for (const Entry& e : entries_) {
    if (e.key.IsAbsent()) continue;
    if (!first) out->append(", ");
    first = false;
    ctx.Write(out, e.key);
    out->append(": ");
    ctx.Write(out, e.value);
  }
  out->push_back('}');
}

void DictObject::FreezeChildren(std::vector<Object*>& work) {
  for (const Entry& e : entries_) {
    if (e.key.IsObject() && !e.key.object()->frozen()) {
      work.push_back(e.key.object());
    }
    if (e.value.IsObject() && !e.value.object()->frozen()) {
      work.push_back(e.value.object());
    }
  }
}

void DictObject::ClearReferences() {
  std::vector<Entry> old;
  old.swap(entries_);
  live_ = 0;
}

Value MakeDict(Heap& heap) { return heap.NewValue<DictObject>(); }

}  // namespace warden::lang
