// libFuzzer target: the Mustache template checker and renderer (render.hpp) on any template text,
// with data shaped like the tools' (a name, a list of targets, a flag, a nested object).
#include <cstdint>
#include <nlohmann/json.hpp>
#include <string>

#include "refusals.hpp"
#include "waymark/render.hpp"

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  static const nlohmann::json values = nlohmann::json::parse(R"({
    "name": "Sam *Test* <b>", "school": {"name": "Hill School", "lang": "en"}, "signed": true, "none": false,
    "targets": [{"text": "Attend 95%", "by": "2026-02-01"}, {"text": "| cell |", "by": ""}],
    "empty": [], "count": 3})");
  waymark::fuzz::expect_success_or_refusal([&] {
    const waymark::Template tmpl{"fuzz", "fuzz.md.mustache", std::string(reinterpret_cast<const char*>(data), size)};
    waymark::check_template(tmpl);
    (void)waymark::render_markdown(tmpl, values);
  });
  return 0;
}
