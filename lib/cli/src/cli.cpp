#include "waymark/cli.hpp"

#include <algorithm>
#include <csignal>
#include <cstdio>
#include <fmt/format.h>
#include <iostream>
#include <map>

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
  options.encoding = encoding_of(input);
  options.sheet = sheet;
  if ((!columns_file.empty() || !declared_fields.empty()) && !headings_)
    headings_ = std::make_shared<const HeadingVocabulary>(HeadingVocabulary::with_declared_fields(declared_fields, columns_file));
  options.headings = headings_.get();
  options.warn = warn;
  return options;
}

InputOptions CommonOptions::input_options(const std::string& path) const {
  InputOptions options = input_options();
  options.path = path;
  options.format.reset();
  options.encoding = encoding_of(path);
  return options;
}

std::string CommonOptions::encoding_of(const std::string& path) const {
  const std::string_view file = path.empty() ? std::string_view("-") : std::string_view(path);
  std::string every, own;
  for (const auto& given : encodings) {
    // Encoding names never hold '=', so the last one splits a file name from its encoding.
    const auto equals = given.rfind('=');
    if (equals == std::string::npos)
      every = given;
    else if (std::string_view(given).substr(0, equals) == file)
      own = given.substr(equals + 1);
  }
  return own.empty() ? every : own;
}

char CommonOptions::delimiter_char() const {
  if (delimiter.empty()) return 0;
  return delimiter == "tab" || delimiter == "\\t" ? '\t' : delimiter.at(0);
}

DateOrder CommonOptions::date_order() const { return parse_date_order(date_format).value_or(DateOrder::dmy); }

Exit exit_status(ErrorKind kind) {
  switch (kind) {
    case ErrorKind::usage: return Exit::usage;
    case ErrorKind::bad_data: return Exit::data;
    case ErrorKind::missing_input: return Exit::no_input;
    case ErrorKind::cannot_create: return Exit::cant_create;
    case ErrorKind::io: return Exit::io;
    case ErrorKind::internal: return Exit::software;
  }
  return Exit::software;
}

void check_format(const Mode& mode, const std::string& format) {
  if (format.empty() || std::find(mode.formats.begin(), mode.formats.end(), format) != mode.formats.end()) return;
  std::string allowed;
  for (std::size_t i = 0; i < mode.formats.size(); ++i)
    allowed += (i == 0 ? "" : i + 1 == mode.formats.size() ? " or " : ", ") + mode.formats[i];
  throw Error(ErrorKind::usage,
              fmt::format("{} writes {}, not {}{}", mode.name, allowed, format, mode.hint.empty() ? "" : " (" + mode.hint + ")"));
}

Tool::Tool(std::string name, std::string description) : name_(std::move(name)), app_(std::move(description), name_) {
  // Writes to a closed pipe fail with EPIPE, which Output turns into a quiet exit.
  std::signal(SIGPIPE, SIG_IGN);
  app_.set_version_flag("--version", name_ + " (waymark) " WAYMARK_VERSION);
  app_.get_formatter()->column_width(32);
}

