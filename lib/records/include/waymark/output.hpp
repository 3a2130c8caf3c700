// Where a tool's output goes: standard output, or a file written atomically with private mode.
#pragma once

#include <chrono>
#include <fmt/format.h>
#include <iterator>
#include <optional>
#include <string>
#include <string_view>

namespace waymark {

// Buffers writes. A file is written as an unnamed file in its directory (O_TMPFILE, mode 0600: these
// are records about children) and linked into place by `commit`, replacing an older file in one
// step; where the file system cannot, under a hidden temporary name renamed into place. Without
// `commit` it is removed (an unnamed file simply vanishes, even on SIGKILL), so a failed run never
// leaves a half-written file. A path that is a device or a pipe (/dev/null, a FIFO)
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
  std::string temp_path_;    // empty for standard output, devices and pipes written in place, and unnamed files
  std::string unnamed_dir_;  // the directory of an unnamed (O_TMPFILE) file; empty otherwise
  void link_into_place();
  int fd_ = 1;
  bool committed_ = false;
  fmt::memory_buffer buffer_;
};

}  // namespace waymark
