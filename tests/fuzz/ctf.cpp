// libFuzzer target: transition-pack's Common Transfer File reader (pugixml and the checks on it).
#include <cstdint>
#include <fstream>
#include <string>
#include <unistd.h>

#include "refusals.hpp"
#include "waymark/transition/ctf.hpp"

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  // The reader takes a path, as the tool does: the bytes go through a file of this process's own.
  static const std::string path = "/tmp/waymark-fuzz-ctf-" + std::to_string(::getpid()) + ".xml";
  {
    std::ofstream out(path, std::ios::binary | std::ios::trunc);
    out.write(reinterpret_cast<const char*>(data), static_cast<std::streamsize>(size));
  }
  waymark::fuzz::expect_success_or_refusal([&] { (void)waymark::transition::read_ctf(path, false); });
  return 0;
}
