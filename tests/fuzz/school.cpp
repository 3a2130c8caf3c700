// libFuzzer target: gatsby-audit's school answers file as TOML (toml++ and the checks on it).
#include <cstdint>
#include <fstream>
#include <string>
#include <unistd.h>

#include "refusals.hpp"
#include "waymark/gatsby/school.hpp"

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  // The reader takes a path ending in .toml, as the tool does: the bytes go through a file of this
  // process's own.
  static const std::string path = "/tmp/waymark-fuzz-school-" + std::to_string(::getpid()) + ".toml";
  {
    std::ofstream out(path, std::ios::binary | std::ios::trunc);
    out.write(reinterpret_cast<const char*>(data), static_cast<std::streamsize>(size));
  }
  waymark::fuzz::expect_success_or_refusal([&] {
    waymark::InputOptions input;
    input.path = path;
    const auto answers = waymark::gatsby::SchoolAnswers::read(input);
    (void)answers.get("1.1");
  });
  return 0;
}
