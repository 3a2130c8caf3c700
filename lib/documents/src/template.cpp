// Mustache templates: loading (built-in, --templates DIR, --template FILE), checking, rendering to
// Markdown with every value escaped.
#include <algorithm>
#include <cmark-gfm.h>
#include <fmt/format.h>

#include <fstream>
#include <sstream>
#include <vector>

#include "document_writers.hpp"
#include "mustache.hpp"
#include "waymark/errors.hpp"
#include "waymark/fields.hpp"
#include "waymark/render.hpp"

namespace waymark {

namespace {

std::string read_file(const std::filesystem::path& file) {
  std::ifstream in(file, std::ios::binary);
  if (!in || std::filesystem::is_directory(file))
    throw Error(ErrorKind::missing_input, fmt::format("{}: cannot read the template", file.string()));
  std::ostringstream text;
  text << in.rdbuf();
  return text.str();
}

struct Tag {
  std::string text;  // as written, for messages: "{{#goals}}"
  char kind = 0;     // '#', '^', '/', '!', '>', '=', '&', '{' or 0 for a variable
  std::string name;
  long line = 0;
};

Error template_error(const Template& tmpl, long line, std::string_view tag, std::string_view problem) {
  return Error(ErrorKind::bad_data, fmt::format("{}:{}: tag '{}': {}", tmpl.origin, line, tag, problem));
}

// Template text is UTF-8 without control bytes, as CSV input is: anything else would be copied
// into documents unchanged, or fail only when a PDF is laid out.
void check_text(const Template& tmpl) {
  std::size_t offset = 0;
  if (const auto problem = text_problem(tmpl.text, offset); !problem.empty()) {
    const auto line = 1 + std::count(tmpl.text.begin(), tmpl.text.begin() + static_cast<std::ptrdiff_t>(offset), '\n');
    throw Error(ErrorKind::bad_data, fmt::format("{}:{}: {} (a template in UTF-8)", tmpl.origin, line, problem));
  }
}

// The template's own Markdown, tags and all, nested no deeper than the writers allow: rendering
// cannot deepen it (values are escaped), so a template that passes makes documents that pass.
void check_markdown_nesting(const Template& tmpl) {
  cmark_node* root = cmark_parse_document(tmpl.text.data(), tmpl.text.size(), CMARK_OPT_DEFAULT);
  const auto line = line_nested_too_deep(root);
  cmark_node_free(root);
  if (line) {
    throw Error(ErrorKind::bad_data, fmt::format("{}:{}: Markdown nested more than {} deep (block quotes, lists or emphasis within each "
                                                 "other) (expected at most {} levels)",
                                                 tmpl.origin, *line, max_markdown_depth, max_markdown_depth));
  }
}

// Splits a template into its tags exactly as mstch's tokenizer does (template_type::tokenize and
// token::token in mstch 1.0.2), so that the checker sees the tags the renderer will, and refuses
// every tag mstch would mis-read. mstch cuts a name out of a tag with a pair of positions and
// throws std::length_error when the second comes before the first, which it does for a sigil or a
// triple mustache holding only spaces ("{{# }}", "{{ ! }}", "{{{ }}}") and for a delimiter change
// that is not two delimiters separated by spaces (it takes the new opening up to the next space
// anywhere after it). Its rules, which differ from the Mustache spec's:
// - the closing delimiter is searched from one byte after the opening one starts;
// - a tag is a triple mustache when a '{' follows the opening and a '}' the first closing;
// - a tag's kind is its first character that is not a space (so "{{ #a}}" opens section "a");
// - only spaces, not tabs or line breaks, are trimmed from a name.
std::vector<Tag> scan_tags(const Template& tmpl) {
  std::vector<Tag> tags;
  std::string open = "{{", close = "}}";
  const std::string& text = tmpl.text;
  // mstch reads the byte after a tag, which at the end of the template is the string's NUL.
  const auto at = [&](std::size_t i) { return i < text.size() ? text[i] : '\0'; };
  const auto is_space = [](char c) { return c == ' '; };
  long line = 1;
  std::size_t pos = 0;
  while (pos < text.size()) {
    const std::size_t start = text.find(open, pos);
    if (start == std::string::npos) break;
    for (std::size_t i = pos; i < start; ++i) line += text[i] == '\n';
    std::size_t end = text.find(close, start + 1);
    if (end == std::string::npos) {
      const std::size_t shown = std::min<std::size_t>(text.find('\n', start) - start, 40);
      throw template_error(tmpl, line, text.substr(start, shown), fmt::format("is never closed with {}", close));
    }
    if (at(start + open.size()) == '{' && at(end + close.size()) == '}') ++end;
    const std::size_t tag_end = std::max(end + close.size(), start + open.size());
    Tag tag;
    tag.text = text.substr(start, tag_end - start);
    tag.line = line;
    // The body: what lies between the delimiters, where mstch looks for the kind and the name.
    const std::size_t body = start + open.size();
    const std::size_t body_end = tag_end - close.size();
    if (end < body) throw template_error(tmpl, line, tag.text, "its closing delimiter overlaps the opening one");
    const auto first_not_space = [&](std::size_t from, std::size_t to) {
      while (from < to && is_space(text[from])) ++from;
      return from;
    };
    const auto after_last_not_space = [&](std::size_t from, std::size_t to) {
      while (to > from && is_space(text[to - 1])) --to;
      return to;
    };
    if (first_not_space(body, body_end) == body_end) {
      throw template_error(tmpl, line, tag.text, body == body_end ? "has no name" : "holds only spaces (a name, or no tag)");
    }
    std::size_t name_begin = 0, name_end = 0;
    if (text[body] == '=' && text[body_end - 1] == '=') {
      tag.kind = '=';
      // mstch: the new opening runs from the first non-space to the next space, the new closing
      // from the last space to the last non-space before the '='.
      const std::size_t inner = body + 1, inner_end = body_end - 1;
      const std::size_t first = inner < inner_end ? first_not_space(inner, inner_end) : inner_end;
      const std::size_t last = inner < inner_end ? after_last_not_space(inner, inner_end) : inner_end;
      const std::size_t gap = text.find(' ', first), gap_end = text.rfind(' ', last == 0 ? 0 : last - 1);
      if (first >= last || gap == std::string::npos || gap >= last || gap_end == std::string::npos || gap_end < gap ||
          first_not_space(gap, gap_end + 1) != gap_end + 1) {
        throw template_error(tmpl, line, tag.text, "a delimiter change needs two delimiters separated by spaces, such as {{=<% %>=}}");
      }
      open = text.substr(first, gap - first);
      close = text.substr(gap_end + 1, last - gap_end - 1);
      for (const auto& delimiter : {open, close}) {
        if (std::any_of(delimiter.begin(), delimiter.end(), [](char c) { return c == '=' || static_cast<unsigned char>(c) <= ' '; }))
          throw template_error(tmpl, line, tag.text, "a delimiter holds '=', a tab or a line break");
      }
      name_begin = name_end = body;
    } else if (text[body] == '{' && text[body_end - 1] == '}') {
      tag.kind = '{';
      name_begin = first_not_space(body + 1, body_end);
      name_end = after_last_not_space(body + 1, body_end - 1);
    } else {
      name_begin = first_not_space(body, body_end);
      if (std::string_view("#^/&>!").find(text[name_begin]) != std::string_view::npos) {
        tag.kind = text[name_begin];
        name_begin = first_not_space(name_begin + 1, body_end);
      }
      name_end = after_last_not_space(body, body_end);
    }
    if (tag.kind != '=') {
      // A name that ends before it begins is what makes mstch throw (found by fuzzing: it aborted
      // the tool); an empty one names nothing. A comment may be empty ("{{!}}").
      if (name_begin > name_end && tag.kind == '!')
        throw template_error(tmpl, line, tag.text, "the comment holds only spaces (words in it, or no comment)");
      if (name_begin > name_end || (name_begin == name_end && tag.kind != '!')) throw template_error(tmpl, line, tag.text, "has no name");
      tag.name = text.substr(name_begin, name_end - name_begin);
      // mstch keeps tabs and line breaks in a name: "{{#a\n}}" would open a section "a\n" that
      // "{{/a}}" does not close. A comment may hold anything.
      if (tag.kind != '!' && std::any_of(tag.name.begin(), tag.name.end(), [](char c) { return static_cast<unsigned char>(c) < ' '; }))
        throw template_error(tmpl, line, tag.text, "the name holds a tab or a line break (the whole tag on one line)");
    }
    for (std::size_t i = start; i < tag_end; ++i) line += text[i] == '\n';
    tags.push_back(std::move(tag));
    pos = tag_end;
  }
  return tags;
}

}  // namespace

std::optional<DocumentFormat> parse_document_format(std::string_view name) {
  if (name == "md") return DocumentFormat::md;
  if (name == "html") return DocumentFormat::html;
  if (name == "txt") return DocumentFormat::txt;
  if (name == "pdf") return DocumentFormat::pdf;
  if (name == "docx") return DocumentFormat::docx;
  return std::nullopt;
}

std::string_view file_extension(DocumentFormat format) {
  switch (format) {
    case DocumentFormat::md: return "md";
    case DocumentFormat::html: return "html";
    case DocumentFormat::txt: return "txt";
    case DocumentFormat::pdf: return "pdf";
    case DocumentFormat::docx: return "docx";
  }
  return "txt";
}

void TemplateSet::add_builtin(std::string name, std::string_view text) {
  Template tmpl{name, fmt::format("built-in {}.md.mustache", name), std::string(text)};
  templates_[std::move(name)] = std::move(tmpl);
}

void TemplateSet::add_translations(std::span<const EmbeddedFile> files) {
  constexpr std::string_view suffix = ".md.mustache";
  for (const auto& file : files) {
    const auto slash = file.path.find('/');
    if (slash == std::string_view::npos || !file.path.ends_with(suffix)) continue;
    const std::string lang(file.path.substr(0, slash));
    const std::string name(file.path.substr(slash + 1, file.path.size() - slash - 1 - suffix.size()));
    translations_[lang][name] = file.text;
  }
}

std::vector<std::string> TemplateSet::use_language(const std::string& lang) {
  std::vector<std::string> lacking;
  const auto language = translations_.find(lang);
  for (auto& [name, tmpl] : templates_) {
    const bool translated = language != translations_.end() && language->second.contains(name);
    if (translated) {
      tmpl = Template{name, fmt::format("built-in {}/{}.md.mustache", lang, name), std::string(language->second.at(name))};
      checked_.erase(name);
    } else if (lang != "en") {
      lacking.push_back(name);
    }
  }
  return lacking;
}

void TemplateSet::override_from_dir(const std::filesystem::path& dir) {
  if (!std::filesystem::is_directory(dir))
    throw Error(ErrorKind::missing_input, fmt::format("{}: not a directory of templates", dir.string()));
  for (auto& [name, tmpl] : templates_) {
    const auto file = dir / (name + ".md.mustache");
    if (std::filesystem::exists(file)) {
      tmpl = Template{name, file.string(), read_file(file)};
      checked_.erase(name);
    }
  }
}

void TemplateSet::override_one(const std::string& name, const std::filesystem::path& file) {
  templates_[name] = Template{name, file.string(), read_file(file)};
  checked_.erase(name);
}

const Template& TemplateSet::get(const std::string& name) const {
  const auto it = templates_.find(name);
  if (it == templates_.end()) throw Error(ErrorKind::usage, fmt::format("there is no template called '{}'", name));
  if (!checked_.contains(name)) {
    check_template(it->second);
    checked_.insert(name);
  }
  return it->second;
}

void check_template(const Template& tmpl) {
  check_text(tmpl);
  std::vector<const Tag*> open_sections;
  const auto tags = scan_tags(tmpl);
  for (const auto& tag : tags) {
    if (tag.kind == '#' || tag.kind == '^') {
      open_sections.push_back(&tag);
    } else if (tag.kind == '/') {
      if (open_sections.empty()) throw template_error(tmpl, tag.line, tag.text, "closes a section that was never opened");
      const Tag& opened = *open_sections.back();
      if (opened.name != tag.name) {
        throw template_error(
            tmpl, tag.line, tag.text,
            fmt::format("closes '{}' but the section open is '{}' (opened on line {})", tag.name, opened.name, opened.line));
      }
      open_sections.pop_back();
    } else if (tag.kind == '>') {
      throw template_error(tmpl, tag.line, tag.text, "partials are not supported: a document is one template");
    }
  }
  if (!open_sections.empty()) {
    const Tag& opened = *open_sections.back();
    throw template_error(tmpl, opened.line, opened.text, fmt::format("the section is never closed (expected {{{{/{}}}}})", opened.name));
  }
  check_markdown_nesting(tmpl);
}

std::string escape_markdown(std::string_view text) {
  std::string escaped;
  escaped.reserve(text.size() + text.size() / 8);
  bool after_space = false;
  for (const char c : text) {
    if (c == '\n' || c == '\r' || c == '\t') {
      if (!after_space) escaped += ' ';
      after_space = true;
      continue;
    }
    after_space = c == ' ';
    if (std::string_view("!\"#$%&'()*+,-./:;<=>?@[\\]^_`{|}~").find(c) != std::string_view::npos) escaped += '\\';
    escaped += c;
  }
  return escaped;
}

std::string render_markdown(const Template& tmpl, const nlohmann::json& data) {
  // Documents escape for Markdown, never for HTML: the Markdown is turned into HTML (escaped again
  // there) by cmark.
  return render_mustache(tmpl.text, data, [](const std::string& text) { return escape_markdown(text); });
}

}  // namespace waymark
