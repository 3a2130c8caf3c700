#include "waymark/input.hpp"

#include <algorithm>
#include <cctype>
#include <cerrno>
#include <cstring>
#include <fcntl.h>
#include <iconv.h>
#include <string_view>
#include <sys/mman.h>
#include <sys/stat.h>
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
    if (fd_ < 0) throw Error(ErrorKind::missing_input, "cannot open " + path + ": " + std::strerror(errno));
    owns_fd_ = true;
  }
  buffer_.resize(chunk_size_ + 1);
}

ChunkedInput::~ChunkedInput() {
  if (decoder_) ::iconv_close(static_cast<iconv_t>(decoder_));
  if (owns_fd_) ::close(fd_);
}

std::size_t ChunkedInput::read_some(char* to, std::size_t size) {
  for (;;) {
    const ssize_t n = ::read(fd_, to, size);
    if (n >= 0) return static_cast<std::size_t>(n);
    if (errno == EINTR) continue;
    if (errno == EISDIR) throw Error(ErrorKind::missing_input, "cannot read " + name_ + ": it is a directory");
    throw Error(ErrorKind::io, "cannot read " + name_ + ": " + std::strerror(errno));
  }
}

void ChunkedInput::decode(const std::string& encoding) {
  // The first bytes decide between UTF-8 and UTF-16; they are read raw and converted (or kept) below.
  raw_.resize(chunk_size_);
  while (raw_size_ < 4) {
    const std::size_t n = read_some(raw_.data() + raw_size_, raw_.size() - raw_size_);
    if (n == 0) break;
    raw_size_ += n;
  }
  // A workbook (a zip archive; an .xls or a locked .xlsx is an OLE file) is not text: an encoding
  // named for a run's text files is never applied to it.
  const auto starts_with = [&](std::string_view magic) {
    return raw_size_ >= magic.size() && std::memcmp(raw_.data(), magic.data(), magic.size()) == 0;
  };
  std::string from = starts_with("PK\x03\x04") || starts_with("\xD0\xCF\x11\xE0") ? std::string{} : encoding;
  std::size_t skip = 0;
  if (from.empty() && raw_size_ >= 2 && static_cast<unsigned char>(raw_[0]) == 0xFF && static_cast<unsigned char>(raw_[1]) == 0xFE)
    from = "UTF-16LE", skip = 2;
  if (from.empty() && raw_size_ >= 2 && static_cast<unsigned char>(raw_[0]) == 0xFE && static_cast<unsigned char>(raw_[1]) == 0xFF)
    from = "UTF-16BE", skip = 2;
  std::string folded;
  for (const char c : from)
    if (c != '-' && c != '_') folded += static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
  if (folded.empty() || folded == "utf8") {
    // UTF-8 needs no conversion: what was read is the start of the buffer.
    std::memcpy(buffer_.data(), raw_.data(), raw_size_);
    end_ = raw_size_;
    raw_size_ = 0;
    if (end_ == 0) eof_ = true;
    return;
  }
  const iconv_t cd = ::iconv_open("UTF-8", from.c_str());
  if (cd == reinterpret_cast<iconv_t>(-1)) {
    throw Error(ErrorKind::usage,
                "--encoding " + encoding + ": not an encoding this system knows (such as windows-1252, latin1, utf-16le)");
  }
  decoder_ = cd;
  encoding_ = from;
  // A byte order mark of the named encoding is not part of the data either.
  if (skip == 0 && (folded == "utf16le" || folded == "utf16be") && raw_size_ >= 2) {
    const auto b0 = static_cast<unsigned char>(raw_[0]), b1 = static_cast<unsigned char>(raw_[1]);
    if ((folded == "utf16le" && b0 == 0xFF && b1 == 0xFE) || (folded == "utf16be" && b0 == 0xFE && b1 == 0xFF)) skip = 2;
  }
  std::memmove(raw_.data(), raw_.data() + skip, raw_size_ - skip);
  raw_size_ -= skip;
  raw_offset_ = skip;
  if (const std::size_t n = read_decoded(); n > 0)
    end_ = n;
  else
    eof_ = true;
}

