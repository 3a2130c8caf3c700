#include "waymark/cli.hpp"

#include <algorithm>
#include <csignal>
#include <cstdio>
#include <fmt/format.h>
#include <iostream>

#include "waymark/cleanup.hpp"
#include "waymark/errors.hpp"

#ifndef WAYMARK_VERSION
#define WAYMARK_VERSION "0.0.0"
#endif

namespace waymark {

InputOptions CommonOptions::input_options() const {
  InputOptions options;
  options.path = input;
  if (input_format != "auto") options.format = parse_record_format(input_format);
  options.delimiter = delimiter_char();
  options.encoding = encoding;
  options.sheet = sheet;
  if (!columns_file.empty() && !headings_)
    headings_ = std::make_shared<const HeadingVocabulary>(HeadingVocabulary::with_school_headings(columns_file));
  options.headings = headings_.get();
  options.warn = warn;
  return options;
}

char CommonOptions::delimiter_char() const {
  if (delimiter.empty()) return 0;
  return delimiter == "tab" || delimiter == "\\t" ? '\t' : delimiter.at(0);
}

DateOrder CommonOptions::date_order() const { return parse_date_order(date_format).value_or(DateOrder::dmy); }

ErrorBudget::ErrorBudget(std::size_t limit, MessageSink report)
    : limit_(limit), report_(std::move(report)) {}

void ErrorBudget::report(const Error& e) {
  if (latest_) report_(latest_->what());
  latest_ = e;
  if (++count_ == limit_) end(fmt::format("stopped after {} bad values (--max-errors {})", count_, limit_));
}

void ErrorBudget::finish() {
  if (count_ > 0) end(fmt::format("{} bad values (above)", count_));
}

void ErrorBudget::end(const std::string& how_many) {
  // One bad value ends the run with its own message, as a run that stops at the first always has.
  if (count_ == 1) throw *latest_;
  report_(latest_->what());
  throw Error(Exit::data, how_many);
}

Tool::Tool(std::string name, std::string description) : name_(std::move(name)), app_(std::move(description), name_) {
  // Writes to a closed pipe fail with EPIPE, which Output turns into a quiet exit.
  std::signal(SIGPIPE, SIG_IGN);
  app_.set_version_flag("--version", name_ + " (waymark) " WAYMARK_VERSION);
  app_.get_formatter()->column_width(32);
  app_.footer(
      "Exit status: 0 success; 1 --fail-on matched; 2 usage; 65 bad input data; 66 input missing;\n"
      "73 cannot create output; 74 I/O error. See man " + name_ + " and man 5 waymark-records.");
}

void Tool::add_common_options(CommonOptions& options, const std::vector<std::string>& formats) {
  common_ = &options;
  options.warn = [this](const std::string& message) { warn(message); };
  options.report_error = [this](const std::string& message) { report(message); };
  app_.add_option("input", options.input, "Input file: CSV, JSON array, NDJSON or an .xlsx workbook, detected from the content (default: standard input, also '-')");
  app_.add_option("-o,--output", options.output, "Write to this file (created 0600, replaced atomically) instead of standard output");
  std::string format_list;
  for (const auto& f : formats) format_list += (format_list.empty() ? "" : ", ") + f;
  app_.add_option("--format", options.format, "Output format: " + format_list)->check(CLI::IsMember(formats));
  app_.add_option("--input-format", options.input_format, "Input format instead of detecting it: auto, csv, json, ndjson, xlsx")
      ->check(CLI::IsMember({"auto", "csv", "json", "ndjson", "xlsx"}));
  app_.add_option("--delimiter", options.delimiter,
                  "CSV field delimiter: one character such as ';' or '|' (not a quote), or 'tab' (default: found from the header)")
      ->check([](const std::string& value) {
        // A quote or a line break already has its own meaning in CSV.
        if (value == "\"" || value == "\n" || value == "\r") return std::string{"a character other than a quote or a line break"};
        return value == "tab" || value == "\\t" || value.size() == 1 ? std::string{} : std::string{"a single character or 'tab'"};
      });
  app_.add_option("--encoding", options.encoding,
                  "Text encoding of the input, e.g. windows-1252 (Excel's plain CSV), latin1, utf-16le (default: UTF-8; UTF-16 with a BOM is found)");
  app_.add_option("--sheet", options.sheet, "The sheet of an .xlsx workbook to read (default: the first)");
  app_.add_option("--columns", options.columns_file, "The school's own headings: lines 'field = Heading' (man 5 waymark-records)");
  app_.add_flag("--show-columns", options.show_columns, "Print each heading of the input and the field it is read as, then exit");
  app_.add_option("--date-format", options.date_format,
                  "Dates in the input besides ISO 2026-09-07: dmy (07/09/2026, the default), mdy (09/07/2026), or iso (ISO only)")
      ->check(CLI::IsMember({"iso", "dmy", "mdy"}));
  app_.add_flag("--verbose", options.verbose, "Name offending values in error messages (they may be personal data)");
}

void Tool::warn(const std::string& message) const { std::cerr << name_ << ": warning: " << printable(message) << '\n'; }

void Tool::report(const std::string& message) const { std::cerr << name_ << ": " << printable(message) << '\n'; }

int Tool::run(int argc, char** argv, const std::function<int()>& body) {
  install_signal_cleanup();
  try {
    app_.parse(argc, argv);
  } catch (const CLI::CallForHelp&) {
    std::cout << app_.help();
    return 0;
  } catch (const CLI::CallForVersion& e) {
    std::cout << e.what() << '\n';
    return 0;
  } catch (const CLI::ParseError& e) {
    std::cerr << name_ << ": " << printable(e.what()) << "\nRun '" << name_ << " --help' for the options.\n";
    return static_cast<int>(Exit::usage);
  }
  try {
    if (common_ && common_->show_columns) {
      const auto reader = open_records(common_->input_options());
      std::cout << reader->describe_headings();
      return 0;
    }
    return body();
  } catch (const Error& e) {
    report(e.what());
    return static_cast<int>(e.code());
  } catch (const BrokenPipe&) {
    return 0;
  } catch (const std::bad_alloc&) {
    std::cerr << name_ << ": out of memory\n";
    return static_cast<int>(Exit::io);
  } catch (const std::exception& e) {
    // A bug, not bad input: say so rather than abort.
    report(std::string("internal error: ") + e.what());
    return static_cast<int>(Exit::software);
  }
}

}  // namespace waymark
