// Keeps large buffers in the process heap (glibc). Produce requests and Fetch answers are up to
// a few MiB each; by default glibc maps every block over its mmap threshold afresh and unmaps it
// on free, so each request paid page faults and page zeroing for its buffers (perf: 15-20% of
// the engine thread while a consumer reads). Blocks under 64 MiB now come from the heap, and up
// to 128 MiB of freed heap is kept for the next request instead of being returned to the kernel.
// Called once at the start of main, before any thread exists.
#pragma once

#if defined(__GLIBC__)
#include <malloc.h>
#endif

namespace kl::app {

inline void reuseLargeBuffers()
{
#if defined(__GLIBC__)
    mallopt(M_MMAP_THRESHOLD, 64 << 20);
    mallopt(M_TRIM_THRESHOLD, 128 << 20);
#endif
}

} // namespace kl::app
