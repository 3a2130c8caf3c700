#include "waymark/support/log.hpp"

#include <algorithm>
#include <fmt/format.h>
#include <functional>

#include "waymark/errors.hpp"
#include "waymark/headings.hpp"
#include "waymark/mapping_file.hpp"

namespace waymark::support {

namespace {

// Rows naming no learner of the roll are named one by one up to here, then counted.
constexpr long warnings_with_lines = 5;

std::string action_list() { return "an action code A01-A13, an action's title, or a name in --support-names"; }

}  // namespace

Day day_of(std::chrono::year_month_day date) { return static_cast<Day>(std::chrono::sys_days{date}.time_since_epoch().count()); }

ActionNames ActionNames::load(const std::string& path, const Catalogue& catalogue) {
  ActionNames names;
  const std::string expected = "lines 'A02 = the school's name for it', or 'none = a name' for support that is none of the 13 actions";
  read_mapping_file(path, "support names", expected, [&](long number, std::string_view left, std::string_view right) {
    std::string action(left);
    const auto name = fold_heading(right);
    if (name.empty()) throw data_error({path, number, {}}, "the name is empty", expected);
    if (fold_heading(action) == "none")
      action.clear();
    else if (!catalogue.find_action(action))
      throw data_error({path, number, {}}, "'" + action + "' is not an action", "A01 to A13, or none");
    for (const auto& [known, meaning] : names.names_)
      if (known == name) throw data_error({path, number, {}}, "this name is mapped twice", "each name once");
    names.names_.push_back({name, {action}});
  });
  return names;
}

const ActionNames::Meaning* ActionNames::find(std::string_view name) const {
  const auto folded = fold_heading(name);
  for (const auto& [known, meaning] : names_)
    if (known == folded) return &meaning;
  return nullptr;
}

SupportLog SupportLog::read(const LogOptions& options, const Catalogue& catalogue, const ActionNames& names) {
  const auto reader = open_records(options.input);
  SupportLog log;
  log.source_ = reader->source_name();
  const std::string expected = "columns id, action and start (waymark-support(5))";
  const std::size_t id_column = reader->require_column("id", expected);
  const std::size_t action_column = reader->require_column("action", expected);
  const std::size_t start_column = reader->require_column("start", expected);
  const auto end_column = reader->find_column("end"), status_column = reader->find_column("status");
  const auto offered_column = reader->find_column("sessions_offered"), attended_column = reader->find_column("sessions_attended");

  // The 13 actions first, by code, so that labels 0-12 are A01-A13; the school's own names
  // that map to none follow as they are met.
  for (const auto& action : catalogue.actions()) log.labels_.push_back(action.id);
  std::vector<std::pair<std::string, std::uint16_t>> by_name;  // folded code, title or name -> label
  for (std::size_t i = 0; i < catalogue.actions().size(); ++i) {
    by_name.push_back({fold_heading(catalogue.actions()[i].id), static_cast<std::uint16_t>(i)});
    by_name.push_back({fold_heading(catalogue.actions()[i].title), static_cast<std::uint16_t>(i)});
  }
  const auto action_of = [&](std::string_view text) -> std::optional<std::uint16_t> {
    const auto folded = fold_heading(text);
    for (const auto& [name, label] : by_name)
      if (name == folded) return label;
    const auto* meaning = names.find(text);
    if (!meaning) return std::nullopt;
    std::uint16_t label = 0;
    if (!meaning->action.empty()) {
      label = static_cast<std::uint16_t>(catalogue.find_action(meaning->action)->number - 1);
    } else {
      if (log.labels_.size() > 0xffff) throw Error(ErrorKind::bad_data, log.source_ + ": more than 65,536 names of support");
      label = static_cast<std::uint16_t>(log.labels_.size());
      log.labels_.emplace_back(trim(text));
    }
    by_name.push_back({folded, label});
    return label;
  };

  read_rows(*reader, options, [&](LogRow& row) {
    Piece piece{row.learner(id_column, "a row of support without a learner id"),
                0,
                continuing,
                static_cast<std::uint32_t>(row.line()),
                0,
                SupportStatus::active,
                false};
    const auto action_text = trim(row.at(action_column));
    if (action_text.empty()) row.fail("no action", action_list());
    const auto action = action_of(action_text);
    if (!action) row.fail("not an action waymark knows", action_list());
    piece.action = *action;
    const auto start = parse_date(row.at(start_column), options.dates);
    if (!start) row.fail("no start date", "the day the support started");
    piece.start = day_of(*start);
    if (end_column) {
      if (const auto end = parse_date(row.at(*end_column), options.dates)) {
        piece.end = day_of(*end);
        if (piece.end < piece.start) row.fail("the support ends before it starts", "an end on or after the start date");
      }
    }
    if (status_column) {
      const auto text = trim(row.at(*status_column));
      if (!text.empty()) {
        const auto status = parse_support_status(text);
        if (!status) row.fail("not a status of support", std::string(support_status_expected));
        piece.status = *status;
        if (piece.status == SupportStatus::ended && piece.end == continuing)
          row.fail("the support has ended but has no end date", "the day it ended in the end column");
      }
    }
    std::optional<long> offered, attended;
    if (offered_column) offered = parse_count(row.at(*offered_column));
    if (attended_column) attended = parse_count(row.at(*attended_column));
    if (offered && attended && *attended > *offered) row.fail("more sessions attended than offered", "at most sessions_offered");
    log.pieces_.push_back(piece);
  });
  log.pieces_.index([](const Piece& a, const Piece& b) { return a.line < b.line; });
  return log;
}

bool SupportLog::active_on(const Piece& piece, Day day) {
  if (piece.status == SupportStatus::planned || piece.status == SupportStatus::declined) return false;
  return piece.start <= day && day <= piece.end;
}

bool SupportLog::given_between(const Piece& piece, Day from, Day to) {
  if (piece.status == SupportStatus::planned || piece.status == SupportStatus::declined) return false;
  return piece.start <= to && piece.end >= from;
}

void SupportLog::warn_unknown_learners(const MessageSink& warn, const std::string& roll) const {
  if (!warn) return;
  std::vector<std::uint32_t> lines;
  for (const auto& piece : pieces_.all())
    if (!piece.known) lines.push_back(piece.line);
  std::sort(lines.begin(), lines.end());
  for (std::size_t i = 0; i < lines.size() && i < warnings_with_lines; ++i)
    warn(describe({source_, static_cast<long>(lines[i]), "id"}, "no learner of " + roll + " has this id; the row is not counted",
                  "an id of " + roll));
  if (lines.size() > static_cast<std::size_t>(warnings_with_lines))
    warn(fmt::format("{}: {} rows in all name no learner of {}; none of them is counted", source_, lines.size(), roll));
}

LogWriter::LogWriter(RecordWriter& writer) : writer_(writer) {
  writer_.begin({"id", "action", "start", "end", "sessions_offered", "sessions_attended", "delivered_by", "status"});
}

void LogWriter::add(std::string_view id, std::string_view action, std::chrono::year_month_day start, std::string_view delivered_by,
                    SupportStatus status) {
  writer_.start_record();
  writer_.text(id);
  writer_.text(action);
  writer_.text(format_date(start));
  for (int i = 0; i < 3; ++i) writer_.text({});  // end, sessions offered and attended: not known yet
  writer_.text(delivered_by);
  writer_.text(to_string(status));
  writer_.end_record();
}

}  // namespace waymark::support
