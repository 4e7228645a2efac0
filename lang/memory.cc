#include "lang/memory.h"

#include <sys/mman.h>

#include <cstdint>

namespace warden::lang {

void PopulateForWrite(void* data, size_t size) {
#ifdef MADV_POPULATE_WRITE
  constexpr uintptr_t kPage = 4096;
  auto begin = (reinterpret_cast<uintptr_t>(data) + kPage - 1) & ~(kPage - 1);
  auto end = (reinterpret_cast<uintptr_t>(data) + size) & ~(kPage - 1);
  if (end > begin) {
    madvise(reinterpret_cast<void*>(begin), end - begin, MADV_POPULATE_WRITE);
  }
#else
  (void)data;
  (void)size;
#endif
}

void* MapRegion(size_t size) {
  const bool huge = size >= kHugePageBytes;
  // A huge page must start on a 2 MiB boundary: map a little more, then trim.
  const size_t slack = huge ? kHugePageBytes : 0;
  void* mem = mmap(nullptr, size + slack, PROT_READ | PROT_WRITE,
                   MAP_PRIVATE | MAP_ANONYMOUS, -1, 0);
  if (mem == MAP_FAILED) return nullptr;
  auto* data = static_cast<char*>(mem);
  if (huge) {
    auto addr = reinterpret_cast<uintptr_t>(data);
    auto aligned = (addr + kHugePageBytes - 1) & ~(kHugePageBytes - 1);
    size_t head = aligned - addr;
    if (head > 0) munmap(data, head);
    if (slack - head > 0) {
      munmap(reinterpret_cast<char*>(aligned) + size, slack - head);
    }
    data = reinterpret_cast<char*>(aligned);
    // Only a hint: with THP disabled the region stays in 4 KiB pages.
    madvise(data, size, MADV_HUGEPAGE);
  }
  PopulateForWrite(data, size);
  return data;
}

void UnmapRegion(void* data, size_t size) { munmap(data, size); }

}  // namespace warden::lang
