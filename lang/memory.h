// Memory helpers shared by the allocators of the interpreter.
//
// On virtual machines first-touch memory is expensive: a page fault costs
// 5-25 us, and even populated 4 KiB pages are slow to write the first time
// (nested page-table walks). Measured on the 2-core Firecracker VM this
// project is developed on, writing 12 MiB of fresh memory took 42 ms
// untouched, 3 + 20 ms populated with 4 KiB pages, and 1 + 0.5 ms populated
// as transparent huge pages. The allocators that fill megabytes (the syntax
// tree arena, the object heap's slabs, a source file's buffer) therefore get
// their memory populated up front, as huge pages when it is big enough.
#ifndef WARDEN_LANG_MEMORY_H_
#define WARDEN_LANG_MEMORY_H_

#include <cstddef>

namespace warden::lang {

// Asks the kernel to back [data, data + size) with memory now, in one call,
// before it is written. Only whole pages inside the range are affected;
// failure (an old kernel without MADV_POPULATE_WRITE) only loses the
// speed-up.
void PopulateForWrite(void* data, size_t size);

// Maps `size` bytes (a multiple of 4 KiB) of zeroed, writable, populated
// memory; regions of at least kHugePageBytes are aligned to it and backed by
// transparent huge pages where the kernel allows. Returns nullptr when the
// address space is exhausted. Release with UnmapRegion(data, size).
inline constexpr size_t kHugePageBytes = size_t{2} << 20;
void* MapRegion(size_t size);
void UnmapRegion(void* data, size_t size);

}  // namespace warden::lang

#endif  // WARDEN_LANG_MEMORY_H_
