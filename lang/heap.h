// The heap of one evaluation: owns every object it allocates and accounts for
// their bytes against a memory budget.
//
// Invariants:
// - Every live object allocated here is on the heap's intrusive list, so
//   reference cycles (a list containing itself) are freed by ~Heap even though
//   their reference counts never reach zero.
// - live_bytes() is the sum of what live objects charged (their sizeof plus
//   their internal buffers). Allocation never fails: when the budget is
//   exceeded the heap remembers it, and operations report it through
//   CheckBudget() (ops that are about to allocate a large block call
//   Reserve() first so that "x" * 10**12 is refused before allocating).
#ifndef WARDEN_LANG_HEAP_H_
#define WARDEN_LANG_HEAP_H_

#include <cstddef>
#include <cstdint>
#include <limits>
#include <new>
#include <utility>
#include <vector>

#include "absl/status/status.h"
#include "lang/value.h"

namespace warden::lang {

class Heap {
 public:
  explicit Heap(int64_t max_bytes = std::numeric_limits<int64_t>::max())
      : max_bytes_(max_bytes) {}
  Heap(const Heap&) = delete;
  Heap& operator=(const Heap&) = delete;
  // Frees every remaining object, cycles included.
  ~Heap();

  // Allocates a T owned by this heap (reference count 0: wrap it in a Value
  // immediately). Charges sizeof(T).
  template <class T, class... Args>
  T* New(Args&&... args) {
    uint16_t pool_bytes = 0;
    void* memory = Allocate(sizeof(T), &pool_bytes);
    T* obj = new (memory) T(std::forward<Args>(args)...);
    obj->pool_bytes_ = pool_bytes;
    Adopt(obj, sizeof(T));
    return obj;
  }
  // Allocates a T followed by `extra` bytes in the same block (a string's
  // characters), charging both; T's constructor is given `args`.
  template <class T, class... Args>
  T* NewWithTrailingBytes(size_t extra, Args&&... args) {
    uint16_t pool_bytes = 0;
    void* memory = Allocate(sizeof(T) + extra, &pool_bytes);
    T* obj = new (memory) T(std::forward<Args>(args)...);
    obj->pool_bytes_ = pool_bytes;
    Adopt(obj, static_cast<int64_t>(sizeof(T) + extra));
    return obj;
  }
  // Same, returning the Value.
  template <class T, class... Args>
  Value NewValue(Args&&... args) {
    return Value(New<T>(std::forward<Args>(args)...));
  }

  int64_t live_bytes() const { return live_bytes_; }
  int64_t peak_bytes() const { return peak_bytes_; }
  int64_t max_bytes() const { return max_bytes_; }
  void set_max_bytes(int64_t max) { max_bytes_ = max; }
  int64_t object_count() const { return count_; }
  // Bytes held in pool slabs (live objects and free blocks).
  int64_t pooled_bytes() const { return slab_bytes_; }
  bool over_budget() const { return live_bytes_ > max_bytes_; }

  // OK, or the memory-budget error if the budget has been exceeded.
  absl::Status CheckBudget() const {
    return over_budget() ? BudgetError() : absl::OkStatus();
  }
  // OK if `bytes` more could be allocated within the budget.
  absl::Status Reserve(int64_t bytes) const {
    return bytes > max_bytes_ - live_bytes_ ? BudgetError() : absl::OkStatus();
  }
  absl::Status BudgetError() const;

 private:
  friend class Object;
  friend class Value;

  // Object memory. Small objects come from per-size free lists carved from
  // slabs the heap owns (a rules file makes and drops ~100k small objects;
  // malloc/free were a third of evaluation time); the slabs are released
  // wholesale by ~Heap, which no object outlives. `*pool_bytes` receives
  // the block size to give back to Deallocate (0 for operator new).
  void* Allocate(size_t bytes, uint16_t* pool_bytes);
  void Deallocate(Object* obj);
  void NewSlab();

  void Adopt(Object* obj, int64_t bytes);
  void Charge(Object* obj, int64_t delta) {
    obj->charged_ += delta;
    live_bytes_ += delta;
    if (live_bytes_ > peak_bytes_) peak_bytes_ = live_bytes_;
  }
  void Free(Object* obj);

  int64_t max_bytes_;
  int64_t live_bytes_ = 0;
  int64_t peak_bytes_ = 0;
  int64_t count_ = 0;
  bool dying_ = false;
  bool freeing_ = false;
  std::vector<Object*> pending_;  // queued frees (see Free)
  Object* head_ = nullptr;

  static constexpr size_t kPoolGranule = 16;
  static constexpr size_t kPoolMaxBytes = 256;  // bigger objects: operator new
  struct FreeBlock {
    FreeBlock* next;
  };
  FreeBlock* free_[kPoolMaxBytes / kPoolGranule + 1] = {};
  std::vector<void*> slabs_;
  int64_t slab_bytes_ = 0;     // never more than max_bytes_ (see Allocate)
  char* slab_next_ = nullptr;  // unused tail of the newest slab
  char* slab_end_ = nullptr;
  size_t next_slab_bytes_ = 16 * 1024;
};

}  // namespace warden::lang

#endif  // WARDEN_LANG_HEAP_H_