std::size_t ChunkedInput::read_decoded() {
  const auto cd = static_cast<iconv_t>(decoder_);
  for (;;) {
    if (!raw_eof_ && raw_size_ < raw_.size()) {
      const std::size_t n = read_some(raw_.data() + raw_size_, raw_.size() - raw_size_);
      if (n == 0) raw_eof_ = true;
      raw_size_ += n;
    }
    char* in = raw_.data();
    std::size_t in_left = raw_size_;
    char* const out_start = buffer_.data() + end_;
    char* out = out_start;
    std::size_t out_left = buffer_.size() - end_ - 1;
    const std::size_t result = ::iconv(cd, &in, &in_left, &out, &out_left);
    const int why = result == static_cast<std::size_t>(-1) ? errno : 0;
    const std::size_t consumed = raw_size_ - in_left;
    if (why == EILSEQ) {
      throw Error(ErrorKind::bad_data, name_ + ": byte " + std::to_string(raw_offset_ + consumed + 1) + " is not " + encoding_ +
                                           " text (--encoding names the encoding the file was saved in)");
    }
    std::memmove(raw_.data(), raw_.data() + consumed, in_left);
    raw_size_ = in_left;
    raw_offset_ += consumed;
    const auto produced = static_cast<std::size_t>(out - out_start);
    if (produced > 0) return produced;
    if (raw_eof_) {
      if (raw_size_ > 0) throw Error(ErrorKind::bad_data, name_ + ": the file ends in the middle of a " + encoding_ + " character");
      return 0;
    }
  }
}

WholeInput::WholeInput(WholeInput&& other) noexcept
    : copy_(std::move(other.copy_)), map_(other.map_), size_(other.size_), skip_(other.skip_) {
  other.map_ = nullptr;
}

WholeInput::~WholeInput() {
  if (map_) ::munmap(map_, size_);
}

bool ChunkedInput::map_rest(WholeInput& whole) {
  struct stat status {};
  if (decoder_ || eof_ || ::fstat(fd_, &status) != 0 || !S_ISREG(status.st_mode)) return false;
  // The window holds the bytes read last, so the rest of the input starts that many bytes
  // before where the file now stands.
  const off_t at = ::lseek(fd_, 0, SEEK_CUR);
  const auto held = static_cast<off_t>(end_ - start_);
  if (at < held || status.st_size <= at) return false;
  const off_t first = at - held;
  const off_t page = ::sysconf(_SC_PAGESIZE);
  const off_t from = first / page * page;
  const auto size = static_cast<std::size_t>(status.st_size - from);
  void* map = ::mmap(nullptr, size, PROT_READ, MAP_PRIVATE, fd_, from);
  if (map == MAP_FAILED) return false;
  whole.map_ = map;
  whole.size_ = size;
  whole.skip_ = static_cast<std::size_t>(first - from);
  // The window's bytes must be what the mapping has there, or the file is not where it was read.
  if (std::memcmp(whole.bytes().data(), begin(), end_ - start_) != 0) {
    ::munmap(map, size);
    whole.map_ = nullptr;
    return false;
  }
  eof_ = true;
  consume_to(end());
  return true;
}

WholeInput ChunkedInput::read_all() {
  // A workbook in a regular file is mapped: read into a string, it was zero-filled and copied from
  // the file, a twentieth of the time taken to score a large workbook.
  WholeInput whole;
  if (map_rest(whole)) return whole;
  std::string all(begin(), end());
  consume_to(end());
  if (decoder_) {
    while (refill(begin())) {
      all.append(begin(), end());
      consume_to(end());
    }
    return WholeInput(std::move(all));
  }
  // Anything else is read straight into one string, sized from the file where it is a regular file.
  struct stat status {};
  if (!eof_ && ::fstat(fd_, &status) == 0 && S_ISREG(status.st_mode)) {
    const off_t at = ::lseek(fd_, 0, SEEK_CUR);
    if (at >= 0 && status.st_size > at) all.reserve(all.size() + static_cast<std::size_t>(status.st_size - at) + 1);
  }
  while (!eof_) {
    const std::size_t filled = all.size();
    all.resize(all.capacity() > filled ? all.capacity() : filled + chunk_size_);
    const std::size_t n = read_some(all.data() + filled, all.size() - filled);
    all.resize(filled + n);
    if (n == 0) eof_ = true;
  }
  return WholeInput(std::move(all));
}

bool ChunkedInput::refill(const char* keep_from) {
  // Bytes before keep_from are dropped even at the end of the input, so a caller that re-derives
  // its place from begin() never reads them again (contract-print looped on a file of '[').
  const auto keep = static_cast<std::size_t>(keep_from - buffer_.data());
  const std::size_t kept = end_ - keep;
  if (keep > 0) std::memmove(buffer_.data(), buffer_.data() + keep, kept);
  start_ = 0;
  end_ = kept;
  if (eof_) return false;
  // A record longer than the window doubles it, so a long field costs linear time, not quadratic.
  if (buffer_.size() - end_ < chunk_size_ / 2) buffer_.resize(std::max(buffer_.size() * 2, buffer_.size() + chunk_size_));
  const std::size_t n = decoder_ ? read_decoded() : read_some(buffer_.data() + end_, buffer_.size() - end_ - 1);
  if (n == 0) {
    eof_ = true;
    return false;
  }
  end_ += n;
  return true;
}

}  // namespace waymark
