// What every waymark tool shares on its command line: options, --help/--version, exit codes.
#pragma once

#include <CLI/CLI.hpp>
#include <functional>
#include <optional>
#include <string>
#include <vector>

#include "waymark/fields.hpp"
#include "waymark/messages.hpp"
#include "waymark/records.hpp"
#include "waymark/render.hpp"

namespace waymark {

// The options of DESIGN.md's conventions, as given on the command line.
struct CommonOptions {
  std::string input = "-";
  std::string output;              // empty: standard output
  std::string format;              // empty: the tool's default
  std::string input_format = "auto";
  std::string delimiter = ",";
  std::string date_format = "iso";
  bool verbose = false;

  InputOptions input_options() const;
  char delimiter_char() const;
  DateOrder date_order() const;
};

// The options of every tool that prints documents.
struct DocumentOptions {
  std::string template_file;   // --template: replaces the template being rendered
  std::string templates_dir;   // --templates: DIR/<name>.md.mustache replace the built-in ones
  std::string settings_file;   // --settings
  std::vector<std::string> sets;  // --set key=value, after the settings file
  std::string paper = "a4";
  std::string lang = "en";     // --lang

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
  // Applies --templates and --template (for `rendered`) to the built-in templates.
  void apply_overrides(TemplateSet& templates, const std::string& rendered) const;
  DocumentFormat document_format(const std::string& format) const;
};

// A tool's command line and the handling every tool shares: option errors exit 2 with a hint,
// Error exits with its code and "tool: message" on standard error, a closed pipe exits 0 quietly.
class Tool {
 public:
  Tool(std::string name, std::string description);
  CLI::App& app() { return app_; }
  const std::string& name() const { return name_; }

  // Adds input, -o, --format (one of `formats`), --input-format, --delimiter, --date-format, --verbose.
  void add_common_options(CommonOptions& options, const std::vector<std::string>& formats);

  // Adds --template, --templates, --set, --settings, --paper and --lang.
  void add_document_options(DocumentOptions& options);

  // Parses argv, then runs `body`; returns the process exit code.
  int run(int argc, char** argv, const std::function<int()>& body);

  // A warning on standard error, prefixed with the tool's name.
  void warn(const std::string& message) const;

 private:
  std::string name_;
  CLI::App app_;
};

}  // namespace waymark
