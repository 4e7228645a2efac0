// Thread: the state of one evaluation (heap, budgets, call stack, print).
//
// A Thread is used by one OS thread at a time. It owns (or shares) a Heap;
// values created during the evaluation live there. Budgets:
// - steps: the evaluator charges Step(n) as it executes; once the total exceeds
//   max_steps, Step returns false and the evaluator returns StepsError().
// - memory: Heap::CheckBudget() (also checked by CheckBudgets()).
// - call depth: PushFrame fails beyond max_call_depth.
#ifndef WARDEN_LANG_THREAD_H_
#define WARDEN_LANG_THREAD_H_

#include <atomic>
#include <cstdint>
#include <functional>
#include <limits>
#include <memory>
#include <string>
#include <string_view>
#include <vector>

#include "absl/container/flat_hash_map.h"
#include "absl/status/status.h"
#include "lang/heap.h"
#include "lang/source.h"
#include "lang/value.h"

namespace warden::lang {

class CallableObject;

// One active call. `callable` is the function being executed (null for the
// module's top level); `source`/`offset` locate the current position inside
// it (updated by the evaluator before anything that may fail); `source` is
// null for builtins.
struct Frame {
  const CallableObject* callable = nullptr;
  std::string_view name;  // "<toplevel>" / function name
  const Source* source = nullptr;
  uint32_t offset = 0;
};

class Thread {
 public:
  // A thread with its own heap (unlimited memory budget by default).
  Thread();
  // A thread evaluating on a shared heap (e.g. several modules of one policy
  // load whose values refer to each other).
  explicit Thread(std::shared_ptr<Heap> heap);
  Thread(const Thread&) = delete;
  Thread& operator=(const Thread&) = delete;
  ~Thread();

  Heap& heap() { return *heap_; }
  const std::shared_ptr<Heap>& shared_heap() const { return heap_; }

  // ---- step budget ----
  void set_max_steps(int64_t max) {
    max_steps_ = max;
    next_check_ = 0;  // re-evaluate on the next Step()
  }
  int64_t max_steps() const { return max_steps_; }
  int64_t steps() const { return steps_; }
  // Charges n steps; false once the step budget is exhausted, the memory
  // budget exceeded or the thread cancelled (then return StepsError()).
  // One compare on the fast path; the other budgets are checked every few
  // thousand steps.
  bool Step(int64_t n = 1) {
    steps_ += n;
    return steps_ <= next_check_ || SlowStep();
  }
  // The error for a failed Step(): "Starlark computation cancelled: too many
  // steps", the cancel reason, or the memory-budget error.
  absl::Status StepsError() const;
  // Steps, memory and cancellation together: OK or the first failure.
  absl::Status CheckBudgets() const;

  // Asks the evaluation to stop (safe from another OS thread): a later
  // Step() fails and StepsError() reports "Starlark computation cancelled:
  // <reason>".
  void Cancel(std::string_view reason);
  bool cancelled() const { return cancelled_.load(std::memory_order_acquire); }

  // ---- call stack ----
  void set_max_call_depth(int depth) { max_call_depth_ = depth; }
  int max_call_depth() const { return max_call_depth_; }
  // Pushes a frame; error "call stack depth exceeded (N)" beyond the limit.
  absl::Status PushFrame(const Frame& frame);
  void PopFrame() { frames_.pop_back(); }
  int depth() const { return static_cast<int>(frames_.size()); }
  std::vector<Frame>& frames() { return frames_; }
  const std::vector<Frame>& frames() const { return frames_; }
  Frame* top_frame() { return frames_.empty() ? nullptr : &frames_.back(); }

  // ---- output ----
  // Receives each print() line (without trailing newline). Default: ignore.
  void set_print(std::function<void(std::string_view)> print) {
    print_ = std::move(print);
  }
  void Print(std::string_view line) {
    if (print_) print_(line);
  }

  // ---- host data ----
  // Per-thread slots for host state (e.g. the rule collector of the engine),
  // like starlark-go's Thread.SetLocal. The thread does not own the pointers.
  void SetLocal(std::string_view key, void* value) {
    locals_[std::string(key)] = value;
  }
  void* Local(std::string_view key) const {
    auto it = locals_.find(absl::string_view(key.data(), key.size()));
    return it == locals_.end() ? nullptr : it->second;
  }

  std::string_view name() const { return name_; }
  void set_name(std::string name) { name_ = std::move(name); }

 private:
  std::shared_ptr<Heap> heap_;
  int64_t steps_ = 0;
  int64_t max_steps_ = std::numeric_limits<int64_t>::max();
  int64_t next_check_ = 0;  // Step() takes the slow path beyond this
  std::atomic<bool> cancelled_{false};
  std::atomic<bool> cancel_started_{false};
  std::string cancel_reason_;  // written before cancelled_ is set
  int max_call_depth_ = 1000;
  std::vector<Frame> frames_;
  std::function<void(std::string_view)> print_;
  absl::flat_hash_map<std::string, void*> locals_;
  std::string name_;

  bool SlowStep();
};

}  // namespace warden::lang

#endif  // WARDEN_LANG_THREAD_H_
