// The moves file (man 5 waymark-records, MOVES): one row per young person who changes setting.
#pragma once

#include <chrono>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "waymark/transition/checklist.hpp"
#include "waymark/transition/input_file.hpp"

namespace waymark::transition {

// The kinds of move, as a message lists them.
inline constexpr std::string_view move_kinds_expected = "end_of_key_stage, mid_term, managed_move or alternative_provision";

// A settling-in meeting the school has already booked: a date, and a time of day if given.
struct BookedMeeting {
  Date date;
  std::optional<std::chrono::minutes> time;  // since midnight
};

struct Move {
  std::string id;
  long line = 0;  // in the moves file, for messages
  MoveKind kind = MoveKind::mid_term;
  Date date;
  std::string from_setting, to_setting;
  std::string transition_manager, receiving_contact, receiving_contact_email;
  std::optional<bool> consent_to_share;              // nullopt: not recorded, which is not consent
  std::vector<std::optional<BookedMeeting>> booked;  // one per Checklist::meetings()
  Nation nation = Nation::england;                   // whose law the sending setting follows (--nation, or the CTF's authority)
};

struct Moves {
  std::string source;  // the file's name, for messages
  std::vector<Move> list;
  bool has_consent_column = false;
};

// Reads and checks every move. Throws Error(data) naming the line and column of a bad value: a
// move date that is not a date, an unknown kind, a booked meeting before the move, an id twice.
Moves read_moves(const InputFile& file, const Checklist& checklist);

// The moves of a CTF read without a moves file: every pupil in `ids` moves on `date`, as `kind`.
// `source` names where these came from, for messages.
Moves every_pupil_moves(const std::vector<std::string>& ids, MoveKind kind, Date date, std::string source);

// The column where a booked settling-in meeting is given: meeting_one_week, ...
std::string meeting_column(const MeetingRule& rule);

// Whether `text` can be the receiving contact's email address: some text, one '@', more text, and
// nothing a calendar's mailto: address cannot carry (spaces, line breaks and other control
// characters, quotes, angle brackets, ',', ';', ':', '\\'), so the address cannot break out of
// the calendar line it is written on.
bool is_email_address(std::string_view text);

// "15:30" -> 930 minutes; nullopt if it is not a 24-hour time HH:MM.
std::optional<std::chrono::minutes> parse_clock_time(std::string_view text);

}  // namespace waymark::transition
