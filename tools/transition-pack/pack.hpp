// One move's pack: who moves, the one-page profile (as consent allows), the academic record, the
// checklist with owners and dates, and the settling-in meetings.
#pragma once

#include <nlohmann/json.hpp>
#include <string>
#include <vector>

#include "achievements.hpp"
#include "calendar.hpp"
#include "checklist.hpp"
#include "learners.hpp"
#include "moves.hpp"
#include "options.hpp"

namespace waymark::transition {

struct Meeting {
  const MeetingRule* rule = nullptr;
  Date date;
  std::chrono::minutes time{};
  bool booked = false;  // given in the moves file rather than worked out
  std::string uid;
};

struct Pack {
  std::string id;
  nlohmann::ordered_json json;   // what pack.json and the NDJSON line hold
  std::vector<CalendarEvent> events;
};

// Assembles the pack of `move` for `options.audience`.
Pack build_pack(const Learner& learner, const Move& move, const std::vector<Achievement>& achievements,
                const Checklist& checklist, const Options& options);

// Whether the receiving setting may see the personal profile: only with consent_to_share true.
bool profile_shared(const Move& move, Audience audience);

// A UID that is the same for the same learner and meeting on every run (so re-importing the
// calendar updates the events) and does not show the learner's id: a hash of both under a
// built-in key. It hides the id from a glance, not from someone who can guess ids.
std::string meeting_uid(std::string_view learner_id, std::string_view meeting_code);

}  // namespace waymark::transition
