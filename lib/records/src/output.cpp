#include "waymark/output.hpp"

#include <cerrno>
#include <cstdio>
#include <cstdlib>
#include <cstring>
#include <fcntl.h>
#include <sys/stat.h>
#include <unistd.h>

#include "waymark/cleanup.hpp"
#include "waymark/errors.hpp"

namespace waymark {

Output::Output(const std::string& path) {
  if (path.empty() || path == "-") {
    path_ = "<stdout>";
    return;
  }
  path_ = path;
  const auto slash = path.rfind('/');
  const std::string dir = slash == std::string::npos ? "." : path.substr(0, slash + 1);
  const std::string base = slash == std::string::npos ? path : path.substr(slash + 1);
  struct stat info {};
  if (base.empty() || (::stat(path.c_str(), &info) == 0 && S_ISDIR(info.st_mode))) {
    throw Error(ErrorKind::cannot_create, "cannot create " + path + ": it is a directory");
  }
  if (::stat(path.c_str(), &info) == 0 && !S_ISREG(info.st_mode)) {
    // A device or pipe (/dev/null, /dev/stdout, a FIFO) is written in place: renaming a file over
    // it would replace the device itself.
    fd_ = ::open(path.c_str(), O_WRONLY | O_TRUNC | O_CLOEXEC);
    if (fd_ < 0) throw Error(ErrorKind::cannot_create, "cannot open " + path + ": " + std::strerror(errno));
    return;
  }
  temp_path_ = (slash == std::string::npos ? "" : dir) + "." + base + ".XXXXXX";
  create_removed_on_signal([&] {
    fd_ = ::mkstemp(temp_path_.data());  // mode 0600
    return fd_ < 0 ? std::string() : temp_path_;
  });
  if (fd_ < 0) throw Error(ErrorKind::cannot_create, "cannot create " + path + ": " + std::strerror(errno));
}

Output::~Output() {
  if (fd_ != 1) {
    ::close(fd_);
    if (!committed_ && !temp_path_.empty()) ::unlink(temp_path_.c_str());
    if (!temp_path_.empty()) forget_on_signal(temp_path_);
  }
}

void Output::flush() {
  const char* p = buffer_.data();
  std::size_t left = buffer_.size();
  while (left > 0) {
    const ssize_t n = ::write(fd_, p, left);
    if (n < 0) {
      if (errno == EINTR) continue;
      if (errno == EPIPE) throw BrokenPipe{};
      throw Error(ErrorKind::io, "cannot write " + path_ + ": " + std::strerror(errno));
    }
    p += n;
    left -= static_cast<std::size_t>(n);
  }
  buffer_.clear();
}

void Output::commit() {
  flush();
  if (fd_ == 1 || temp_path_.empty()) return;
  if (::fsync(fd_) != 0) throw Error(ErrorKind::io, "cannot write " + path_ + ": " + std::strerror(errno));
  int error = 0;
  forget_on_signal(temp_path_, [&] {
    if (::rename(temp_path_.c_str(), path_.c_str()) != 0) error = errno;
  });
  if (error != 0) throw Error(ErrorKind::io, "cannot write " + path_ + ": " + std::strerror(error));
  committed_ = true;
}

}  // namespace waymark
