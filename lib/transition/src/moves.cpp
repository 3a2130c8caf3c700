#include "waymark/transition/moves.hpp"

#include <map>

#include "rows.hpp"
#include "waymark/fields.hpp"

namespace waymark::transition {

namespace {

constexpr std::string_view kinds_expected = move_kinds_expected;

// "2026-09-14", "2026-09-14 15:30" or "2026-09-14T15:30".
BookedMeeting parse_booked(std::string_view text, DateOrder order) {
  const auto split = text.find_last_of(" T");
  if (split != std::string_view::npos) {
    const auto time = parse_clock_time(trim(text.substr(split + 1)));
    if (!time) throw FieldError("not a time of day after the date", "a date, or a date and a time such as 2026-09-14 15:30");
    return {*parse_date(trim(text.substr(0, split)), order), time};
  }
  return {*parse_date(text, order), std::nullopt};
}

}  // namespace

std::string meeting_column(const MeetingRule& rule) { return "meeting_" + rule.code; }

std::optional<std::chrono::minutes> parse_clock_time(std::string_view text) {
  const auto digit = [&](std::size_t i) { return text[i] >= '0' && text[i] <= '9' ? text[i] - '0' : -1; };
  if (text.size() != 5 || text[2] != ':') return std::nullopt;
  for (const std::size_t i : {0U, 1U, 3U, 4U})
    if (digit(i) < 0) return std::nullopt;
  const int hours = digit(0) * 10 + digit(1);
  const int minutes = digit(3) * 10 + digit(4);
  if (hours > 23 || minutes > 59) return std::nullopt;
  return std::chrono::minutes{hours * 60 + minutes};
}

Moves read_moves(const InputFile& file, const Checklist& checklist) {
  const auto reader = open_records(file.input);
  const Columns columns(*reader, file.verbose);
  const auto id = columns.require("id", "the learner's id, as in the learner records");
  const auto kind = columns.require("kind", std::string(kinds_expected));
  const auto move_date = columns.require("move_date", "the first day at the new setting");
  const auto from = columns.optional("from_setting");
  const auto to = columns.optional("to_setting");
  const auto manager = columns.optional("transition_manager");
  const auto contact = columns.optional("receiving_contact");
  const auto email = columns.optional("receiving_contact_email");
  const auto consent = columns.optional("consent_to_share");
  std::vector<std::optional<std::size_t>> booked;
  for (const auto& rule : checklist.meetings()) booked.push_back(columns.optional(meeting_column(rule)));

  Moves moves;
  moves.source = reader->source_name();
  moves.has_consent_column = consent.has_value();
  std::map<std::string, long, std::less<>> first_line;
  const DateOrder order = file.dates;
  Record record;
  while (reader->next(record)) {
    Move move;
    move.line = record.line;
    move.id = Columns::text(record, id);
    if (move.id.empty()) columns.fail(record, id, "the id is empty", "the id of a learner in the learner records");
    if (const auto [at, added] = first_line.emplace(move.id, record.line); !added) {
      columns.fail(record, id, "a second move for the same learner (the first is on line " + std::to_string(at->second) + ")",
                   "one move per learner in a run");
    }
    const auto kind_text = Columns::text(record, kind);
    const auto parsed_kind = parse_move_kind(kind_text);
    if (!parsed_kind)
      columns.fail(record, kind, kind_text.empty() ? "the kind of move is empty" : "not a kind of move", std::string(kinds_expected));
    move.kind = *parsed_kind;
    std::size_t at = move_date;
    try {
      const auto date = parse_date(Columns::text(record, move_date), order);
      if (!date) columns.fail(record, move_date, "the move date is empty", "the first day at the new setting, such as 2026-09-07");
      move.date = *date;
      for (std::size_t i = 0; i < booked.size(); ++i) {
        const auto text = Columns::text(record, booked[i]);
        move.booked.emplace_back();
        if (text.empty()) continue;
        at = *booked[i];
        move.booked.back() = parse_booked(text, order);
        if (move.booked.back()->date < move.date) {
          columns.fail(record, at, "the settling-in meeting falls before the move date",
                       "a date on or after move_date, or empty to hold it " + checklist.meetings()[i].label);
        }
      }
      if (consent) {
        at = *consent;
        move.consent_to_share = parse_bool(Columns::text(record, consent));
      }
    } catch (const FieldError& e) {
      columns.fail(record, at, e.what(), e.expected());
    }
    move.from_setting = Columns::text(record, from);
    move.to_setting = Columns::text(record, to);
    move.transition_manager = Columns::text(record, manager);
    move.receiving_contact = Columns::text(record, contact);
    move.receiving_contact_email = Columns::text(record, email);
    if (!move.receiving_contact_email.empty() && !is_email_address(move.receiving_contact_email)) {
      columns.fail(record, *email, "not an email address", "an address such as name@school.example, or empty");
    }
    moves.list.push_back(std::move(move));
  }
  return moves;
}

bool is_email_address(std::string_view text) {
  const auto at = text.find('@');
  if (at == 0 || at == std::string_view::npos || at + 1 == text.size() || text.find('@', at + 1) != std::string_view::npos) return false;
  for (const char c : text) {
    const auto byte = static_cast<unsigned char>(c);
    if (byte <= ' ' || byte == 0x7F || std::string_view("\"<>,;:\\").find(c) != std::string_view::npos) return false;
  }
  return true;
}

Moves every_pupil_moves(const std::vector<std::string>& ids, MoveKind kind, Date date, std::string source) {
  Moves moves;
  moves.source = std::move(source);
  for (const auto& id : ids) {
    Move move;
    move.id = id;
    move.kind = kind;
    move.date = date;
    move.booked.resize(Checklist::builtin().meetings().size());
    moves.list.push_back(std::move(move));
  }
  return moves;
}

}  // namespace waymark::transition
