// What every waymark tool shares on its command line: options, --help/--version, exit codes.
#pragma once

#include <CLI/CLI.hpp>
#include <functional>
#include <map>
#include <memory>
#include <optional>
#include <string>
#include <vector>

#include "waymark/error_budget.hpp"
#include "waymark/errors.hpp"
#include "waymark/fields.hpp"
#include "waymark/headings.hpp"
#include "waymark/records.hpp"

namespace waymark {

// A tool's exit status, following sysexits.h where one fits so that shell scripts can tell
// failures apart (every man page's EXIT STATUS).
enum class Exit : int {
  ok = 0,
  fail_on = 1,       // the run worked but found what --fail-on (or --strict) asked about
  usage = 2,         // bad option or argument
  data = 65,         // bad input data (EX_DATAERR)
  no_input = 66,     // input missing or unreadable (EX_NOINPUT)
  software = 70,     // an internal error: a bug in waymark (EX_SOFTWARE)
  cant_create = 73,  // cannot create output (EX_CANTCREAT)
  io = 74,           // I/O error while reading or writing (EX_IOERR)
};

// The exit status of a run that ended with an Error of `kind`.
Exit exit_status(ErrorKind kind);

// The status of a run that completed: 1 if what --fail-on (or --strict) asked about was found.
inline int completed(bool fail_on_matched) { return static_cast<int>(fail_on_matched ? Exit::fail_on : Exit::ok); }

// One of a tool's modes (scoring, --summary, --gaps, the report...) and the formats it
// writes. A tool picks its mode from the options and checks the format before reading any input,
// so a wrong --format never costs a read of the whole input, or of standard input, which cannot be
// read again.
struct Mode {
  std::string name;                  // as a message says it: "--summary", "scoring"
  std::vector<std::string> formats;  // those it writes
  std::string hint = {};             // said after a refusal: where the format asked for is written
};

// Throws Error(usage) "NAME writes a, b or c, not X (HINT)" if `format` is given and not one of
// the mode's formats.
void check_format(const Mode& mode, const std::string& format);

// Which options take effect in which of a tool's modes (docs/conventions.md, "Options by mode"):
// a row per option, with one mark per mode in the order of `modes`: 'y' it takes effect there,
// '-' it would do nothing there and is refused (exit 2, naming the mode). A tool lists every option
// it defines (the positional input as "input"), so none can be forgotten: a missing or unknown
// row is a bug, reported before anything is parsed.
struct OptionModes {
  std::vector<std::string> modes;                         // as messages say them: "scoring", "--summary"
  std::vector<std::pair<std::string, std::string>> rows;  // {"--fail-on", "yy----"}
};

// The options every tool shares (docs/conventions.md), as given on the command line.
struct CommonOptions {
  std::string input = "-";
  std::string output;  // empty: standard output
  std::string format;  // empty: the tool's default
  std::string input_format = "auto";
  std::string delimiter;  // empty: found from the header row
  // --encoding as given, in order: NAME for every text input, or FILE=NAME for one file (as named
  // on the command line) that is in another encoding than the rest. Empty: UTF-8, or UTF-16 with
  // a byte order mark. A workbook is never decoded.
  std::vector<std::string> encodings;
  std::string sheet;         // .xlsx: empty for the first sheet
  std::string columns_file;  // --columns: the school's own headings
  // Fields the tool's data declares beyond columns.json (risk-check: a rules file's "fields"):
  // matched by heading, and nameable in --columns, as the built-in ones. Set before any input is opened.
  std::vector<HeadingVocabulary::DeclaredField> declared_fields;
  std::string date_format = "dmy";
  std::size_t max_errors = 20;  // for tools that read on past a bad value (risk-check: --max-errors)
  bool show_columns = false;
  bool verbose = false;
  MessageSink warn;          // set by Tool::add_common_options
  MessageSink report_error;  // likewise: an error of a run that goes on (ErrorBudget)

  // The options of the main input.
  InputOptions input_options() const;
  // The options of another input file (--since, --moves, --targets, ...): the same options, its
  // own format detected, and its own encoding where --encoding FILE=NAME names one.
  InputOptions input_options(const std::string& path) const;
  // The encoding --encoding gives `path`: its own (FILE=NAME, the last one given), else the one
  // for every file (the last NAME), else "".
  std::string encoding_of(const std::string& path) const;
  char delimiter_char() const;
  DateOrder date_order() const;

 private:
  mutable std::shared_ptr<const HeadingVocabulary> headings_;  // --columns, read once
};

// A tool's command line and the handling every tool shares: option errors exit 2 with a hint,
// an Error exits with the status of its kind and "tool: message" on standard error, a closed pipe exits 0 quietly.
class Tool {
 public:
  Tool(std::string name, std::string description);
  CLI::App& app() { return app_; }
  const std::string& name() const { return name_; }

  // Adds input, -o, --format (one of `formats`), --input-format, --delimiter, --encoding, --sheet,
  // --columns, --show-columns, --date-format, --verbose.
  void add_common_options(CommonOptions& options, const std::vector<std::string>& formats);

  // Parses argv, then runs `body`; returns the process exit code.
  int run(int argc, char** argv, const std::function<int()>& body);

  // The tool's modes and the options each takes (see OptionModes). `tool --option-modes` prints
  // it as the Markdown table in docs/conventions.md.
  void set_option_modes(OptionModes table) { option_modes_ = std::move(table); }
  // Throws Error(usage) for an option given on the command line that does nothing in `mode`.
  void check_options(const std::string& mode) const;
  // Run by --show-columns before the input is opened, for what the tool's data declares
  // (risk-check: the fields of --rules), so that the headings shown are those a run would read.
  void before_show_columns(std::function<void()> prepare) { before_show_columns_ = std::move(prepare); }

  // A warning on standard error, prefixed with the tool's name.
  void warn(const std::string& message) const;
  // An error on standard error, prefixed with the tool's name, for a run that goes on to find more.
  void report(const std::string& message) const;

  // A completion script for `shell` (bash, zsh or fish) written from the options defined on app():
  // `tool --completions SHELL` prints it, and the install step writes one per shell.
  std::string completion_script(const std::string& shell) const;
  // The values a completion script offers for `option` ("--tier") whose check is not a plain list.
  void suggest_values(const std::string& option, std::vector<std::string> values) { completion_values_[option] = std::move(values); }

 private:
  std::string name_;
  CLI::App app_;
  const CommonOptions* common_ = nullptr;  // for --show-columns
  std::function<void()> before_show_columns_;
  OptionModes option_modes_;
  std::map<std::string, std::vector<std::string>> completion_values_;
  std::string completions_shell_;  // --completions, only for --help: it is handled before parsing
  // A row per option defined, each with a mark per mode; throws Error(internal) if not.
  void check_option_table() const;
  std::string option_table_markdown() const;
};

}  // namespace waymark
