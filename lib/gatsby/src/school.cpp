#include "waymark/gatsby/school.hpp"

#include <cctype>
#include <cerrno>
#include <cstring>
#include <filesystem>
#include <fmt/format.h>
#include <fstream>
#include <iterator>
#include <toml++/toml.h>

#include "waymark/errors.hpp"
#include "waymark/fields.hpp"
#include "waymark/gatsby/framework.hpp"
#include "waymark/json_input.hpp"

namespace waymark::gatsby {

namespace {

constexpr const char* answer_expected = "yes, partly or no";

std::optional<SchoolAnswer> parse_school_answer(std::string_view text) {
  std::string lower(trim(text));
  for (char& c : lower) c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
  if (lower == "yes" || lower == "y") return SchoolAnswer::yes;
  if (lower == "partly" || lower == "partial" || lower == "partially") return SchoolAnswer::partly;
  if (lower == "no" || lower == "n") return SchoolAnswer::no;
  return std::nullopt;
}

// A school's answer to a criterion that is now checked for each pupil from the careers log.
std::string replaced_warning(const std::string& location, const std::string& id, const std::string& by) {
  return fmt::format(
      "{}: [{}] is no longer a school criterion: it is now {}, checked for each pupil in the careers log; "
      "the answer is not used",
      location, id, by);
}

bool ends_with_toml(const std::string& path) { return path.size() > 5 && path.ends_with(".toml"); }

std::string where(const std::string& file, const toml::source_region& region) {
  return file + ":" + std::to_string(region.begin.line) + ":" + std::to_string(region.begin.column);
}

}  // namespace

std::string_view to_string(SchoolAnswer answer) {
  switch (answer) {
    case SchoolAnswer::yes: return "yes";
    case SchoolAnswer::partly: return "partly";
    case SchoolAnswer::no: return "no";
    case SchoolAnswer::unanswered: break;
  }
  return "unanswered";
}

namespace {

// A school file is a table per criterion holding two values; toml++ parses nested tables and
// arrays recursively, so a hostile file of 100,000 dotted parts would exhaust its stack. Returns
// the first line whose keys or brackets go deeper than `limit` (outside strings and comments), or 0.
long line_too_deep(std::string_view text, std::size_t limit) {
  std::size_t depth = 0, dots = 0;
  long line = 1;
  char quote = 0;
  for (std::size_t i = 0; i < text.size(); ++i) {
    const char c = text[i];
    if (c == '\n') {
      ++line;
      dots = 0;
      if (quote == '\'') quote = 0;  // a literal string ends with its line unless multi-line
      continue;
    }
    if (quote) {
      if (c == '\\' && quote == '"')
        ++i;
      else if (c == quote)
        quote = 0;
    } else if (c == '"' || c == '\'') {
      quote = c;
    } else if (c == '#') {
      while (i + 1 < text.size() && text[i + 1] != '\n') ++i;
    } else if (c == '[' || c == '{') {
      ++depth;
    } else if ((c == ']' || c == '}') && depth > 0) {
      --depth;
    } else if (c == '.') {
      ++dots;
    }
    if (depth > limit || dots > limit) return line;
  }
  return 0;
}

}  // namespace

SchoolAnswers SchoolAnswers::read(const InputOptions& input) {
  SchoolAnswers school;
  if (ends_with_toml(input.path)) {
    std::ifstream in(input.path, std::ios::binary);
    if (!in || std::filesystem::is_directory(input.path))
      throw Error(ErrorKind::missing_input, "cannot open " + input.path + ": " + std::strerror(errno));
    const std::string text{std::istreambuf_iterator<char>(in), std::istreambuf_iterator<char>()};
    toml::table table;
    if (const long line = line_too_deep(text, max_json_depth)) {
      throw Error(ErrorKind::bad_data,
                  fmt::format("{}:{}: tables, keys or arrays nested more than {} deep (a table per criterion with answer and "
                              "evidence)",
                              input.path, line, max_json_depth));
    }
    try {
      table = toml::parse(text, input.path);
    } catch (const toml::parse_error& e) {
      throw Error(ErrorKind::bad_data, where(input.path, e.source()) + ": not valid TOML: " + std::string(e.description()) +
                                           " (a table per criterion with answer and evidence)");
    }
    for (const auto& [key, node] : table) {
      const std::string id(key.str());
      const auto location = where(input.path, key.source());
      if (const auto by = Framework::replacement_anywhere(id)) {
        school.replaced_.push_back(replaced_warning(location, id, *by));
        continue;
      }
      if (!Framework::is_school_criterion_anywhere(id))
        throw Error(ErrorKind::bad_data,
                    location + ": [" + id + "] is not a school criterion of any framework (see gatsby-audit --list-criteria)");
      const auto* entry = node.as_table();
      if (!entry) throw Error(ErrorKind::bad_data, location + ": [" + id + "] is not a table (answer = \"yes\", evidence = \"...\")");
      const auto answer_node = (*entry)["answer"];
      const auto answer_text = answer_node.value<std::string>();
      const auto answer = answer_text ? parse_school_answer(*answer_text) : std::nullopt;
      if (!answer) {
        const auto region = answer_node.node() ? answer_node.node()->source() : entry->source();
        throw Error(ErrorKind::bad_data,
                    where(input.path, region) + ": [" + id + "] answer is missing or not an answer (" + answer_expected + ")");
      }
      school.answers_[id] = {*answer, (*entry)["evidence"].value_or(std::string{})};
    }
    return school;
  }

  const auto reader = open_records(input);
  const auto& source = reader->source_name();
  const auto criterion_column = reader->find_column("criterion");
  const auto answer_column = reader->find_column("answer");
  if (!criterion_column || !answer_column)
    throw data_error({source, 1, criterion_column ? "answer" : "criterion"}, "the column is missing",
                     "columns criterion, answer and evidence");
  const auto evidence_column = reader->find_column("evidence");
  Record record;
  while (reader->next(record)) {
    const std::string id(trim(record.values[*criterion_column]));
    if (const auto by = Framework::replacement_anywhere(id)) {
      school.replaced_.push_back(replaced_warning(source + ":" + std::to_string(record.line), id, *by));
      continue;
    }
    if (!Framework::is_school_criterion_anywhere(id))
      throw data_error({source, record.line, "criterion"}, "not a school criterion of any framework",
                       "an id from gatsby-audit --list-criteria");
    const auto answer = parse_school_answer(record.values[*answer_column]);
    if (!answer) throw data_error({source, record.line, "answer"}, "not an answer", answer_expected);
    if (school.answers_.contains(id))
      throw data_error({source, record.line, "criterion"}, "this criterion is answered twice", "each criterion once");
    school.answers_[id] = {*answer, evidence_column ? std::string(trim(record.values[*evidence_column])) : std::string{}};
  }
  return school;
}

SchoolCriterion SchoolAnswers::get(const std::string& id) const {
  const auto it = answers_.find(id);
  return it == answers_.end() ? SchoolCriterion{} : it->second;
}

}  // namespace waymark::gatsby
