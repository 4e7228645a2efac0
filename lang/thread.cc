// Thread: budgets, cancellation and the call stack.
#include "lang/thread.h"

#include <algorithm>

#include "lang/ops.h"

namespace warden::lang {

namespace {
// How many steps Step() runs on its one-compare fast path between checks of
// the memory budget and cancellation.
constexpr int64_t kCheckInterval = 4096;
}  // namespace

Thread::Thread() : heap_(std::make_shared<Heap>()) {}
Thread::Thread(std::shared_ptr<Heap> heap) : heap_(std::move(heap)) {}
Thread::~Thread() = default;

bool Thread::SlowStep() {
  if (steps_ > max_steps_ || cancelled() || heap_->over_budget()) {
    next_check_ = steps_ - 1;  // keep failing
    return false;
  }
  next_check_ = max_steps_ - steps_ > kCheckInterval ? steps_ + kCheckInterval
                                                     : max_steps_;
  return true;
}

absl::Status Thread::StepsError() const {
  if (cancelled()) {
    return absl::CancelledError(
        Cat("Starlark computation cancelled: ", cancel_reason_));
  }
  if (heap_->over_budget()) return heap_->BudgetError();
  return absl::ResourceExhaustedError(
      "Starlark computation cancelled: too many steps");
}

absl::Status Thread::CheckBudgets() const {
  if (steps_ > max_steps_ || cancelled() || heap_->over_budget()) {
    return StepsError();
  }
  return absl::OkStatus();
}

void Thread::Cancel(std::string_view reason) {
  // Only the first cancellation records its reason; the reason is written
  // before the flag is published, so readers that see the flag see it.
  static_assert(std::atomic<bool>::is_always_lock_free);
  if (cancel_started_.exchange(true)) return;
  cancel_reason_ = std::string(reason);
  cancelled_.store(true, std::memory_order_release);
}

absl::Status Thread::PushFrame(const Frame& frame) {
  if (static_cast<int>(frames_.size()) >= max_call_depth_) {
    return absl::ResourceExhaustedError(
        Cat("call stack depth exceeded (", max_call_depth_, ")"));
  }
  frames_.push_back(frame);
  return absl::OkStatus();
}

}  // namespace warden::lang
