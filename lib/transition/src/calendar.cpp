#include "waymark/transition/calendar.hpp"

#include <algorithm>
#include <cstdlib>
#include <fmt/format.h>
#include <libical/ical.h>
#include <memory>

#include "waymark/errors.hpp"
#include "waymark/render.hpp"
#include "waymark/today.hpp"

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

// A text value as iCalendar holds it: the documents' rule (no control characters), DEL left out
// too (RFC 5545, 3.1, CONTROL; libical reads it in a parameter as a space), and every line break
// "\n", the one RFC 5545 text has (3.3.11): libical drops a carriage return, so a lone one (old
// Mac line ends) would run two lines together and CRLF would lose nothing only by luck.
std::string calendar_text(std::string_view text) {
  const std::string fit = fit_for_documents(text);
  std::string out;
  out.reserve(fit.size());
  for (std::size_t i = 0; i < fit.size(); ++i) {
    if (fit[i] == '\x7F') continue;
    if (fit[i] != '\r') {
      out += fit[i];
      continue;
    }
    out += '\n';
    if (i + 1 < fit.size() && fit[i + 1] == '\n') ++i;
  }
  return out;
}

// A parameter's value (the contact's name, CN) as libical must be given it. RFC 6868 writes '^'
// as "^^" in a parameter, and reads "^n" and "^'" as a line break and a quote; libical 3.0 writes a
// '^' as it is, so "Jo^'s" would read back as Jo"s. Where this libical does not encode it, it is
// given "^^", which it writes as it is.
std::string calendar_parameter(std::string_view text) {
  static const bool encodes_caret = [] {
    icalparameter* probe = icalparameter_new_cn("^");
    char* written = icalparameter_as_ical_string_r(probe);
    const bool encodes = std::string_view(written).find("^^") != std::string_view::npos;
    std::free(written);
    icalparameter_free(probe);
    return encodes;
  }();
  std::string value = calendar_text(text);
  if (encodes_caret) return value;
  std::string out;
  for (const char c : value) {
    out += c;
    if (c == '^') out += '^';
  }
  return out;
}

// libical 3.0 folds a line by its length with its CRLF counted in, so a line that ends just at the
// fold has its CR and LF split ("\r\r\n \n"), which no calendar program reads. Its folds are
// taken out (a value's own line breaks are escaped, so every CRLF and space or tab is one) and
// the lines folded again: at most 75 octets, never inside a UTF-8 character (RFC 5545, 3.1).
std::string refold(std::string_view ics) {
  std::string unfolded;
  unfolded.reserve(ics.size());
  for (std::size_t i = 0; i < ics.size();) {
    if (ics.compare(i, 3, "\r\n ") == 0 || ics.compare(i, 3, "\r\n\t") == 0) {
      i += 3;
      continue;
    }
    unfolded += ics[i++];
  }
  std::string folded;
  folded.reserve(unfolded.size() + unfolded.size() / 64);
  for (std::size_t start = 0; start < unfolded.size();) {
    auto end = unfolded.find("\r\n", start);
    if (end == std::string::npos) end = unfolded.size();
    std::string_view line(unfolded.data() + start, end - start);
    for (std::size_t room = 75; line.size() > room; room = 74) {  // a folded line's space counts
      std::size_t cut = room;
      while (cut > 0 && (static_cast<unsigned char>(line[cut]) & 0xC0) == 0x80) --cut;
      if (cut == 0) cut = room;  // no character starts there (not UTF-8): cut anyway, never loop
      folded.append(line.substr(0, cut));
      folded += "\r\n ";
      line.remove_prefix(cut);
    }
    folded.append(line);
    folded += "\r\n";
    start = end + 2;
  }
  return folded;
}

}  // namespace

Calendar::Calendar(const std::string& zone_name) : zone_name_(zone_name), zone_(icaltimezone_get_builtin_timezone(zone_name.c_str())) {
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
    icalcomponent_add_property(vevent,
                               zoned(icalproperty_new_dtend(local_time(event.date, event.start + event.duration, zone_)), zone_name_));
    // iCalendar text cannot hold control characters (RFC 5545, 3.3.11): calendar_text leaves them
    // out; libical escapes '\\', ';', ',' and line breaks, and refold folds long lines.
    icalcomponent_add_property(vevent, icalproperty_new_summary(calendar_text(event.summary).c_str()));
    if (!event.description.empty())
      icalcomponent_add_property(vevent, icalproperty_new_description(calendar_text(event.description).c_str()));
    if (!event.location.empty()) icalcomponent_add_property(vevent, icalproperty_new_location(calendar_text(event.location).c_str()));
    icalcomponent_add_property(vevent, icalproperty_new_class(ICAL_CLASS_CONFIDENTIAL));
    icalcomponent_add_property(vevent, icalproperty_new_transp(ICAL_TRANSP_OPAQUE));
    if (!event.attendee_email.empty()) {
      icalproperty* attendee = icalproperty_new_attendee(("mailto:" + event.attendee_email).c_str());
      if (!event.attendee_name.empty())
        icalproperty_add_parameter(attendee, icalparameter_new_cn(calendar_parameter(event.attendee_name).c_str()));
      icalproperty_add_parameter(attendee, icalparameter_new_role(ICAL_ROLE_REQPARTICIPANT));
      icalcomponent_add_property(vevent, attendee);
    }
    icalcomponent_add_component(calendar.get(), vevent);
  }
  char* text = icalcomponent_as_ical_string_r(calendar.get());
  std::string ics = refold(text);
  std::free(text);
  return ics;
}

std::chrono::sys_seconds calendar_stamp() { return now_or_source_date(); }

}  // namespace waymark::transition