namespace {

std::string join(const std::vector<std::string>& parts, const std::string& separator) {
  std::string out;
  for (const auto& part : parts) out += (out.empty() ? "" : separator) + part;
  return out;
}

// How the table of options by mode names an option: its first long name, else its short one, or
// "input" for the positional input.
std::string option_name(const CLI::Option& option) {
  if (!option.nonpositional()) return option.get_name();
  if (!option.get_lnames().empty()) return "--" + option.get_lnames().front();
  return "-" + option.get_snames().front();
}

// One option as a completion script needs it.
struct CompletedOption {
  std::vector<std::string> names;  // "--format", "-o"
  std::string description;
  bool takes_value;
  std::vector<std::string> choices;  // from CLI::IsMember, which CLI11 shows as "TEXT:{a,b}"
};

std::vector<CompletedOption> completed_options(const CLI::App& app, const std::map<std::string, std::vector<std::string>>& values) {
  std::vector<CompletedOption> result;
  for (const CLI::Option* option : app.get_options()) {
    if (!option->nonpositional()) continue;
    CompletedOption completed{{}, option->get_description(), option->get_items_expected_max() > 0, {}};
    for (const auto& name : option->get_lnames()) completed.names.push_back("--" + name);
    for (const auto& name : option->get_snames()) completed.names.push_back("-" + name);
    if (const auto known = values.find(completed.names.front()); known != values.end()) {
      completed.choices = known->second;
      result.push_back(std::move(completed));
      continue;
    }
    const auto type = option->get_type_name();
    if (const auto open = type.find(":{"); open != std::string::npos && type.back() == '}') {
      std::string list = type.substr(open + 2, type.size() - open - 3);
      for (std::size_t start = 0; start <= list.size();) {
        const auto comma = std::min(list.find(',', start), list.size());
        completed.choices.push_back(list.substr(start, comma - start));
        start = comma + 1;
      }
    }
    result.push_back(std::move(completed));
  }
  return result;
}

// Text safe inside single quotes, shortened to its first sentence part, for zsh and fish.
std::string quoted_description(const std::string& text) {
  std::string out;
  for (const char c : text.substr(0, text.find_first_of(":(\n"))) {
    if (c == '\'')
      out += "'\\''";
    else if (c == '[' || c == ']')
      out += c == '[' ? '(' : ')';
    else
      out += c;
  }
  while (!out.empty() && out.back() == ' ') out.pop_back();
  return out;
}

std::string bash_script(const std::string& tool, const std::vector<CompletedOption>& options) {
  std::string function = "_" + tool;
  for (auto& c : function)
    if (c == '-') c = '_';
  std::vector<std::string> all;
  std::string value_cases;
  for (const auto& option : options) {
    all.insert(all.end(), option.names.begin(), option.names.end());
    if (!option.takes_value) continue;
    value_cases += fmt::format("    {}) COMPREPLY=($(compgen {} -- \"$cur\")); return ;;\n", join(option.names, "|"),
                               option.choices.empty() ? "-f" : "-W \"" + join(option.choices, " ") + "\"");
  }
  return fmt::format(
      "# bash completion for {0} (generated by {0} --completions bash)\n"
      "{1}() {{\n"
      "  local cur=${{COMP_WORDS[COMP_CWORD]}} prev=${{COMP_WORDS[COMP_CWORD-1]}}\n"
      "  case $prev in\n{2}  esac\n"
      "  if [[ $cur == -* ]]; then COMPREPLY=($(compgen -W \"{3}\" -- \"$cur\")); else COMPREPLY=($(compgen -f -- \"$cur\")); fi\n"
      "}}\n"
      "complete -o filenames -F {1} {0}\n",
      tool, function, value_cases, join(all, " "));
}

std::string zsh_script(const std::string& tool, const std::vector<CompletedOption>& options) {
  std::string specs;
  for (const auto& option : options) {
    const std::string names = option.names.size() == 1 ? option.names[0] : "{" + join(option.names, ",") + "}";
    const std::string exclusive = option.names.size() == 1 ? "" : "'(" + join(option.names, " ") + ")'";
    std::string value;
    if (option.takes_value) value = option.choices.empty() ? ":value:_files" : ":value:(" + join(option.choices, " ") + ")";
    specs += fmt::format("  {}{}'[{}]{}' \\\n", exclusive, names, quoted_description(option.description), value);
  }
  return fmt::format(
      "#compdef {0}\n# zsh completion for {0} (generated by {0} --completions zsh)\n_arguments -s \\\n{1}  '*:file:_files'\n", tool, specs);
}

std::string fish_script(const std::string& tool, const std::vector<CompletedOption>& options) {
  std::string lines = fmt::format("# fish completion for {0} (generated by {0} --completions fish)\n", tool);
  for (const auto& option : options) {
    std::string names;
    for (const auto& name : option.names) names += name.rfind("--", 0) == 0 ? " -l " + name.substr(2) : " -s " + name.substr(1);
    std::string value = option.takes_value ? (option.choices.empty() ? " -r -F" : " -x -a '" + join(option.choices, " ") + "'") : "";
    lines += fmt::format("complete -c {}{}{} -d '{}'\n", tool, names, value, quoted_description(option.description));
  }
  return lines;
}

}  // namespace

std::string Tool::completion_script(const std::string& shell) const {
  const auto options = completed_options(app_, completion_values_);
  if (shell == "zsh") return zsh_script(name_, options);
  if (shell == "fish") return fish_script(name_, options);
  return bash_script(name_, options);
}

