// Heap: object ownership, cycle-safe teardown and byte accounting.
#include "lang/heap.h"

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
    delete o;
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
    delete o;
    o = next;
  }
  head_ = nullptr;
}

absl::Status Heap::BudgetError() const {
  return absl::ResourceExhaustedError(
      Cat("Starlark computation cancelled: memory budget exceeded (",
          max_bytes_, " bytes)"));
}

}  // namespace warden::lang
