// Heap: object ownership, cycle-safe teardown and byte accounting.
#include "lang/heap.h"

#include "lang/memory.h"
#include "lang/ops.h"

namespace warden::lang {

void Heap::Adopt(Object* obj, int64_t bytes) {
  obj->heap_ = this;
  obj->next_ = head_;
  if (head_ != nullptr) head_->prev_ = obj;
  head_ = obj;
  ++count_;
  Charge(obj, bytes);
}

void Heap::Free(Object* obj) {
  // During teardown objects are deleted in bulk by ~Heap; a count reaching
  // zero then must not delete (or unlink) anything.
  if (dying_) return;
  // Deleting an object drops its children, which may free them in turn. To
  // keep the C++ stack flat for deeply nested values, frees triggered while
  // another is in progress are queued and processed by the outermost call.
  pending_.push_back(obj);
  if (freeing_) return;
  freeing_ = true;
  while (!pending_.empty()) {
    Object* o = pending_.back();
    pending_.pop_back();
    if (o->prev_ != nullptr) {
      o->prev_->next_ = o->next_;
    } else {
      head_ = o->next_;
    }
    if (o->next_ != nullptr) o->next_->prev_ = o->prev_;
    --count_;
    live_bytes_ -= o->charged_;
    Deallocate(o);
  }
  freeing_ = false;
}

Heap::~Heap() {
  dying_ = true;
  // First drop every reference between objects (so no destructor touches a
  // deleted object), then delete them all.
  for (Object* o = head_; o != nullptr; o = o->next_) o->ClearReferences();
  Object* o = head_;
  while (o != nullptr) {
    Object* next = o->next_;
    const bool pooled = o->pool_bytes_ != 0;
    o->~Object();
    // Pooled blocks go with the slabs below; others were allocated by
    // Allocate with ::operator new (possibly larger than the object).
    if (!pooled) ::operator delete(static_cast<void*>(o));
    o = next;
  }
  head_ = nullptr;
  for (void* slab : slabs_) ::operator delete(slab);
}

// Under AddressSanitizer every object gets its own allocation, so that a
// use after free is still caught.
#if defined(__SANITIZE_ADDRESS__)
#define WARDEN_HEAP_POOL 0
#elif defined(__has_feature)
#if __has_feature(address_sanitizer)
#define WARDEN_HEAP_POOL 0
#endif
#endif
#ifndef WARDEN_HEAP_POOL
#define WARDEN_HEAP_POOL 1
#endif

void* Heap::Allocate(size_t bytes, uint16_t* pool_bytes) {
  if (!WARDEN_HEAP_POOL || bytes > kPoolMaxBytes) {
    *pool_bytes = 0;
    return ::operator new(bytes);
  }
  size_t rounded = (bytes + kPoolGranule - 1) & ~(kPoolGranule - 1);
  *pool_bytes = static_cast<uint16_t>(rounded);
  FreeBlock*& head = free_[rounded / kPoolGranule];
  if (head != nullptr) {
    FreeBlock* block = head;
    head = block->next;
    return block;
  }
  if (static_cast<size_t>(slab_end_ - slab_next_) < rounded) {
    // Free blocks are kept per size, so without a cap a program cycling
    // through sizes could hold many times the budget in free lists: the
    // slabs together stay within the memory budget, and past it objects
    // come from operator new and go back to it when freed.
    if (slab_bytes_ + static_cast<int64_t>(next_slab_bytes_) > max_bytes_) {
      *pool_bytes = 0;
      return ::operator new(bytes);
    }
    NewSlab();
  }
  void* block = slab_next_;
  slab_next_ += rounded;
  return block;
}

void Heap::NewSlab() {
  // Slabs double up to 1 MiB; each is populated up front (page faults are
  // expensive on virtual machines; see PopulateForWrite).
  size_t bytes = next_slab_bytes_;
  if (next_slab_bytes_ < (1u << 20)) next_slab_bytes_ *= 2;
  char* slab = static_cast<char*>(::operator new(bytes));
  PopulateForWrite(slab, bytes);
  slabs_.push_back(slab);
  slab_bytes_ += static_cast<int64_t>(bytes);
  slab_next_ = slab;
  slab_end_ = slab + bytes;
}

void Heap::Deallocate(Object* obj) {
  uint16_t bytes = obj->pool_bytes_;
  obj->~Object();
  if (bytes == 0) {
    ::operator delete(static_cast<void*>(obj));
    return;
  }
  auto* block = reinterpret_cast<FreeBlock*>(obj);
  FreeBlock*& head = free_[bytes / kPoolGranule];
  block->next = head;
  head = block;
}

absl::Status Heap::BudgetError() const {
  return absl::ResourceExhaustedError(
      Cat("Starlark computation cancelled: memory budget exceeded (",
          max_bytes_, " bytes)"));
}

}  // namespace warden::lang
