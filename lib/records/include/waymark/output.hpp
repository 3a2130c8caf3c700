// Where a tool's output goes: standard output, or a file written atomically with private mode.
#pragma once

#include <fmt/format.h>
#include <iterator>
#include <string>
#include <string_view>

namespace waymark {

// Buffers writes. A file is written under a temporary name in its directory (mode 0600: these are
// records about children) and renamed into place by `commit`; without `commit` it is removed, so a
// failed run never leaves a half-written file. A path that is a device or a pipe (/dev/null, a FIFO)
// is written in place. Writing to a closed pipe throws BrokenPipe.
class Output {
 public:
  // "" or "-" is standard output. Throws Error(cant_create) if the file cannot be created.
  explicit Output(const std::string& path);
  ~Output();
  Output(const Output&) = delete;
  Output& operator=(const Output&) = delete;

  void write(std::string_view text) {
    buffer_.append(text);
    if (buffer_.size() >= flush_at) flush();
  }
  template <typename... Args>
  void print(fmt::format_string<Args...> format, Args&&... args) {
    fmt::format_to(std::back_inserter(buffer_), format, std::forward<Args>(args)...);
    maybe_flush();
  }
  // The buffer, for writers that append to it directly; call maybe_flush() after.
  fmt::memory_buffer& buffer() { return buffer_; }
  void maybe_flush() {
    if (buffer_.size() >= flush_at) flush();
  }

  void flush();
  // Flushes and, for a file, moves it into place. Throws Error(io) on failure.
  void commit();
  bool is_stdout() const { return fd_ == 1; }
  const std::string& name() const { return path_; }

 private:
  static constexpr std::size_t flush_at = 1 << 20;
  std::string path_;
  std::string temp_path_;  // empty for standard output and for devices and pipes written in place
  int fd_ = 1;
  bool committed_ = false;
  fmt::memory_buffer buffer_;
};

}  // namespace waymark
