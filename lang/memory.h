// Memory helpers shared by the allocators of the interpreter.
#ifndef WARDEN_LANG_MEMORY_H_
#define WARDEN_LANG_MEMORY_H_

#include <cstddef>

namespace warden::lang {

// Asks the kernel to back [data, data + size) with memory now, in one call,
// before it is written. On virtual machines a first-touch page fault costs
// 5-25 us (touching 12 MB page by page took 50-100 ms here, populating it
// 4 ms), so buffers of megabytes that are about to be filled are populated
// up front. Only whole pages inside the range are affected; failure (an old
// kernel without MADV_POPULATE_WRITE) only loses the speed-up.
void PopulateForWrite(void* data, size_t size);

}  // namespace warden::lang

#endif  // WARDEN_LANG_MEMORY_H_
