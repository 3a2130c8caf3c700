// Reading bytes from a file or standard input in large chunks, for the streaming record readers,
// converted to UTF-8 on the way where the input is in another encoding.
#pragma once

#include <cstddef>
#include <string>
#include <string_view>
#include <vector>

namespace waymark {

// The whole of an input at once, for a reader that needs all of it (a workbook's zip archive is
// read from its end): a regular file is mapped into memory, not copied; anything else (a pipe)
// is read into a string.
class WholeInput {
 public:
  explicit WholeInput(std::string bytes = {}) : copy_(std::move(bytes)) {}
  WholeInput(WholeInput&& other) noexcept;
  WholeInput& operator=(WholeInput&&) = delete;
  WholeInput(const WholeInput&) = delete;
  WholeInput& operator=(const WholeInput&) = delete;
  ~WholeInput();

  std::string_view bytes() const { return map_ ? std::string_view(static_cast<const char*>(map_) + skip_, size_ - skip_) : copy_; }

 private:
  friend class ChunkedInput;
  std::string copy_;
  void* map_ = nullptr;  // the mapping, when the input is a mapped file
  std::size_t size_ = 0;
  std::size_t skip_ = 0;  // bytes of the mapping before the input's start (mappings start on a page)
};

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

  // Reads the input as `encoding` (a name iconv knows: windows-1252, latin1, utf-16le ...), turning
  // it into UTF-8 as it is read; with "" the input is UTF-8, or UTF-16 if it starts with a UTF-16
  // byte order mark (as Excel's "Unicode text" does). Call once, before anything is read. Throws
  // Error(usage) for an encoding iconv does not know.
  void decode(const std::string& encoding);
  // Everything left in the input, to its end (a workbook is read whole).
  WholeInput read_all();

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
  // Reads up to `size` bytes of the file into `to`; 0 at its end.
  std::size_t read_some(char* to, std::size_t size);
  // Reads and converts until some UTF-8 is appended to buffer_; 0 at the end of the input.
  std::size_t read_decoded();
  // The rest of a regular file mapped (with the window's bytes before it), or false.
  bool map_rest(WholeInput& whole);

  std::vector<char> buffer_;
  void* decoder_ = nullptr;  // an iconv_t, when the input is converted
  std::string encoding_;     // its name, for messages
  std::vector<char> raw_;    // bytes read but not converted yet
  std::size_t raw_size_ = 0;
  std::size_t raw_offset_ = 0;  // where raw_ starts in the file, for messages
  bool raw_eof_ = false;
  std::size_t chunk_size_;
  std::size_t start_ = 0;
  std::size_t end_ = 0;
};

}  // namespace waymark
