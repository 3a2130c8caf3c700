// Builds workbooks in memory around given XML, for the workbook fuzz harness and the unit tests:
// the parts that make an archive an .xlsx (one sheet) or an .ods, with the XML under test as its
// sheet, shared strings or content. Deflated, as spreadsheets save them.
#pragma once

#include <memory>
#include <stdexcept>
#include <string>
#include <utility>
#include <vector>
#include <zip.h>

namespace test {

// A zip archive of `parts` (name, content), in that order; the first is stored uncompressed when
// `store_first` (an OpenDocument package's mimetype).
inline std::string zip_archive(const std::vector<std::pair<std::string, std::string>>& parts, bool store_first = false) {
  zip_error_t error;
  zip_error_init(&error);
  zip_source_t* buffer = zip_source_buffer_create(nullptr, 0, 0, &error);
  if (!buffer) throw std::runtime_error("zip_source_buffer_create");
  zip_source_keep(buffer);
  const auto free_buffer = std::unique_ptr<zip_source_t, decltype(&zip_source_free)>(buffer, &zip_source_free);
  zip_t* archive = zip_open_from_source(buffer, ZIP_TRUNCATE, &error);
  if (!archive) throw std::runtime_error("zip_open_from_source");
  bool first = true;
  for (const auto& [name, content] : parts) {
    zip_source_t* part = zip_source_buffer(archive, content.data(), content.size(), 0);
    const zip_int64_t index = part ? zip_file_add(archive, name.c_str(), part, ZIP_FL_ENC_UTF_8) : -1;
    if (index < 0) {
      if (part) zip_source_free(part);
      zip_discard(archive);
      throw std::runtime_error("zip_file_add");
    }
    zip_set_file_compression(archive, static_cast<zip_uint64_t>(index), store_first && first ? ZIP_CM_STORE : ZIP_CM_DEFLATE, 0);
    first = false;
  }
  if (zip_close(archive) < 0) {
    zip_discard(archive);
    throw std::runtime_error("zip_close");
  }
  std::string bytes;
  if (zip_source_open(buffer) < 0) throw std::runtime_error("zip_source_open");
  char chunk[1 << 15];
  for (zip_int64_t got; (got = zip_source_read(buffer, chunk, sizeof chunk)) > 0;) bytes.append(chunk, static_cast<std::size_t>(got));
  zip_source_close(buffer);
  return bytes;
}

// An .xlsx of one sheet, 'Sheet1', whose part is `sheet`; `shared_strings` and `styles` are added
// when not empty.
inline std::string xlsx_workbook(const std::string& sheet, const std::string& shared_strings = {}, const std::string& styles = {}) {
  std::vector<std::pair<std::string, std::string>> parts = {
      {"xl/workbook.xml",
       R"(<?xml version="1.0" encoding="UTF-8"?><workbook xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main" )"
       R"(xmlns:r="http://schemas.openxmlformats.org/officeDocument/2006/relationships"><sheets>)"
       R"(<sheet name="Sheet1" sheetId="1" r:id="rId1"/></sheets></workbook>)"},
      {"xl/_rels/workbook.xml.rels",
       R"(<?xml version="1.0" encoding="UTF-8"?><Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">)"
       R"(<Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/worksheet" )"
       R"(Target="worksheets/sheet1.xml"/></Relationships>)"},
      {"xl/worksheets/sheet1.xml", sheet},
  };
  if (!shared_strings.empty()) parts.emplace_back("xl/sharedStrings.xml", shared_strings);
  if (!styles.empty()) parts.emplace_back("xl/styles.xml", styles);
  return zip_archive(parts);
}

// An .ods whose content.xml is `content`.
inline std::string ods_workbook(const std::string& content) {
  return zip_archive(
      {{"mimetype", "application/vnd.oasis.opendocument.spreadsheet"},
       {"META-INF/manifest.xml",
        R"(<?xml version="1.0" encoding="UTF-8"?><manifest:manifest xmlns:manifest="urn:oasis:names:tc:opendocument:xmlns:manifest:1.0" )"
        R"(manifest:version="1.3"><manifest:file-entry manifest:full-path="/" manifest:media-type="application/vnd.oasis.opendocument.spreadsheet"/>)"
        R"(<manifest:file-entry manifest:full-path="content.xml" manifest:media-type="text/xml"/></manifest:manifest>)"},
       {"content.xml", content}},
      true);
}

// content.xml around `tables` (table:table elements), with the namespaces LibreOffice declares.
inline std::string ods_content(const std::string& tables) {
  return R"(<?xml version="1.0" encoding="UTF-8"?><office:document-content )"
         R"(xmlns:office="urn:oasis:names:tc:opendocument:xmlns:office:1.0" xmlns:table="urn:oasis:names:tc:opendocument:xmlns:table:1.0" )"
         R"(xmlns:text="urn:oasis:names:tc:opendocument:xmlns:text:1.0" office:version="1.3"><office:body><office:spreadsheet>)" +
         tables + "</office:spreadsheet></office:body></office:document-content>";
}

// A worksheet part around `rows` (row elements).
inline std::string xlsx_sheet(const std::string& rows) {
  return R"(<?xml version="1.0" encoding="UTF-8"?><worksheet xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main"><sheetData>)" +
         rows + "</sheetData></worksheet>";
}

}  // namespace test
