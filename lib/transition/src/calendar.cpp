#include "waymark/transition/calendar.hpp"
#include "waymark/output.hpp"

#include <algorithm>
#include <cstdlib>
#include <fmt/format.h>
#include <libical/ical.h>
#include <memory>

#include "waymark/errors.hpp"

namespace waymark::transition {

namespace {

struct ComponentFree {
  void operator()(icalcomponent* component) const { icalcomponent_free(component); }
};
using Component = std::unique_ptr<icalcomponent, ComponentFree>;

icaltimetype local_time(const Date& date, std::chrono::minutes start, icaltimezone* zone) {
  icaltimetype time = icaltime_null_time();
  time.year = static_cast<int>(date.year());
  time.month = static_cast<int>(static_cast<unsigned>(date.month()));
  time.day = static_cast<int>(static_cast<unsigned>(date.day()));
  time.hour = static_cast<int>(start.count() / 60);
  time.minute = static_cast<int>(start.count() % 60);
  time.is_date = 0;
  return icaltime_set_timezone(&time, zone);
}

icaltimetype utc_time(std::chrono::sys_seconds stamp) {
  return icaltime_from_timet_with_zone(static_cast<time_t>(stamp.time_since_epoch().count()), 0, icaltimezone_get_utc_timezone());
}

// A DTSTART or DTEND in the calendar's zone: the local time with TZID, as RFC 5545 3.3.5 form 3.
icalproperty* zoned(icalproperty* property, const std::string& zone_name) {
  icalproperty_add_parameter(property, icalparameter_new_tzid(zone_name.c_str()));
  return property;
}

}  // namespace

Calendar::Calendar(const std::string& zone_name)
    : zone_name_(zone_name), zone_(icaltimezone_get_builtin_timezone(zone_name.c_str())) {
  if (zone_ == nullptr) throw Error(ErrorKind::usage, "--timezone: unknown time zone '" + zone_name + "' (a zone such as Europe/London)");
}

std::string Calendar::to_ics(std::chrono::sys_seconds stamp) const {
  Component calendar(icalcomponent_new(ICAL_VCALENDAR_COMPONENT));
  icalcomponent_add_property(calendar.get(), icalproperty_new_version("2.0"));
  icalcomponent_add_property(calendar.get(), icalproperty_new_prodid("-//waymark//transition-pack//EN"));
  icalcomponent_add_property(calendar.get(), icalproperty_new_calscale("GREGORIAN"));
  icalcomponent_add_property(calendar.get(), icalproperty_new_method(ICAL_METHOD_PUBLISH));

  // The zone's rules from the year of the first meeting on, named by its plain IANA name (libical
  // prefixes system zones with its own path, which calendar programs do not recognise).
  icalcomponent* timezone = icalcomponent_new_clone(icaltimezone_get_component(zone_));
  if (!events_.empty()) {
    const auto first = std::min_element(events_.begin(), events_.end(), [](const auto& a, const auto& b) { return a.date < b.date; });
    icaltimetype from = icaltime_null_time();
    from.year = static_cast<int>(first->date.year()) - 1;
    from.month = 1;
    from.day = 1;
    from = icaltime_set_timezone(&from, icaltimezone_get_utc_timezone());
    icaltimezone_truncate_vtimezone(timezone, from, icaltime_null_time(), 1);
  }
  icalproperty_set_tzid(icalcomponent_get_first_property(timezone, ICAL_TZID_PROPERTY), zone_name_.c_str());
  icalcomponent_add_component(calendar.get(), timezone);

  for (const auto& event : events_) {
    icalcomponent* vevent = icalcomponent_new(ICAL_VEVENT_COMPONENT);
    icalcomponent_add_property(vevent, icalproperty_new_uid(event.uid.c_str()));
    icalcomponent_add_property(vevent, icalproperty_new_dtstamp(utc_time(stamp)));
    icalcomponent_add_property(vevent, zoned(icalproperty_new_dtstart(local_time(event.date, event.start, zone_)), zone_name_));
    icalcomponent_add_property(vevent, zoned(icalproperty_new_dtend(local_time(event.date, event.start + event.duration, zone_)), zone_name_));
    icalcomponent_add_property(vevent, icalproperty_new_summary(event.summary.c_str()));
    if (!event.description.empty()) icalcomponent_add_property(vevent, icalproperty_new_description(event.description.c_str()));
    if (!event.location.empty()) icalcomponent_add_property(vevent, icalproperty_new_location(event.location.c_str()));
    icalcomponent_add_property(vevent, icalproperty_new_class(ICAL_CLASS_CONFIDENTIAL));
    icalcomponent_add_property(vevent, icalproperty_new_transp(ICAL_TRANSP_OPAQUE));
    if (!event.attendee_email.empty()) {
      icalproperty* attendee = icalproperty_new_attendee(("mailto:" + event.attendee_email).c_str());
      if (!event.attendee_name.empty()) icalproperty_add_parameter(attendee, icalparameter_new_cn(event.attendee_name.c_str()));
      icalproperty_add_parameter(attendee, icalparameter_new_role(ICAL_ROLE_REQPARTICIPANT));
      icalcomponent_add_property(vevent, attendee);
    }
    icalcomponent_add_component(calendar.get(), vevent);
  }
  char* text = icalcomponent_as_ical_string_r(calendar.get());
  std::string ics(text);
  std::free(text);
  return ics;
}

std::chrono::sys_seconds calendar_stamp() {
  if (const auto epoch = source_date_epoch()) return *epoch;
  return std::chrono::time_point_cast<std::chrono::seconds>(std::chrono::system_clock::now());
}

}  // namespace waymark::transition
