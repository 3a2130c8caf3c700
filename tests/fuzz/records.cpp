// libFuzzer target: the record readers (CSV, JSON array, NDJSON, .xlsx, UTF-16) as the tools open
// them, on any bytes. A crash, a hang or an exception other than waymark::Error is a bug.
#include <cstdint>
#include <cstdio>
#include <fstream>
#include <string>
#include <unistd.h>

#include "waymark/errors.hpp"
#include "waymark/records.hpp"

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  // open_records takes a path, as the tools do: the bytes go through a file of this process's own.
  static const std::string path = "/tmp/waymark-fuzz-records-" + std::to_string(::getpid());
  {
    std::ofstream out(path, std::ios::binary | std::ios::trunc);
    out.write(reinterpret_cast<const char*>(data), static_cast<std::streamsize>(size));
  }
  try {
    waymark::InputOptions options;
    options.path = path;
    const auto reader = waymark::open_records(options);
    waymark::Record record;
    for (int n = 0; n < 100000 && reader->next(record); ++n) {
      for (std::size_t i = 0; i < reader->columns().size(); ++i) (void)reader->field_of(i);
    }
  } catch (const waymark::Error&) {
    // Refused with a message: what bad input should get.
  }
  return 0;
}
