// Object defaults, freezing and reference release.
#include "lang/value.h"

#include <vector>

#include "absl/strings/str_cat.h"
#include "lang/heap.h"
#include "lang/ops.h"

namespace warden::lang {

void Value::Release(Object* obj) { obj->heap_->Free(obj); }

void Object::Freeze() {
  if (frozen_) return;
  frozen_ = true;
  std::vector<Object*> work;
  FreezeChildren(work);
  while (!work.empty()) {
    Object* o = work.back();
    work.pop_back();
    if (o->frozen_) continue;
    o->frozen_ = true;
    o->FreezeChildren(work);
  }
}

void Object::ChargeBytes(int64_t delta) {
  if (heap_ != nullptr) heap_->Charge(this, delta);
}

std::string_view Object::TypeName() const { return "object"; }

void Object::Repr(std::string* out, ReprContext&) const {
  out->append(Cat("<", TypeName(), ">"));
}

absl::StatusOr<uint32_t> Object::Hash() const {
  return Error("unhashable type: ", TypeName());
}

absl::StatusOr<bool> Object::Equals(const Object& other, int) const {
  return this == &other;
}

absl::StatusOr<bool> Object::Less(const Object&, int) const {
  return Error(TypeName(), " < ", TypeName(), " not implemented");
}

Value Object::ElemAt(Heap&, int64_t) const { return Value::None(); }

absl::StatusOr<Value> Object::Attr(Thread&, std::string_view) {
  return Value::Absent();
}

}  // namespace warden::lang
