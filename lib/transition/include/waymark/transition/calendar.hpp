// Settling-in meetings as an iCalendar file (RFC 5545), written with libical.
#pragma once

#include <chrono>
#include <string>
#include <vector>

#include "waymark/transition/checklist.hpp"

typedef struct _icaltimezone icaltimezone;

namespace waymark::transition {

struct CalendarEvent {
  std::string uid;  // stable for the same learner and meeting, so a re-import updates
  std::string summary;
  std::string description;
  std::string location;
  Date date;
  std::chrono::minutes start{};  // local time of day, in the calendar's zone
  std::chrono::minutes duration{};
  std::string attendee_name, attendee_email;  // the receiving setting's contact, if known
};

// Events in one time zone, such as Europe/London (the setting's), from the system's zone data.
class Calendar {
 public:
  // Throws Error(usage) if the zone is not known.
  explicit Calendar(const std::string& zone_name);

  void add(CalendarEvent event) { events_.push_back(std::move(event)); }
  bool empty() const { return events_.empty(); }

  // VCALENDAR with the zone's VTIMEZONE (from the year of the first event) and one VEVENT per
  // meeting; DTSTAMP is `stamp` in UTC.
  std::string to_ics(std::chrono::sys_seconds stamp) const;

 private:
  std::string zone_name_;
  icaltimezone* zone_;
  std::vector<CalendarEvent> events_;
};

// The time a calendar is stamped with: now, or SOURCE_DATE_EPOCH when it is set, so that
// builds and tests can make the same file twice (reproducible-builds.org).
std::chrono::sys_seconds calendar_stamp();

}  // namespace waymark::transition
