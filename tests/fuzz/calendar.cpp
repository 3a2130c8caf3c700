// libFuzzer target: transition-pack's iCalendar writer (Calendar::to_ics) on hostile text
// (hostile_text.hpp) in every field a school's moves file fills: the summary (a learner's name or
// id), the description and location (the receiving setting), the contact's name and email. The
// first byte picks the time zone and the number of meetings; each meeting's date and time come
// from bytes. The calendar must be one a calendar program reads as written (RFC 5545):
// - every line ends CRLF, with no other CR or LF, and is at most 75 octets (3.1);
// - libical reads it back to as many events, each field the text given, as the documents' rule
//   (fit_for_documents) leaves it, without DEL and with every line break "\n" (iCalendar's one).
// A wrong calendar aborts, as a crash does.
#include <cstdint>
#include <cstdio>
#include <cstdlib>
#include <fmt/format.h>
#include <libical/ical.h>
#include <memory>
#include <string>
#include <string_view>
#include <vector>

#include "hostile_text.hpp"
#include "refusals.hpp"
#include "waymark/render.hpp"
#include "waymark/transition/calendar.hpp"
#include "waymark/transition/moves.hpp"

namespace {

[[noreturn]] void wrong(const std::string& what) {
  std::fprintf(stderr, "wrong calendar: %s\n", what.c_str());
  std::abort();
}

// Text with the bytes outside printable ASCII as \xNN, to see at once what is wrong.
std::string shown(std::string_view text) {
  std::string out;
  for (const char c : text) {
    const auto byte = static_cast<unsigned char>(c);
    if (byte >= 0x20 && byte < 0x7F && c != '\\')
      out += c;
    else
      out += fmt::format("\\x{:02X}", byte);
  }
  return out;
}

// libical's reader drops the spaces and tabs that start a value or end a line, so a value's
// leading and trailing ones are not compared (no calendar program shows them).
std::string_view without_outer_blanks(std::string_view text) {
  while (!text.empty() && (text.back() == ' ' || text.back() == '\t')) text.remove_suffix(1);
  while (!text.empty() && (text.front() == ' ' || text.front() == '\t')) text.remove_prefix(1);
  return text;
}

void check_lines(std::string_view ics) {
  std::size_t start = 0;
  long number = 0;
  while (start < ics.size()) {
    ++number;
    const auto end = ics.find("\r\n", start);
    if (end == std::string_view::npos) wrong("line " + std::to_string(number) + " does not end CRLF");
    const auto line = ics.substr(start, end - start);
    if (line.find_first_of("\r\n") != std::string_view::npos)
      wrong("line " + std::to_string(number) +
            " holds a bare CR or LF: " + shown(ics.substr(start > 80 ? start - 80 : 0, line.size() + 160)));
    if (line.size() > 75) wrong("line " + std::to_string(number) + " is " + std::to_string(line.size()) + " octets long");
    start = end + 2;
  }
}

struct ComponentFree {
  void operator()(icalcomponent* component) const { icalcomponent_free(component); }
};

std::string text_or_empty(const char* text) { return text ? text : ""; }

// What the calendar should hold for `text`: fit for documents without DEL, each CRLF or CR a "\n".
std::string calendar_text(std::string_view text) {
  std::string fit = waymark::fit_for_documents(text), out;
  for (std::size_t i = 0; i < fit.size(); ++i) {
    if (fit[i] == '\x7F' || (fit[i] == '\r' && i + 1 < fit.size() && fit[i + 1] == '\n')) continue;
    out += fit[i] == '\r' ? '\n' : fit[i];
  }
  return out;
}

void expect_same(const std::string& what, const std::string& read, const std::string& written) {
  if (without_outer_blanks(read) != without_outer_blanks(written))
    wrong(what + " is not as written: read '" + shown(read) + "', wrote '" + shown(written) + "'");
}

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  waymark::fuzz::HostileText in(data, size);
  constexpr const char* zones[] = {"Europe/London", "America/New_York", "Australia/Lord_Howe", "Asia/Kathmandu"};
  const std::uint8_t choice = in.byte();
  const std::size_t count = 1 + (choice >> 2) % 4;
  std::vector<waymark::transition::CalendarEvent> events;
  waymark::fuzz::expect_success_or_refusal([&] {
    waymark::transition::Calendar calendar(zones[choice % 4]);
    for (std::size_t i = 0; i < count; ++i) {
      waymark::transition::CalendarEvent event;
      event.uid = "fuzz-" + std::to_string(i) + "@transition-pack.waymark";
      const int year = 1990 + in.byte() % 120;
      const unsigned month = 1 + in.byte() % 12, day = 1 + in.byte() % 28;
      event.date = std::chrono::year{year} / std::chrono::month{month} / std::chrono::day{day};
      const int high = in.byte();
      event.start = std::chrono::minutes{(high << 8 | in.byte()) % (24 * 60)};
      event.duration = std::chrono::minutes{in.byte() % 180};
      event.summary = in.field();
      event.description = in.field();
      event.location = in.field();
      event.attendee_name = in.field();
      event.attendee_email = in.field();
      // The moves reader takes only what is_email_address takes.
      if (!event.attendee_email.empty() && !waymark::transition::is_email_address(event.attendee_email)) event.attendee_email.clear();
      events.push_back(event);
      calendar.add(std::move(event));
    }
    const std::string ics = calendar.to_ics(std::chrono::sys_seconds{std::chrono::seconds{1767225600}});
    check_lines(ics);

    const std::unique_ptr<icalcomponent, ComponentFree> read(icalparser_parse_string(ics.c_str()));
    if (!read) wrong("libical cannot read it");
    std::size_t n = 0;
    for (icalcomponent* vevent = icalcomponent_get_first_component(read.get(), ICAL_VEVENT_COMPONENT); vevent;
         vevent = icalcomponent_get_next_component(read.get(), ICAL_VEVENT_COMPONENT), ++n) {
      if (n >= events.size()) wrong("more events than meetings");
      const auto& event = events[n];
      const auto where = " (event " + std::to_string(n) + ")";
      expect_same("the UID" + where, text_or_empty(icalcomponent_get_uid(vevent)), event.uid);
      expect_same("the summary" + where, text_or_empty(icalcomponent_get_summary(vevent)), calendar_text(event.summary));
      expect_same("the description" + where, text_or_empty(icalcomponent_get_description(vevent)), calendar_text(event.description));
      expect_same("the location" + where, text_or_empty(icalcomponent_get_location(vevent)), calendar_text(event.location));
      icalproperty* attendee = icalcomponent_get_first_property(vevent, ICAL_ATTENDEE_PROPERTY);
      if (event.attendee_email.empty()) {
        if (attendee) wrong("an attendee nobody named" + where);
        continue;
      }
      if (!attendee) wrong("the attendee is missing" + where);
      expect_same("the attendee's email" + where, text_or_empty(icalproperty_get_attendee(attendee)), "mailto:" + event.attendee_email);
      icalparameter* cn = icalproperty_get_first_parameter(attendee, ICAL_CN_PARAMETER);
      // A backslash needs no escape in a parameter (RFC 5545, 3.1: paramtext), and none is written,
      // but libical's reader takes "\;" for an escaped ';', reading the next parameter into the name.
      if (event.attendee_name.find('\\') != std::string::npos) continue;
      expect_same("the attendee's name" + where, text_or_empty(cn ? icalparameter_get_cn(cn) : nullptr),
                  calendar_text(event.attendee_name));
    }
    if (n != events.size()) wrong(std::to_string(n) + " events read back for " + std::to_string(events.size()) + " meetings");
  });
  return 0;
}
