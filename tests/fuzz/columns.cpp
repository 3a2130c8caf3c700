// libFuzzer target: the --columns file (lines 'field = the school's heading', read by
// read_mapping_file) on any bytes. A vocabulary it accepts must mean by each heading the field the
// file gave it: the file is read again line by line here and every heading looked up; a heading
// that finds no field, or another field (a line silently outweighed), aborts the run.
#include <cstdint>
#include <cstdio>
#include <cstdlib>
#include <fstream>
#include <string>
#include <unistd.h>
#include <utility>
#include <vector>

#include "refusals.hpp"
#include "waymark/headings.hpp"
#include "waymark/mapping_file.hpp"

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  static const std::string path = "/tmp/waymark-fuzz-columns-" + std::to_string(::getpid());
  {
    std::ofstream out(path, std::ios::binary | std::ios::trunc);
    out.write(reinterpret_cast<const char*>(data), static_cast<std::streamsize>(size));
  }
  waymark::fuzz::expect_success_or_refusal([&] {
    const auto vocabulary = waymark::HeadingVocabulary::with_school_headings(path);
    std::vector<std::pair<std::string, std::string>> lines;
    waymark::read_mapping_file(path, "columns", "",
                               [&](long, std::string_view field, std::string_view heading) { lines.emplace_back(field, heading); });
    for (const auto& [field, heading] : lines) {
      const auto meaning = vocabulary.meaning(heading);
      if (!meaning || meaning->field != field) {
        std::fprintf(stderr, "wrong vocabulary: heading '%s' does not stand for %s, as the file says\n", heading.c_str(), field.c_str());
        std::abort();
      }
    }
  });
  return 0;
}
