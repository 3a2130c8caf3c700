// libFuzzer target: risk-check's rules parser on any bytes. A crash, an overflow (UBSan) or an
// exception other than waymark::Error (which would exit 70) is a bug.
#include <cstdint>
#include <string_view>

#include "waymark/errors.hpp"
#include "waymark/risk/rules.hpp"

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  try {
    const auto rules = waymark::risk::Rules::parse(std::string_view(reinterpret_cast<const char*>(data), size), "rules.json",
                                                   waymark::Catalogue::builtin());
    (void)rules;
  } catch (const waymark::Error&) {}
  return 0;
}
