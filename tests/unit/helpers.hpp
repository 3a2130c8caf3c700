// Shared helpers for the unit tests of lib/: temporary directories and files, reading a whole
// input into owned strings, and catching the errors the library throws.
#pragma once

#include <algorithm>
#include <catch2/catch.hpp>
#include <cstdlib>
#include <fcntl.h>
#include <filesystem>
#include <fstream>
#include <iterator>
#include <optional>
#include <string>
#include <string_view>
#include <sys/stat.h>
#include <thread>
#include <unistd.h>
#include <utility>
#include <vector>

#include "waymark/errors.hpp"
#include "waymark/records.hpp"

namespace test {

namespace fs = std::filesystem;

// A fresh directory under the system temporary directory, removed with everything in it when the
// object goes out of scope.
class TempDir {
 public:
  TempDir() {
    std::string pattern = (fs::temp_directory_path() / "waymark-unit-XXXXXX").string();
    if (::mkdtemp(pattern.data()) == nullptr) throw std::runtime_error("cannot create a temporary directory");
    path_ = pattern;
  }
  ~TempDir() {
    std::error_code ignored;
    fs::remove_all(path_, ignored);
  }
  TempDir(const TempDir&) = delete;
  TempDir& operator=(const TempDir&) = delete;

  const fs::path& path() const { return path_; }
  // The path of `name` inside the directory; the file is not created.
  fs::path operator/(const std::string& name) const { return path_ / name; }

  // Writes `content` byte for byte to `name` and returns its path.
  fs::path write(const std::string& name, std::string_view content) const {
    const fs::path file = path_ / name;
    std::ofstream out(file, std::ios::binary | std::ios::trunc);
    out.write(content.data(), static_cast<std::streamsize>(content.size()));
    if (!out) throw std::runtime_error("cannot write " + file.string());
    return file;
  }

  // Names of the entries in the directory, hidden ones included.
  std::vector<std::string> entries() const {
    std::vector<std::string> names;
    for (const auto& entry : fs::directory_iterator(path_)) names.push_back(entry.path().filename().string());
    return names;
  }

 private:
  fs::path path_;
};

// The whole content of a file.
inline std::string slurp(const fs::path& file) {
  std::ifstream in(file, std::ios::binary);
  if (!in) throw std::runtime_error("cannot read " + file.string());
  return std::string(std::istreambuf_iterator<char>(in), std::istreambuf_iterator<char>());
}

inline waymark::InputOptions input_options(const fs::path& file, std::optional<waymark::RecordFormat> format = std::nullopt,
                                           char delimiter = ',') {
  waymark::InputOptions options;
  options.path = file.string();
  options.format = format;
  options.delimiter = delimiter;
  return options;
}

// Everything a reader produced, copied out of the reader's buffers.
struct Table {
  waymark::RecordFormat format = waymark::RecordFormat::csv;
  std::vector<std::string> columns;
  std::vector<std::vector<std::string>> rows;
  std::vector<long> lines;  // Record::line of each row
};

inline Table read_all(const waymark::InputOptions& options) {
  const auto reader = waymark::open_records(options);
  Table table;
  table.format = reader->format();
  table.columns = reader->columns();
  waymark::Record record;
  while (reader->next(record)) {
    table.rows.emplace_back(record.values.begin(), record.values.end());
    table.lines.push_back(record.line);
  }
  return table;
}

// Writes `content` to a file in `dir` and reads it all back.
inline Table read_text(const TempDir& dir, std::string_view content, std::optional<waymark::RecordFormat> format = std::nullopt,
                       char delimiter = ',') {
  return read_all(input_options(dir.write("input", content), format, delimiter));
}

// Reads `text` as a pipe hands it over, a few kilobytes at a time: through a FIFO written by
// another thread in pieces of 4 KiB.
inline Table read_through_pipe(const test::TempDir& dir, const std::string& text) {
  const auto fifo = dir / "pipe";
  REQUIRE(::mkfifo(fifo.c_str(), 0600) == 0);
  std::thread writer([&] {
    const int fd = ::open(fifo.c_str(), O_WRONLY);
    for (std::size_t at = 0; fd >= 0 && at < text.size();) {
      const auto n = ::write(fd, text.data() + at, std::min<std::size_t>(4096, text.size() - at));
      if (n <= 0) break;
      at += static_cast<std::size_t>(n);
    }
    if (fd >= 0) ::close(fd);
  });
  Table table;
  try {
    table = read_all(input_options(fifo));
  } catch (...) {
    writer.join();
    throw;
  }
  writer.join();
  return table;
}

using Row = std::vector<std::string>;

// Runs `body` and returns the waymark::Error it throws, or nullopt if it throws none.
template <typename Body>
std::optional<waymark::Error> error_from(Body&& body) {
  try {
    std::forward<Body>(body)();
  } catch (const waymark::Error& e) {
    return e;
  }
  return std::nullopt;
}

// Runs `body` and returns the waymark::FieldError it throws, or nullopt if it throws none.
template <typename Body>
std::optional<waymark::FieldError> field_error_from(Body&& body) {
  try {
    std::forward<Body>(body)();
  } catch (const waymark::FieldError& e) {
    return e;
  }
  return std::nullopt;
}

// Reading `content` fails with a waymark::Error: returns it (the test fails if none is thrown).
inline waymark::Error read_error(const TempDir& dir, std::string_view content, std::optional<waymark::RecordFormat> format = std::nullopt,
                                 char delimiter = ',') {
  auto error = error_from([&] { read_text(dir, content, format, delimiter); });
  if (!error) FAIL("reading the input did not throw waymark::Error");
  return *error;
}

}  // namespace test
