// libFuzzer target: the document writers (Markdown, HTML, text, PDF, Word) on hostile text
// (hostile_text.hpp), the way the tools make documents: values go into a template ({{x}}, escaped
// by render_markdown) beside the document's title, the school's name and the author, and the
// learner's id names the document's file (safe_file_name). The first byte picks the format; PDF
// documents keep each value under 200 bytes, as PDF rendering is slow.
// What was written must be a document its readers open, so a wrong one fails as a crash does:
// - Word: every XML part of the package is well-formed (expat);
// - HTML, Markdown, text: UTF-8 without the characters documents leave out (C0 controls other
//   than tab and line breaks, U+FFFE, U+FFFF), and no script or javascript: link in HTML;
// - PDF: a whole file, from %PDF- to %%EOF;
// - the file name: letters, digits, '-', '_' and '.', not starting with '.', at most 100 bytes.
#include <cctype>
#include <cstdint>
#include <cstdio>
#include <cstdlib>
#include <expat.h>
#include <fstream>
#include <iterator>
#include <memory>
#include <nlohmann/json.hpp>
#include <string>
#include <string_view>
#include <unistd.h>
#include <zip.h>

#include "hostile_text.hpp"
#include "refusals.hpp"
#include "waymark/csv.hpp"
#include "waymark/output.hpp"
#include "waymark/render.hpp"

namespace {

[[noreturn]] void wrong(const std::string& what) {
  std::fprintf(stderr, "wrong document: %s\n", what.c_str());
  std::abort();
}

const waymark::Template& plan_template() {
  static const waymark::Template tmpl = [] {
    waymark::Template t{
        "fuzz", "fuzz.md.mustache",
        "# My plan: {{given_name}} {{family_name}}\n\n"
        "Year {{year}} · Key person: {{key_person}}\n\n"
        "## Why we are offering support\n\n"
        "{{#reasons}}\n- {{.}}\n{{/reasons}}\n\n"
        "**What I am good at:** {{strengths}} *{{interests}}*\n\n"
        "| Target | Who | By when |\n|---|---|---|\n"
        "{{#targets}}\n| {{target}} | {{owner}} | {{due}} |\n{{/targets}}\n\n"
        "> {{quote}}\n\n"
        "1. {{step}}\n   - {{substep}}\n\n"
        "```bar-chart\n{{#bars}}\n{{label}} | {{percent}}\n{{/bars}}\n```\n\n"
        "| Who | Signature | Date |\n|---|---|---|\n| Young person: {{given_name}} | | |\n| Key person: {{key_person}} | | |\n"};
    waymark::check_template(t);
    return t;
  }();
  return tmpl;
}

// XML well-formedness of one part of the package.
void check_xml(const std::string& name, const std::string& xml) {
  const std::unique_ptr<XML_ParserStruct, decltype(&XML_ParserFree)> parser(XML_ParserCreate("UTF-8"), &XML_ParserFree);
  if (XML_Parse(parser.get(), xml.data(), static_cast<int>(xml.size()), XML_TRUE) != XML_STATUS_OK)
    wrong(name + " is not well-formed XML: " + XML_ErrorString(XML_GetErrorCode(parser.get())) + " at line " +
          std::to_string(XML_GetCurrentLineNumber(parser.get())) + ", column " + std::to_string(XML_GetCurrentColumnNumber(parser.get())));
}

void check_docx(const std::string& package) {
  zip_error_t error;
  zip_error_init(&error);
  zip_source_t* source = zip_source_buffer_create(package.data(), package.size(), 0, &error);
  zip_t* archive = source ? zip_open_from_source(source, ZIP_RDONLY, &error) : nullptr;
  if (!archive) {
    if (source) zip_source_free(source);
    wrong("the .docx is not a zip archive");
  }
  const std::unique_ptr<zip_t, decltype(&zip_discard)> close(archive, &zip_discard);
  const auto entries = zip_get_num_entries(archive, 0);
  for (zip_int64_t i = 0; i < entries; ++i) {
    const std::string name = zip_get_name(archive, static_cast<zip_uint64_t>(i), 0);
    if (!name.ends_with(".xml") && !name.ends_with(".rels")) continue;
    zip_stat_t stat;
    if (zip_stat_index(archive, static_cast<zip_uint64_t>(i), 0, &stat) != 0) wrong("cannot stat " + name);
    std::string xml(stat.size, '\0');
    zip_file_t* file = zip_fopen_index(archive, static_cast<zip_uint64_t>(i), 0);
    if (!file || zip_fread(file, xml.data(), stat.size) != static_cast<zip_int64_t>(stat.size)) wrong("cannot read " + name);
    zip_fclose(file);
    check_xml(name, xml);
  }
}

// UTF-8 without the characters no document may hold.
void check_text(std::string_view text, std::string_view what) {
  if (!waymark::is_valid_utf8(text)) wrong(std::string(what) + " is not UTF-8");
  for (std::size_t i = 0; i < text.size(); ++i) {
    const auto c = static_cast<unsigned char>(text[i]);
    if (c < 0x20 && c != '\t' && c != '\n' && c != '\r') wrong(std::string(what) + " holds control character " + std::to_string(c));
    if (c == 0xEF && text.substr(i, 3) == "\xEF\xBF\xBE") wrong(std::string(what) + " holds U+FFFE");
    if (c == 0xEF && text.substr(i, 3) == "\xEF\xBF\xBF") wrong(std::string(what) + " holds U+FFFF");
  }
}

void check_file_name(const std::string& name) {
  if (name.empty() || name.size() > 100 || name.front() == '.') wrong("unsafe file name '" + name + "'");
  for (const char c : name)
    if (!(std::isalnum(static_cast<unsigned char>(c)) || c == '-' || c == '_' || c == '.')) wrong("unsafe file name '" + name + "'");
}

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  static const std::string path = "/tmp/waymark-fuzz-documents-" + std::to_string(::getpid());
  waymark::fuzz::HostileText in(data, size);
  constexpr waymark::DocumentFormat formats[] = {waymark::DocumentFormat::md, waymark::DocumentFormat::html, waymark::DocumentFormat::txt,
                                                 waymark::DocumentFormat::pdf, waymark::DocumentFormat::docx};
  const auto format = formats[in.byte() % std::size(formats)];
  const bool pdf = format == waymark::DocumentFormat::pdf;
  auto next = [&] {
    auto text = in.field();
    if (pdf && text.size() > 200) text.resize(200);
    return text;
  };

