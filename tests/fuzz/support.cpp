// libFuzzer target: the support log (--support, waymark-support(5)) and the school's names for its
// support (--support-names), on any bytes. The first byte picks which file the rest is (even: the
// log, read with a names file of the school's own names; odd: the names file) and the log's date
// order. A log that reported a bad value must fail the run; one read whole must hold a known label
// for every piece; otherwise the run aborts.
#include <cstdint>
#include <cstdio>
#include <cstdlib>
#include <fstream>
#include <string>
#include <unistd.h>
#include <vector>

#include "refusals.hpp"
#include "waymark/support/log.hpp"

namespace {

[[noreturn]] void wrong(const char* what) {
  std::fprintf(stderr, "wrong support log: %s\n", what);
  std::abort();
}

std::string write(const std::string& path, std::string_view bytes) {
  std::ofstream out(path, std::ios::binary | std::ios::trunc);
  out.write(bytes.data(), static_cast<std::streamsize>(bytes.size()));
  return path;
}

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  if (size == 0) return 0;
  static const std::string dir = "/tmp/waymark-fuzz-support-" + std::to_string(::getpid());
  static const std::string names_path =
      write(dir + "-names.txt", "# ours\nHomework Mentors = A02\nBreakfast club =\nPeer mentoring = A05\n");
  const std::string_view bytes(reinterpret_cast<const char*>(data) + 1, size - 1);
  const auto& catalogue = waymark::Catalogue::builtin();
  if (data[0] % 2 == 1) {
    write(dir + "-fuzz-names.txt", bytes);
    waymark::fuzz::expect_success_or_refusal([&] { (void)waymark::support::ActionNames::load(dir + "-fuzz-names.txt", catalogue); });
    return 0;
  }
  constexpr waymark::DateOrder orders[] = {waymark::DateOrder::dmy, waymark::DateOrder::iso, waymark::DateOrder::mdy};
  waymark::support::LogOptions options;
  options.input.path = write(dir + "-log", bytes);
  options.dates = orders[(data[0] >> 1) % 3];
  options.max_errors = 1 + data[0] % 5;
  std::size_t reported = 0;
  options.report_error = [&](const std::string&) { ++reported; };
  waymark::fuzz::expect_success_or_refusal([&] {
    const auto names = waymark::support::ActionNames::load(names_path, catalogue);
    auto log = waymark::support::SupportLog::read(options, catalogue, names);
    if (reported > 0) wrong("a log with a bad value was read as if whole");
    (void)log.of("A1");
    log.warn_unknown_learners([](const std::string&) {}, "roll.csv");
    if (log.size() > 0 && log.action_count() == 0) wrong("pieces without the labels of their actions");
  });
  return 0;
}
