#include "waymark/document_options.hpp"

#include <algorithm>
#include <fmt/format.h>
#include <unistd.h>

#include <iostream>
#include <memory>

namespace waymark {

DocumentSettings DocumentOptions::settings() const {
  DocumentSettings settings;
  if (!settings_file.empty()) settings.load_file(settings_file);
  for (const auto& assignment : sets) settings.set(assignment);
  return settings;
}

PageSettings DocumentOptions::page(const DocumentSettings& settings) const {
  PageSettings result = settings.page();
  result.paper = paper;
  const Messages messages(lang);
  result.lang = messages.lang();
  result.page_of = messages.text("/page_of");
  return result;
}

Messages DocumentOptions::language(TemplateSet& templates, const std::vector<std::string>& rendered,
                                   const std::function<void(const std::string&)>& warn) const {
  Messages messages(lang);
  if (!messages.found()) {
    warn(fmt::format("--lang {}: there is no catalogue or template in this language; the documents are in English", lang));
    return messages;
  }
  const auto lacking = templates.use_language(messages.lang());
  std::vector<std::string> english;
  for (const auto& name : lacking)
    if (std::find(rendered.begin(), rendered.end(), name) != rendered.end()) english.push_back(fmt::format("template '{}'", name));
  for (const auto& key : messages.missing()) english.push_back(fmt::format("message '{}'", key));
  if (!english.empty()) {
    std::string list;
    for (const auto& item : english) list += (list.empty() ? "" : ", ") + item;
    warn(fmt::format("--lang {}: not yet translated, printed in English: {}", lang, list));
  }
  return messages;
}

void DocumentOptions::apply_overrides(TemplateSet& templates, const std::string& rendered) const {
  if (!templates_dir.empty()) templates.override_from_dir(templates_dir);
  if (!template_file.empty()) templates.override_one(rendered, template_file);
}

ChosenTemplates DocumentOptions::templates(const BuiltinTemplates& builtin, const std::vector<std::string>& rendered,
                                           const std::string& overridden, const std::function<void(const std::string&)>& warn) const {
  ChosenTemplates chosen;
  for (const auto& [name, text] : builtin.templates) chosen.templates.add_builtin(name, text);
  chosen.templates.add_translations(builtin.translations);
  chosen.messages = language(chosen.templates, rendered, warn);
  apply_overrides(chosen.templates, overridden);
  return chosen;
}

DocumentFormat DocumentOptions::document_format(const std::string& format) const {
  return parse_document_format(format).value_or(DocumentFormat::md);
}

void DocumentOptions::check_paper(const std::vector<DocumentFormat>& formats) const {
  if (!paper_given) return;
  for (const auto format : formats)
    if (format != DocumentFormat::md && format != DocumentFormat::txt) return;
  throw Error(ErrorKind::usage,
              "--paper has no effect on md or txt, which have no pages, so it is refused rather than ignored "
              "(it takes effect on html, pdf and docx)");
}

void add_document_options(Tool& tool, DocumentOptions& options) {
  auto& app = tool.app();
  app.add_option("--template", options.template_file, "Render with this Mustache template instead of the built-in one");
  app.add_option("--templates", options.templates_dir, "Take templates from this directory where it has them (<name>.md.mustache)");
  app.add_option("--set", options.sets, "A document setting, e.g. --set school.name=\"Hillside Academy\" (repeatable)")
      ->allow_extra_args(false);  // one key=value each time, so a following input file stays the input
  app.add_option("--settings", options.settings_file, "Document settings: a JSON object, or key=value lines");
  app.add_option("--paper", options.paper, "Paper size for html, pdf and docx: a4 or letter (default a4)")
      ->check(CLI::IsMember({"a4", "letter"}))
      ->each([&options](const std::string&) { options.paper_given = true; });
  std::string languages;
  for (const auto& lang : Messages::languages()) languages += (languages.empty() ? "" : ", ") + lang;
  app.add_option("--lang", options.lang,
                 "The documents' language: " + languages + " (default en); what is not translated yet is English, with a warning");
}

DocumentReporter document_reporter(std::string tool, std::function<void(const std::string&)> warn) {
  DocumentReporter reporter;
  reporter.warn = std::move(warn);
  // For people watching a terminal: a long run shows it is moving. Counts only, never names.
  auto shown = std::make_shared<bool>(false);
  reporter.progress = [tool = std::move(tool), shown](std::size_t documents, bool done) {
    if (done) {
      if (*shown) std::cerr << fmt::format("\r{}: {} documents\n", tool, documents);
    } else if (documents > 50 && documents % 10 == 0 && isatty(STDERR_FILENO)) {
      std::cerr << fmt::format("\r{}: {} documents", tool, documents) << std::flush;
      *shown = true;
    }
  };
  return reporter;
}

}  // namespace waymark