  check_file_name(waymark::safe_file_name(next()));
  waymark::PageSettings page;
  page.school = next();
  page.author = next();
  const std::string title = next();
  nlohmann::json values;
  for (const char* key : {"given_name", "family_name", "year", "key_person", "strengths", "interests", "quote", "step", "substep"})
    values[key] = next();
  values["reasons"] = nlohmann::json::array({next(), next()});
  values["targets"] = nlohmann::json::array({{{"target", next()}, {"owner", next()}, {"due", next()}}});
  values["bars"] = nlohmann::json::array({{{"label", next()}, {"percent", in.byte() % 101}}});

  waymark::fuzz::expect_success_or_refusal([&] {
    const std::string markdown = waymark::render_markdown(plan_template(), values);
    {
      waymark::Output out(path);
      const auto writer = waymark::DocumentWriter::create(format, out, page);
      writer->begin(title);
      writer->document(waymark::ParsedDocument(markdown, title));
      writer->finish();
      out.commit();
    }
    std::ifstream file(path, std::ios::binary);
    const std::string written((std::istreambuf_iterator<char>(file)), std::istreambuf_iterator<char>());
    switch (format) {
      case waymark::DocumentFormat::docx: check_docx(written); break;
      case waymark::DocumentFormat::pdf: {
        std::string_view end(written);
        while (!end.empty() && (end.back() == '\n' || end.back() == '\r')) end.remove_suffix(1);
        if (!written.starts_with("%PDF-") || !end.ends_with("%%EOF")) wrong("the PDF is not whole");
        break;
      }
      case waymark::DocumentFormat::html:
        check_text(written, "the HTML");
        if (written.find("<script") != std::string::npos || written.find("href=\"javascript:") != std::string::npos)
          wrong("the HTML holds a script");
        break;
      default: check_text(written, "the document");
    }
  });
  return 0;
}
