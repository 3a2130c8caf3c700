// Reading bytes from a file or standard input in large chunks, for the streaming record readers.
#pragma once

#include <cstddef>
#include <string>
#include <vector>

namespace waymark {

// A growable window over an input stream. Readers consume from the front and call `refill` when
// they need more; bytes before `keep_from` are dropped, so memory stays bounded by the longest
// record rather than the file.
class ChunkedInput {
 public:
  // Opens `path`, or standard input for "" and "-". Throws Error(no_input) if it cannot be opened.
  explicit ChunkedInput(const std::string& path, std::size_t chunk_size = 1 << 20);
  ~ChunkedInput();
  ChunkedInput(const ChunkedInput&) = delete;
  ChunkedInput& operator=(const ChunkedInput&) = delete;

  // The name used in messages: the path, or "<stdin>".
  const std::string& name() const { return name_; }

  char* begin() { return buffer_.data() + start_; }
  char* end() { return buffer_.data() + end_; }
  bool at_eof() const { return eof_; }

  // Drops bytes before `keep_from`, reads more; returns false when nothing more can be read.
  // Pointers into the window are invalidated; the caller re-derives them from begin().
  bool refill(const char* keep_from);
  // Marks bytes before `p` as consumed without reading.
  void consume_to(const char* p) { start_ = static_cast<std::size_t>(p - buffer_.data()); }

 private:
  std::string name_;
  int fd_ = -1;
  bool owns_fd_ = false;
  bool eof_ = false;
  std::vector<char> buffer_;
  std::size_t chunk_size_;
  std::size_t start_ = 0;
  std::size_t end_ = 0;
};

}  // namespace waymark
