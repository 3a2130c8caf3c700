// libFuzzer target: the workbook reader (.xlsx and .ods) on its own, on any bytes. An input that
// starts as a zip archive is read as the workbook it claims to be; any other input is XML that
// the first byte puts into a well-formed workbook, so the fuzzer reaches the sheet readers
// without having to find zip's checksums:
//   0: an .xlsx sheet (xl/worksheets/sheet1.xml), with shared strings and styles to name
//   1: an .ods content.xml
//   2: an .xlsx's shared strings, under a sheet that names the first ten
//   3: an .xlsx's styles, under a sheet of numbers in styles 0 to 3
// A crash, a hang or an exception other than waymark::Error is a bug.
#include <cstdint>
#include <cstring>
#include <fstream>
#include <string>
#include <unistd.h>

#include "waymark/errors.hpp"
#include "waymark/records.hpp"
#include "workbook_zip.hpp"

namespace {

const std::string shared_strings =
    R"(<sst xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main"><si><t>id</t></si><si><t>name</t></si>)"
    R"(<si><r><t>A</t></r><r><t>da</t></r><rPh><t>x</t></rPh></si></sst>)";
const std::string styles =
    R"(<styleSheet xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main"><numFmts><numFmt numFmtId="164" formatCode="dd/mm/yyyy"/>)"
    R"(</numFmts><cellXfs><xf numFmtId="0"/><xf numFmtId="164"/><xf numFmtId="9"/><xf numFmtId="14"/></cellXfs></styleSheet>)";

std::string workbook_of(const std::uint8_t* data, std::size_t size) {
  const char* bytes = reinterpret_cast<const char*>(data);
  if (size >= 4 && std::memcmp(bytes, "PK\x03\x04", 4) == 0) return std::string(bytes, size);
  if (size == 0) return {};
  const std::string xml(bytes + 1, size - 1);
  switch (data[0] % 4) {
    case 0: return test::xlsx_workbook(xml, shared_strings, styles);
    case 1: return test::ods_workbook(xml);
    case 2: {
      std::string row = R"(<row r="1">)";
      for (int i = 0; i < 10; ++i) row += R"(<c t="s"><v>)" + std::to_string(i) + "</v></c>";
      return test::xlsx_workbook(test::xlsx_sheet(row + "</row>"), xml);
    }
    default:
      return test::xlsx_workbook(
          test::xlsx_sheet(R"(<row r="1"><c t="inlineStr"><is><t>id</t></is></c><c t="inlineStr"><is><t>n</t></is></c></row>)"
                           R"(<row r="2"><c s="0"><v>1</v></c><c s="1"><v>40000</v></c></row>)"
                           R"(<row r="3"><c s="2"><v>0.5</v></c><c s="3"><v>-1</v></c></row>)"),
          shared_strings, xml);
  }
}

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  // open_records takes a path, as the tools do: the bytes go through a file of this process's own.
  static const std::string path = "/tmp/waymark-fuzz-workbook-" + std::to_string(::getpid());
  {
    const std::string workbook = workbook_of(data, size);
    std::ofstream out(path, std::ios::binary | std::ios::trunc);
    out.write(workbook.data(), static_cast<std::streamsize>(workbook.size()));
  }
  try {
    waymark::InputOptions options;
    options.path = path;
    options.format = waymark::RecordFormat::xlsx;  // a workbook, whatever its first bytes
    const auto reader = waymark::open_records(options);
    waymark::Record record;
    for (int n = 0; n < 100000 && reader->next(record); ++n) {
      for (const auto value : record.values) (void)value.size();
    }
  } catch (const waymark::Error&) {
    // Refused with a message: what bad input should get.
  }
  return 0;
}
