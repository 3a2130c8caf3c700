// libFuzzer target: the document writers on any Markdown. The first byte picks the format (md,
// html, txt, pdf, docx), the rest is the Markdown a template would have rendered; the document is
// written to /dev/null.
#include <cstdint>
#include <string_view>

#include "refusals.hpp"
#include "waymark/output.hpp"
#include "waymark/render.hpp"

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  if (size == 0) return 0;
  constexpr waymark::DocumentFormat formats[] = {waymark::DocumentFormat::md, waymark::DocumentFormat::html, waymark::DocumentFormat::txt,
                                                 waymark::DocumentFormat::pdf, waymark::DocumentFormat::docx};
  const auto format = formats[data[0] % std::size(formats)];
  const std::string_view markdown(reinterpret_cast<const char*>(data) + 1, size - 1);
  waymark::fuzz::expect_success_or_refusal([&] {
    waymark::Output out("/dev/null");
    const auto writer = waymark::DocumentWriter::create(format, out, waymark::PageSettings{});
    writer->begin("Fuzz");
    writer->document(waymark::ParsedDocument(markdown, "Fuzz"));
    writer->finish();
    out.commit();
  });
  return 0;
}
