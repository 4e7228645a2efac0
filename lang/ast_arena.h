// A bump allocator for syntax trees.
//
// Invariant: only trivially destructible objects are placed in an Arena; the
// Arena frees its blocks wholesale and never runs destructors. Syntax nodes
// therefore hold string_views (into the Source or into the arena) and
// ArenaSpans instead of std::string and std::vector.
#ifndef WARDEN_LANG_AST_ARENA_H_
#define WARDEN_LANG_AST_ARENA_H_

#include <cstddef>
#include <cstdint>
#include <cstring>
#include <memory>
#include <new>
#include <string_view>
#include <type_traits>
#include <utility>
#include <vector>

#include "lang/memory.h"

namespace warden::lang {

// A read-only array in an Arena.
template <typename T>
struct ArenaSpan {
  T* data = nullptr;
  uint32_t size = 0;
  T* begin() const { return data; }
  T* end() const { return data + size; }
  T& operator[](uint32_t i) const { return data[i]; }
  bool empty() const { return size == 0; }
};

class Arena {
 public:
  Arena() = default;
  Arena(const Arena&) = delete;
  Arena& operator=(const Arena&) = delete;

  ~Arena() {
    for (const Block& b : blocks_) UnmapRegion(b.data, b.size);
  }

  void* Allocate(size_t bytes, size_t align) {
    size_t p = (used_ + align - 1) & ~(align - 1);
    if (block_ == nullptr || p + bytes > capacity_) {
      NewBlock(bytes);
      p = 0;
    }
    used_ = p + bytes;
    return block_ + p;
  }

  template <typename T, typename... Args>
  T* New(Args&&... args) {
    static_assert(std::is_trivially_destructible_v<T>);
    return new (Allocate(sizeof(T), alignof(T))) T{std::forward<Args>(args)...};
  }

  // Copies `items` into the arena.
  template <typename T>
  ArenaSpan<T> Copy(const std::vector<T>& items) {
    static_assert(std::is_trivially_destructible_v<T>);
    ArenaSpan<T> span;
    span.size = static_cast<uint32_t>(items.size());
    if (span.size == 0) return span;
    span.data = static_cast<T*>(Allocate(sizeof(T) * span.size, alignof(T)));
    std::uninitialized_copy(items.begin(), items.end(), span.data);
    return span;
  }

  std::string_view CopyString(std::string_view s) {
    if (s.empty()) return {};
    char* p = static_cast<char*>(Allocate(s.size(), 1));
    std::memcpy(p, s.data(), s.size());
    return std::string_view(p, s.size());
  }

  size_t bytes_reserved() const { return bytes_reserved_; }

 private:
  // Blocks are mapped and populated whole (MapRegion): one system call
  // instead of a page fault per 4 KiB as the tree grows. A small file uses
  // one 64 KiB block; past it blocks are huge-page sized (2 MiB, then
  // 4 MiB), because first writes to 4 KiB pages dominated parsing time on
  // virtual machines (see lang/memory.h).
  struct Block {
    char* data;
    size_t size;
  };
  // Out of line so that Allocate's fast path inlines into the parser.
  [[gnu::noinline]] void NewBlock(size_t bytes) {
    size_t size = next_block_;
    next_block_ = size < kHugePageBytes ? kHugePageBytes : kMaxBlock;
    while (size < bytes) size *= 2;
    void* mem = MapRegion(size);
    if (mem == nullptr) {
      // Out of address space: fall back to the C++ allocator's failure mode.
      throw std::bad_alloc();
    }
    blocks_.push_back(Block{static_cast<char*>(mem), size});
    block_ = static_cast<char*>(mem);
    capacity_ = size;
    used_ = 0;
    bytes_reserved_ += size;
  }

  static constexpr size_t kMaxBlock = 4 << 20;
  std::vector<Block> blocks_;
  char* block_ = nullptr;
  size_t next_block_ = 64 * 1024;
  size_t capacity_ = 0;
  size_t used_ = 0;
  size_t bytes_reserved_ = 0;
};

}  // namespace warden::lang

#endif  // WARDEN_LANG_AST_ARENA_H_