void Tool::add_common_options(CommonOptions& options, const std::vector<std::string>& formats) {
  common_ = &options;
  options.warn = [this](const std::string& message) { warn(message); };
  options.report_error = [this](const std::string& message) { report(message); };
  app_.add_option(
      "input", options.input,
      "Input file: CSV, JSON array, NDJSON or a workbook (.xlsx or .ods), detected from the content (default: standard input, also '-')");
  app_.add_option("-o,--output", options.output, "Write to this file (created 0600, replaced atomically) instead of standard output")
      ->check([](const std::string& path) {
        // An unset variable in a script (-o "$OUT") must not send every record to the terminal.
        return path.empty() ? std::string{"an empty path (give a file name, or - for standard output)"} : std::string{};
      });
  std::string format_list;
  for (const auto& f : formats) format_list += (format_list.empty() ? "" : ", ") + f;
  app_.add_option("--format", options.format, "Output format: " + format_list)->check(CLI::IsMember(formats));
  app_.add_option("--input-format", options.input_format,
                  "Input format instead of detecting it: auto, csv, json, ndjson, xlsx or ods (either names a workbook)")
      ->check(CLI::IsMember({"auto", "csv", "json", "ndjson", "xlsx", "ods"}));
  app_.add_option("--delimiter", options.delimiter,
                  "CSV field delimiter: one character such as ';' or '|' (not a quote), or 'tab' (default: found from the header)")
      ->check([](const std::string& value) {
        // A quote or a line break already has its own meaning in CSV.
        if (value == "\"" || value == "\n" || value == "\r") return std::string{"a character other than a quote or a line break"};
        return value == "tab" || value == "\\t" || value.size() == 1 ? std::string{} : std::string{"a single character or 'tab'"};
      });
  app_.add_option("--encoding", options.encodings,
                  "Text encoding of the inputs, e.g. windows-1252 (Excel's plain CSV), latin1, utf-16le (default: UTF-8;\n"
                  "UTF-16 with a BOM is found); FILE=NAME for one file in another encoding; never applies to a workbook")
      ->allow_extra_args(false)
      ->check([](const std::string& value) {
        const auto name = value.substr(value.rfind('=') == std::string::npos ? 0 : value.rfind('=') + 1);
        return name.empty() ? std::string{"an encoding such as windows-1252, or FILE=ENCODING"} : std::string{};
      });
  app_.add_option("--sheet", options.sheet, "The sheet of a workbook (.xlsx or .ods) to read (default: the first)");
  app_.add_option("--columns", options.columns_file, "The school's own headings: lines 'field = Heading' (man 5 waymark-records)");
  app_.add_flag("--show-columns", options.show_columns, "Print each heading of the input and the field it is read as, then exit");
  app_.add_option("--date-format", options.date_format,
                  "Dates in the input besides ISO 2026-09-07: dmy (07/09/2026, the default), mdy (09/07/2026), or iso (ISO only)")
      ->check(CLI::IsMember({"iso", "dmy", "mdy"}));
  app_.add_flag("--verbose", options.verbose, "Name offending values in error messages (they may be personal data)");
  // Names iconv knows that schools' files come in; any other iconv name is accepted too.
  suggest_values("--encoding", {"utf-8", "utf-16le", "utf-16be", "windows-1252", "latin1", "iso-8859-15", "macintosh"});
}

void Tool::check_option_table() const {
  if (option_modes_.modes.empty()) return;
  std::vector<std::string> defined;
  for (const CLI::Option* option : app_.get_options()) {
    const std::string name = option_name(*option);
    if (name == "--help" || name == "--version" || name == "--completions") continue;
    defined.push_back(name);
    const auto row = std::find_if(option_modes_.rows.begin(), option_modes_.rows.end(), [&](const auto& r) { return r.first == name; });
    if (row == option_modes_.rows.end()) throw Error(ErrorKind::internal, fmt::format("{} is not in the table of options by mode", name));
  }
  for (const auto& [name, marks] : option_modes_.rows) {
    if (std::find(defined.begin(), defined.end(), name) == defined.end())
      throw Error(ErrorKind::internal, fmt::format("the table of options by mode names {}, which is not an option", name));
    if (marks.size() != option_modes_.modes.size() || marks.find_first_not_of("y-") != std::string::npos)
      throw Error(ErrorKind::internal, fmt::format("the table of options by mode has {} marks for {}, not {} of y or -", marks.size(), name,
                                                   option_modes_.modes.size()));
  }
}

