#include "waymark/input.hpp"

#include <cerrno>
#include <cstring>
#include <fcntl.h>
#include <unistd.h>

#include "waymark/errors.hpp"

namespace waymark {

ChunkedInput::ChunkedInput(const std::string& path, std::size_t chunk_size) : chunk_size_(chunk_size) {
  if (path.empty() || path == "-") {
    name_ = "<stdin>";
    fd_ = STDIN_FILENO;
  } else {
    name_ = path;
    fd_ = ::open(path.c_str(), O_RDONLY | O_CLOEXEC);
    if (fd_ < 0) throw Error(Exit::no_input, "cannot open " + path + ": " + std::strerror(errno));
    owns_fd_ = true;
  }
  buffer_.resize(chunk_size_ + 1);
}

ChunkedInput::~ChunkedInput() {
  if (owns_fd_) ::close(fd_);
}

bool ChunkedInput::refill(const char* keep_from) {
  if (eof_) return false;
  const auto keep = static_cast<std::size_t>(keep_from - buffer_.data());
  const std::size_t kept = end_ - keep;
  if (keep > 0) std::memmove(buffer_.data(), buffer_.data() + keep, kept);
  start_ = 0;
  end_ = kept;
  // A record longer than the window grows it; ordinary files never do.
  if (buffer_.size() - end_ < chunk_size_ / 2) buffer_.resize(buffer_.size() + chunk_size_);
  for (;;) {
    const ssize_t n = ::read(fd_, buffer_.data() + end_, buffer_.size() - end_ - 1);
    if (n < 0) {
      if (errno == EINTR) continue;
      if (errno == EISDIR) throw Error(Exit::no_input, "cannot read " + name_ + ": it is a directory");
      throw Error(Exit::io, "cannot read " + name_ + ": " + std::strerror(errno));
    }
    if (n == 0) {
      eof_ = true;
      return false;
    }
    end_ += static_cast<std::size_t>(n);
    return true;
  }
}

}  // namespace waymark
