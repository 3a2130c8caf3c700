// One move's pack: who moves, the one-page profile (as consent allows), the academic record, the
// checklist with owners and dates, and the settling-in meetings.
#pragma once

#include <nlohmann/json.hpp>
#include <string>
#include <vector>

#include "waymark/codes.hpp"
#include "waymark/term_dates.hpp"
#include "waymark/transition/achievements.hpp"
#include "waymark/transition/calendar.hpp"
#include "waymark/transition/checklist.hpp"
#include "waymark/transition/learners.hpp"
#include "waymark/transition/moves.hpp"

namespace waymark::transition {

// Who the pack is for: the receiving setting sees the personal profile only with the young
// person's consent; the young person's own copy is complete.
enum class Audience { receiving, young_person };

// How packs are made: for whom, and the settling-in meetings not booked in the moves file.
struct PackOptions {
  Audience audience = Audience::receiving;
  std::string timezone = "Europe/London";      // the setting's, for meeting times
  std::chrono::minutes meeting_time{10 * 60};  // since midnight
  int meeting_minutes = 30;
  bool names_in_calendar = false;  // the learner's name in event titles, not only their id
};

// Where the pack's dates may fall: on school days when the school's calendar is given, and
// never before the day the pack is made or, from a CTF, the day the file was exported.
struct Scheduling {
  const TermDates* terms = nullptr;
  Date not_before;
};

struct Meeting {
  const MeetingRule* rule = nullptr;
  Date date;
  std::chrono::minutes time{};
  bool booked = false;  // given in the moves file rather than worked out
  bool late = false;    // due before the pack was made or the CTF exported: moved later
  bool outside_calendar = false;
  std::string uid;
};

struct Pack {
  std::string id;
  nlohmann::ordered_json json;  // what pack.json and the NDJSON line hold
  std::vector<CalendarEvent> events;
  // Why the profile is or is not in the pack, the key of its note in the message catalogues
  // (transition-pack/profile_note): young_person, shared, not_agreed or no_consent.
  std::string profile_note_key;
  std::vector<std::string> late;              // "code on date": items that could not keep their planned date
  std::vector<std::string> overdue;           // "code due by date": steps whose statutory date has passed
  std::vector<std::string> outside_calendar;  // "code on date": dates the term dates do not cover
};

// Whether a record's latest SEN provision (the last of sen_history from a CTF, or a learner
// record's sen) is SEN support or an EHC plan: additional needs with provision for them, which
// in Wales means an individual development plan (IDP). Unknown is not true.
template <class Json>
bool has_additional_needs(const Json& record) {
  std::string provision;
  if (const auto history = record.find("sen_history"); history != record.end() && history->is_array() && !history->empty())
    provision = history->back().value("provision", "");
  else if (const auto sen = record.find("sen"); sen != record.end() && sen->is_string())
    provision = sen->template get<std::string>();
  const auto read = parse_sen_provision(provision);
  return read == SenProvision::sen_support || read == SenProvision::ehc_plan;
}

// Assembles the pack of `move` for `options.audience`, its dates as `scheduling` allows.
Pack build_pack(const Learner& learner, const Move& move, const std::vector<Achievement>& achievements, const Checklist& checklist,
                const PackOptions& options, const Scheduling& scheduling);

// Whether the receiving setting may see the personal profile: only with consent_to_share true.
bool profile_shared(const Move& move, Audience audience);

// A UID that is the same for the same learner and meeting on every run (so re-importing the
// calendar updates the events) and does not show the learner's id: a hash of both under a
// built-in key. It hides the id from a glance, not from someone who can guess ids.
std::string meeting_uid(std::string_view learner_id, std::string_view meeting_code);

}  // namespace waymark::transition
