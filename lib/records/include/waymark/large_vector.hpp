// Vectors of an entry per learner or per row, for inputs of a million: on Linux, their memory is
// asked for in 2 MB pages (transparent huge pages) once it reaches 4 MB. Filling such a vector
// then takes a page fault every 2 MB rather than every 4 KB (growing a vector touches twice its
// final size), and looking entries up at random misses the page table far less. Where huge pages
// are not available the kernel uses small ones; elsewhere it is a std::vector like any other.
#pragma once

#include <cstddef>
#include <cstdlib>
#include <memory>
#include <new>
#include <vector>

#if defined(__linux__)
#include <sys/mman.h>
#endif

namespace waymark {

template <class T>
struct LargeAllocator {
  using value_type = T;
  LargeAllocator() = default;
  template <class U>
  LargeAllocator(const LargeAllocator<U>&) {}

#if defined(__linux__)
  static constexpr std::size_t huge_page = std::size_t{2} << 20;
  static bool large(std::size_t n) { return n * sizeof(T) >= 2 * huge_page; }

  T* allocate(std::size_t n) {
    if (!large(n)) return std::allocator<T>{}.allocate(n);
    const std::size_t bytes = (n * sizeof(T) + huge_page - 1) / huge_page * huge_page;
    void* memory = std::aligned_alloc(huge_page, bytes);
    if (!memory) throw std::bad_alloc();
    madvise(memory, bytes, MADV_HUGEPAGE);  // a hint: refused, the pages are small ones
    return static_cast<T*>(memory);
  }
  void deallocate(T* p, std::size_t n) {
    if (!large(n))
      std::allocator<T>{}.deallocate(p, n);
    else
      std::free(p);
  }
#else
  T* allocate(std::size_t n) { return std::allocator<T>{}.allocate(n); }
  void deallocate(T* p, std::size_t n) { std::allocator<T>{}.deallocate(p, n); }
#endif

  friend bool operator==(const LargeAllocator&, const LargeAllocator&) { return true; }
};

template <class T>
using LargeVector = std::vector<T, LargeAllocator<T>>;

}  // namespace waymark
