// The options of every tool that prints documents (--template, --templates, --set, --settings,
// --paper, --lang) and what they select: settings, page, language and templates. Apart from the
// shared command line (cli.hpp) so that a tool that prints no document does not link the
// documents library.
#pragma once

#include <functional>
#include <span>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include "waymark/cli.hpp"
#include "waymark/messages.hpp"
#include "waymark/render.hpp"

namespace waymark {

// A tool's built-in templates: each name with its text, and their translations
// (templates/<tool>/<lang>/<name>.md.mustache), compiled into the tool.
struct BuiltinTemplates {
  std::vector<std::pair<std::string, std::string_view>> templates;
  std::span<const EmbeddedFile> translations;
};

// The templates a run prints with, and the words of its language.
struct ChosenTemplates {
  TemplateSet templates;
  Messages messages;
};

// The options of every tool that prints documents.
struct DocumentOptions {
  std::string template_file;      // --template: replaces the template being rendered
  std::string templates_dir;      // --templates: DIR/<name>.md.mustache replace the built-in ones
  std::string settings_file;      // --settings
  std::vector<std::string> sets;  // --set key=value, after the settings file
  std::string paper = "a4";
  bool paper_given = false;  // --paper was given: refused where no format written has pages
  std::string lang = "en";   // --lang

  // The settings file, then each --set. Throws Error on a bad file or assignment.
  DocumentSettings settings() const;
  // The page of these settings on --paper, in --lang (page footers, lang metadata).
  PageSettings page(const DocumentSettings& settings) const;
  // --lang: its message catalogue, and `templates` switched to their translations. Whatever the
  // language lacks (the whole catalogue, some messages, some templates) is English, with one
  // warning saying so. Call before apply_overrides: --template and --templates win.
  // `rendered` names the templates this run prints (the warning is about those only).
  Messages language(TemplateSet& templates, const std::vector<std::string>& rendered,
                    const std::function<void(const std::string&)>& warn) const;
  // The built-in templates in --lang (language), then --templates and --template (apply_overrides,
  // `overridden` being the one --template replaces): what every tool that prints documents does.
  ChosenTemplates templates(const BuiltinTemplates& builtin, const std::vector<std::string>& rendered, const std::string& overridden,
                            const std::function<void(const std::string&)>& warn) const;
  // Applies --templates and --template (for `rendered`) to the built-in templates.
  void apply_overrides(TemplateSet& templates, const std::string& rendered) const;
  DocumentFormat document_format(const std::string& format) const;
  // Throws Error(usage) if --paper was given and none of `formats` has pages (md and txt have none),
  // rather than ignore it.
  void check_paper(const std::vector<DocumentFormat>& formats) const;
};

// Adds --template, --templates, --set, --settings, --paper and --lang to `tool`.
void add_document_options(Tool& tool, DocumentOptions& options);

// What a DocumentOutput reports, shown on standard error as `tool` shows its own messages:
// warnings through `warn` (Tool::warn, or CommonOptions::warn), and, when standard error is a
// terminal and more than 50 documents are written, a line counting them every tenth, overwritten
// as it grows and ended with the total ("plan-gen: 120 documents").
DocumentReporter document_reporter(std::string tool, std::function<void(const std::string&)> warn);

}  // namespace waymark
