#include "waymark/output.hpp"

#include <cerrno>
#include <cstdio>
#include <cstdlib>
#include <cstring>
#include <fcntl.h>
#include <random>
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
  // Where the kernel allows it (Linux 3.11+ on ext4, xfs, btrfs, tmpfs), the file has no name until
  // it is complete: a run killed by SIGKILL, which no cleanup can catch, then leaves nothing at all.
  fd_ = ::open(dir.c_str(), O_TMPFILE | O_WRONLY | O_CLOEXEC, 0600);
  if (fd_ >= 0 && ::access("/proc/self/fd", X_OK) == 0) {
    ::fchmod(fd_, 0600);  // whatever the umask
    unnamed_dir_ = dir;
    return;
  }
  if (fd_ >= 0) ::close(fd_);
  // Elsewhere (an NFS or SMB share, an old kernel), today's way: a hidden name beside the target.
  temp_path_ = (slash == std::string::npos ? "" : dir) + "." + base + ".XXXXXX";
  create_removed_on_signal([&] {
    fd_ = ::mkstemp(temp_path_.data());  // mode 0600
    return fd_ < 0 ? std::string() : temp_path_;
  });
  if (fd_ < 0) throw Error(ErrorKind::cannot_create, "cannot create " + path + ": " + std::strerror(errno));
}

Output::~Output() {
  if (fd_ != 1 && fd_ >= 0) {
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
  if (!unnamed_dir_.empty()) {
    if (::fsync(fd_) != 0) throw Error(ErrorKind::io, "cannot write " + path_ + ": " + std::strerror(errno));
    link_into_place();
    committed_ = true;
    return;
  }
  if (fd_ == 1 || temp_path_.empty()) return;
  if (::fsync(fd_) != 0) throw Error(ErrorKind::io, "cannot write " + path_ + ": " + std::strerror(errno));
  int error = 0;
  forget_on_signal(temp_path_, [&] {
    if (::rename(temp_path_.c_str(), path_.c_str()) != 0) error = errno;
  });
  if (error != 0) throw Error(ErrorKind::io, "cannot write " + path_ + ": " + std::strerror(error));
  committed_ = true;
}

void Output::link_into_place() {
  const std::string self = "/proc/self/fd/" + std::to_string(fd_);
  // A new file is linked under its own name, which fails rather than replace one made meanwhile;
  // under the signal lock, so that a signal's cleanup of a staging folder never races a new file.
  int linked = -1, link_error = 0;
  forget_on_signal(path_, [&] {
    linked = ::linkat(AT_FDCWD, self.c_str(), AT_FDCWD, path_.c_str(), AT_SYMLINK_FOLLOW);
    link_error = errno;
  });
  if (linked == 0) return;
  if (link_error != EEXIST) throw Error(ErrorKind::io, "cannot write " + path_ + ": " + std::strerror(link_error));
  // An existing file is replaced in one step: the complete file is linked under a hidden name and
  // renamed over it, the name registered so that SIGINT or SIGTERM between the two removes it.
  std::random_device random;
  int error = 0;
  const std::string temp = create_removed_on_signal([&] {
    for (int attempt = 0; attempt < 100; ++attempt) {
      const std::string name =
          fmt::format("{}.{}.{:08x}", unnamed_dir_ == "." ? "" : unnamed_dir_, path_.substr(path_.rfind('/') + 1), random());
      if (::linkat(AT_FDCWD, self.c_str(), AT_FDCWD, name.c_str(), AT_SYMLINK_FOLLOW) == 0) return name;
      if (errno != EEXIST) break;
    }
    error = errno;
    return std::string();
  });
  if (temp.empty()) throw Error(ErrorKind::io, "cannot write " + path_ + ": " + std::strerror(error));
  forget_on_signal(temp, [&] {
    if (::rename(temp.c_str(), path_.c_str()) != 0) {
      error = errno;
      ::unlink(temp.c_str());
    }
  });
  if (error != 0) throw Error(ErrorKind::io, "cannot write " + path_ + ": " + std::strerror(error));
}

}  // namespace waymark