void Tool::check_options(const std::string& mode) const {
  const auto at = std::find(option_modes_.modes.begin(), option_modes_.modes.end(), mode);
  if (at == option_modes_.modes.end()) return;
  const auto column = static_cast<std::size_t>(at - option_modes_.modes.begin());
  for (const auto& [name, marks] : option_modes_.rows) {
    if (marks[column] == 'y') continue;
    const CLI::Option* option = app_.get_option_no_throw(name);
    if (!option || option->count() == 0) continue;
    std::vector<std::string> where;
    for (std::size_t m = 0; m < marks.size(); ++m)
      if (marks[m] == 'y') where.push_back(option_modes_.modes[m]);
    throw Error(ErrorKind::usage,
                fmt::format("{} has no effect in {}, so it is refused rather than ignored{}", name == "input" ? "an input file" : name,
                            mode, where.empty() ? std::string{} : " (it takes effect in " + join(where, ", ") + ")"));
  }
}

std::string Tool::option_table_markdown() const {
  std::string table = "| option |";
  for (const auto& mode : option_modes_.modes) table += " " + mode + " |";
  table += "\n|---|";
  for (std::size_t m = 0; m < option_modes_.modes.size(); ++m) table += "---|";
  table += "\n";
  for (const auto& [name, marks] : option_modes_.rows) {
    table += "| `" + name + "` |";
    for (const char mark : marks) table += mark == 'y' ? " yes |" : " refused |";
    table += "\n";
  }
  return table;
}

void Tool::warn(const std::string& message) const { std::cerr << name_ << ": warning: " << printable(message) << '\n'; }

void Tool::report(const std::string& message) const { std::cerr << name_ << ": " << printable(message) << '\n'; }

int Tool::run(int argc, char** argv, const std::function<int()>& body) {
  install_signal_cleanup();
  // Exit status 1 is only for a tool with an option that asks for it.
  std::string asked;
  for (const char* option : {"--fail-on", "--strict"})
    if (app_.get_option_no_throw(option)) asked = fmt::format("1 {} matched; ", option);
  app_.footer(
      fmt::format("Exit status: 0 success; {}2 usage; 65 bad input data; 66 input missing;\n"
                  "73 cannot create output; 74 I/O error. See man {} and man 5 waymark-records.",
                  asked, name_));
  // `tool --completions bash|zsh|fish`, alone: for the install step, and for users' own shells.
  app_.add_option("--completions", completions_shell_, "Print a completion script for this shell and exit (given alone)")
      ->check(CLI::IsMember({"bash", "zsh", "fish"}));
  for (int i = 1; i < argc; ++i) {
    const std::string_view arg = argv[i];
    if (arg != "--completions" && arg.rfind("--completions=", 0) != 0) continue;
    const std::string_view shell = argc == 3 && i == 1 ? std::string_view(argv[2]) : arg.size() > 14 && argc == 2 ? arg.substr(14) : "";
    if (shell != "bash" && shell != "zsh" && shell != "fish") {
      std::cerr << name_ << ": --completions needs a shell, bash, zsh or fish, and nothing else: " << name_ << " --completions bash\n";
      return static_cast<int>(Exit::usage);
    }
    std::cout << completion_script(std::string(shell));
    return 0;
  }
  try {
    check_option_table();
  } catch (const Error& e) {
    report(std::string("internal error: ") + e.what());
    return static_cast<int>(Exit::software);
  }
  // The table of options by mode, for the test that holds docs/conventions.md to it.
  if (argc == 2 && std::string_view(argv[1]) == "--option-modes" && !option_modes_.modes.empty()) {
    std::cout << option_table_markdown();
    return 0;
  }
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
      check_options("--show-columns");
      if (before_show_columns_) before_show_columns_();
      const auto reader = open_records(common_->input_options());
      std::cout << reader->describe_headings();
      return 0;
    }
    return body();
  } catch (const Error& e) {
    report(e.what());
    return static_cast<int>(exit_status(e.kind()));
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
