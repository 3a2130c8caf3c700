#include "waymark/transition/pack.hpp"

#include <algorithm>
#include <fmt/format.h>

#include "waymark/fields.hpp"
#include "waymark/pseudonymise.hpp"

namespace waymark::transition {

namespace {

std::string_view audience_name(Audience audience) { return audience == Audience::receiving ? "receiving" : "young_person"; }

// Empty text is unknown: null in JSON, never "".
nlohmann::ordered_json text_or_null(const std::string& text) {
  return text.empty() ? nlohmann::ordered_json() : nlohmann::ordered_json(text);
}

std::string clock(std::chrono::minutes time) { return fmt::format("{:02}:{:02}", time.count() / 60, time.count() % 60); }

nlohmann::ordered_json sources_json(const ChecklistItem& item, const Move& move, bool by_deadline) {
  auto list = nlohmann::ordered_json::array();
  const auto add = [&](const std::vector<Source>& sources) {
    for (const auto& source : sources)
      if (source.kinds[static_cast<std::size_t>(move.kind)] && source.nations[static_cast<std::size_t>(move.nation)])
        list.push_back({{"passage", source.passage}, {"quote", source.quote}});
  };
  add(item.sources);
  // A step dated by the law cites the law that dates it.
  if (by_deadline) add(item.deadline->sources);
  return list;
}

std::string owner_name(const std::string& role, const Move& move) {
  if (role == "transition_manager") return move.transition_manager;
  if (role == "receiving_contact") return move.receiving_contact;
  return {};
}

// A date the pack sets: where it falls, and whether it had to move later than planned.
struct Scheduled {
  Date planned;                        // counted from the move date, the day the pack is made, or the law's date
  Date date;                           // on a school day, not before Scheduling::not_before
  bool late = false;                   // planned before the pack was made or the CTF exported
  bool outside_calendar = false;       // the term dates do not reach it: on a weekday, unchecked
  std::string schedule = "from_move";  // or as_soon_as_known, statutory_deadline
  std::optional<Date> deadline;        // the date the law sets, when it sets one
  std::string deadline_rule;           // which of the law's dates, in words
  bool overdue = false;                // the law's date passed before the pack was made

  static Scheduled on(Date day) {
    Scheduled out;
    out.planned = out.date = day;
    return out;
  }
};

// Whether the term dates reach `date` at all: between the first term's start and the last's end.
bool covered(const TermDates& terms, Date date) {
  return !terms.terms().empty() && !(date < terms.terms().front().start) && !(terms.terms().back().end < date);
}

// Moves `out.date` to a school day: on or before it for a step before the move, on or after it
// for one after. Beyond the term dates a date cannot be checked against the school's calendar;
// it is marked so, and is at least not set at a weekend.
void to_school_day(Scheduled& out, std::string_view phase, const Scheduling& scheduling) {
  if (scheduling.terms == nullptr) return;
  const auto& terms = *scheduling.terms;
  if (phase == "at") {
    out.outside_calendar = !terms.is_school_day(out.date);
    return;
  }
  const bool before = phase == "before";
  std::optional<Date> moved;
  if (covered(terms, out.date)) moved = before ? terms.on_or_before(out.date) : terms.on_or_after(out.date);
  out.outside_calendar = !moved;
  out.date = moved ? *moved : before ? previous_weekday(out.date) : next_weekday(out.date);
}

// "before" items move to the school day on or before their planned date (still before the move),
// others to the school day on or after it. A date before `not_before` is never back-dated: it
// moves to the first school day from then on and is marked late.
Scheduled schedule_date(Date planned, std::string_view phase, const Scheduling& scheduling) {
  auto out = Scheduled::on(planned);
  to_school_day(out, phase, scheduling);
  if (out.date < scheduling.not_before) {
    out.late = true;
    out.date = scheduling.not_before;
    to_school_day(out, "after", scheduling);
  }
  return out;
}

// `count` school days before `move`, holidays skipped. Where the term dates do not reach so far
// back, the rest are counted as weekdays, and the date is one the school's calendar cannot check.
Date school_days_before(const TermDates& terms, Date move, int count) {
  Date day = move;
  for (int i = 0; i < count; ++i) {
    const auto earlier = add_days(day, -1);
    const auto previous = covered(terms, earlier) ? terms.on_or_before(earlier) : std::nullopt;
    day = previous ? *previous : previous_weekday(earlier);
  }
  return day;
}

// When a step falls. Steps the guidance wants "as soon as the move is known" fall the day the
// pack is made. A step the law dates (an EHC plan amended by 15 February of the year of a move
// between phases) falls by that date, and is overdue once it has passed. The others are counted
// back from the move: in school days when the terms are known (a week before is five school
// days), so steps planned in a holiday spread back through the term instead of all landing on
// its last day.
Scheduled schedule_item(const ChecklistItem& item, const Learner& learner, const Move& move, const Scheduling& scheduling) {
  if (item.due_from == DueFrom::as_soon_as_known) {
    auto out = schedule_date(scheduling.not_before, "after", scheduling);
    out.schedule = "as_soon_as_known";
    return out;
  }
  if (const auto deadline = deadline_for(item, move.kind, move.date, learner.year_group)) {
    auto out = schedule_date(add_days(deadline->date, -item.deadline->days_before), "before", scheduling);
    out.schedule = "statutory_deadline";
    out.deadline = deadline->date;
    out.deadline_rule = deadline->rule->label;
    out.overdue = deadline->date < scheduling.not_before;
    return out;
  }
  Date planned = add_days(move.date, item.due_days);
  if (item.phase == "before" && scheduling.terms != nullptr) {
    const int school_days = (-item.due_days * 5 + 3) / 7;
    planned = school_days_before(*scheduling.terms, move.date, school_days);
  }
  return schedule_date(planned, item.phase, scheduling);
}

nlohmann::ordered_json checklist_entry(const ChecklistItem& item, const std::string& code, const Scheduled& due, const std::string& action,
                                       const Checklist& checklist, const Move& move) {
  return {{"code", code},
          {"phase", item.phase},
          {"due", format_date(due.date)},
          {"planned", format_date(due.planned)},
          {"late", due.late},
          {"schedule", due.schedule},
          {"deadline", due.deadline ? nlohmann::ordered_json(format_date(*due.deadline)) : nlohmann::ordered_json()},
          {"deadline_rule", text_or_null(due.deadline_rule)},
          {"overdue", due.overdue},
          {"outside_term_dates", due.outside_calendar},
          {"owner", item.owner},
          {"owner_label", checklist.role_label(item.owner)},
          {"owner_name", text_or_null(owner_name(item.owner, move))},
          {"action", action},
          {"sources", sources_json(item, move, due.deadline.has_value())}};
}

std::vector<Meeting> schedule(const Move& move, const Checklist& checklist, std::chrono::minutes default_time,
                              const Scheduling& scheduling) {
  std::vector<Meeting> meetings;
  for (std::size_t i = 0; i < checklist.meetings().size(); ++i) {
    const auto& rule = checklist.meetings()[i];
    Meeting meeting;
    meeting.rule = &rule;
    const auto& booked = i < move.booked.size() ? move.booked[i] : std::nullopt;
    meeting.booked = booked.has_value();
    // A meeting the school booked stays as booked; the others fall on school days.
    // Beyond the term dates (or without them) a meeting is at least not set at a weekend.
    const auto when =
        booked ? Scheduled::on(booked->date)
               : schedule_date(scheduling.terms != nullptr ? meeting_due_date(move.date, rule) : default_meeting_date(move.date, rule),
                               "after", scheduling);
    meeting.date = when.date;
    meeting.late = when.late;
    meeting.outside_calendar = when.outside_calendar;
    meeting.time = booked && booked->time ? *booked->time : default_time;
    meeting.uid = meeting_uid(move.id, rule.code);
    meetings.push_back(meeting);
  }
  return meetings;
}

nlohmann::ordered_json profile_json(const Learner& learner, Nation nation) {
  auto sections = nlohmann::ordered_json::array();
  auto missing = nlohmann::ordered_json::array();
  for (const auto& field : profile_fields) {
    const std::string column(field.column);
    if (learner.profile.contains(column)) {
      sections.push_back(
          {{"field", column}, {"heading", profile_heading(field, nation == Nation::wales)}, {"text", learner.profile[column]}});
    } else {
      missing.push_back(column);
    }
  }
  return {{"sections", sections}, {"missing", missing}};
}

std::string profile_note_key(const Move& move, Audience audience) {
  if (audience == Audience::young_person) return "young_person";
  if (profile_shared(move, audience)) return "shared";
  return move.consent_to_share ? "not_agreed" : "no_consent";
}

// The note in English (pack JSON); the documents print it in their language (documents.cpp).
std::string profile_note(const std::string& key) {
  if (key == "young_person")
    return "This is the young person's own copy: it holds the whole personal profile, which they may keep and choose to share.";
  if (key == "shared") return "The young person agreed to share their personal profile with the receiving setting.";
  const std::string why = key == "not_agreed" ? "the young person did not agree to share it" : "no consent to share it is recorded";
  return "The personal profile is not included: " + why +
         ". It stays with the young person, who may share it themselves (Action 11: it may be held by the young person).";
}

nlohmann::ordered_json learner_json(const Learner& learner) {
  return {{"id", learner.id},
          {"given_name", text_or_null(learner.given_name)},
          {"family_name", text_or_null(learner.family_name)},
          {"preferred_given_name", text_or_null(learner.preferred_given_name)},
          {"preferred_family_name", text_or_null(learner.preferred_family_name)},
          {"date_of_birth", text_or_null(learner.date_of_birth)},
          {"gender", text_or_null(learner.gender)},
          {"year_group", text_or_null(learner.year_group)}};
}

nlohmann::ordered_json move_json(const Move& move, const Checklist& checklist) {
  return {{"kind", to_string(move.kind)},
          {"kind_label", checklist.kind_label(move.kind)},
          {"from_setting", text_or_null(move.from_setting)},
          {"to_setting", text_or_null(move.to_setting)},
          {"move_date", format_date(move.date)},
          {"transition_manager", text_or_null(move.transition_manager)},
          {"receiving_contact", text_or_null(move.receiving_contact)},
          {"receiving_contact_email", text_or_null(move.receiving_contact_email)},
          {"consent_to_share", move.consent_to_share ? nlohmann::ordered_json(*move.consent_to_share) : nlohmann::ordered_json()}};
}

nlohmann::ordered_json record_json(const Learner& learner, const std::vector<Achievement>& achievements, Audience audience) {
  auto record = learner.record;
  // The receiving setting needs the parents' and carers' numbers whatever the profile consent
  // says; the young person's own copy does not carry other people's phone numbers.
  if (audience == Audience::young_person && record.contains("contacts")) {
    for (auto& contact : record["contacts"]) contact.erase("phones");
  }
  auto achieved = nlohmann::ordered_json::array();
  for (const auto& item : achievements) {
    achieved.push_back({{"date", format_date(item.date)}, {"area", text_or_null(item.area)}, {"achievement", item.achievement}});
  }
  record["achievements"] = achieved;
  return record;
}

// Whether an item applies to this young person: in their setting's nation, and always or when
// their record says so (a looked-after pupil, a medical flag, an EHC plan, additional learning
// needs). Unknown is not true.
bool applies(const ChecklistItem& item, const Learner& learner, Nation nation) {
  if (!item.nations[static_cast<std::size_t>(nation)]) return false;
  if (item.when.empty()) return true;
  if (item.when == "aln") return has_additional_needs(learner.record);
  const auto found = learner.record.find(item.when);
  return found != learner.record.end() && found->is_boolean() && found->get<bool>();
}

// The move kind's items that apply and a settling-in item per meeting, in the order they fall due.
nlohmann::ordered_json checklist_json(const Learner& learner, const Move& move, const std::vector<Meeting>& meetings,
                                      const Checklist& checklist, const Scheduling& scheduling, Pack& pack) {
  auto items = nlohmann::ordered_json::array();
  const auto note = [&](const std::string& code, const Scheduled& when) {
    if (when.overdue)
      pack.overdue.push_back(code + " due by " + format_date(*when.deadline));
    else if (when.late)
      pack.late.push_back(code + " on " + format_date(when.date));
    if (when.outside_calendar) pack.outside_calendar.push_back(code + " on " + format_date(when.date));
  };
  for (const auto& item : checklist.items()) {
    if (!item.kinds[static_cast<std::size_t>(move.kind)] || !applies(item, learner, move.nation)) continue;
    const auto when = schedule_item(item, learner, move, scheduling);
    note(item.code, when);
    items.push_back(checklist_entry(item, item.code, when, item.action, checklist, move));
  }
  const auto& settling = checklist.settling_in();
  for (const auto& meeting : meetings) {
    auto when = Scheduled::on(meeting.date);
    when.late = meeting.late;
    when.outside_calendar = meeting.outside_calendar;
    const auto code = "settling_in_" + meeting.rule->code;
    note(code, when);
    items.push_back(checklist_entry(settling, code, when, "One-to-one settling-in meeting " + meeting.rule->label + ". " + settling.action,
                                    checklist, move));
  }
  std::stable_sort(items.begin(), items.end(), [](const auto& a, const auto& b) {
    return a["due"].template get<std::string>() < b["due"].template get<std::string>();
  });
  return items;
}

CalendarEvent meeting_event(const Meeting& meeting, const Learner& learner, const Move& move, const Checklist& checklist,
                            const PackOptions& options) {
  CalendarEvent event;
  event.uid = meeting.uid;
  // Calendars are seen by many (shared diaries, phones on desks): the learner's name appears
  // only when asked for; otherwise their id, which staff can look up.
  std::string full_name = learner.given_name;
  if (!full_name.empty() && !learner.family_name.empty()) full_name += ' ';
  full_name += learner.family_name;
  const std::string& who = options.names_in_calendar && !full_name.empty() ? full_name : learner.id;
  event.summary = fmt::format("Settling-in meeting {}: {}", meeting.rule->label, who);
  event.description = fmt::format("{} Move: {} on {}{}.", checklist.settling_in().action, checklist.kind_label(move.kind),
                                  format_date(move.date), move.to_setting.empty() ? "" : " to " + move.to_setting);
  event.location = move.to_setting;
  event.date = meeting.date;
  event.start = meeting.time;
  event.duration = std::chrono::minutes{options.meeting_minutes};
  event.attendee_name = move.receiving_contact;
  event.attendee_email = move.receiving_contact_email;
  return event;
}

}  // namespace

bool profile_shared(const Move& move, Audience audience) {
  return audience == Audience::young_person || move.consent_to_share.value_or(false);
}

std::string meeting_uid(std::string_view learner_id, std::string_view meeting_code) {
  static const Pseudonymiser hasher("waymark transition-pack settling-in meetings");
  const std::string key = std::string(learner_id) + '\x1f' + std::string(meeting_code);
  return hasher.pseudonym(key).substr(0, 32) + "@transition-pack.waymark";
}

Pack build_pack(const Learner& learner, const Move& move, const std::vector<Achievement>& achievements, const Checklist& checklist,
                const PackOptions& options, const Scheduling& scheduling) {
  Pack pack;
  pack.id = learner.id;
  auto& json = pack.json;
  json["id"] = learner.id;
  json["audience"] = audience_name(options.audience);
  json["nation"] = to_string(move.nation);
  json["learner"] = learner_json(learner);
  json["move"] = move_json(move, checklist);
  const bool shared = profile_shared(move, options.audience);
  json["profile_included"] = shared;
  pack.profile_note_key = profile_note_key(move, options.audience);
  json["profile_note"] = profile_note(pack.profile_note_key);
  json["profile"] = shared ? profile_json(learner, move.nation) : nlohmann::ordered_json();
  json["academic_record"] = record_json(learner, achievements, options.audience);

  const auto meetings = schedule(move, checklist, options.meeting_time, scheduling);
  json["checklist"] = checklist_json(learner, move, meetings, checklist, scheduling, pack);
  auto calendar = nlohmann::ordered_json::array();
  for (const auto& meeting : meetings) {
    calendar.push_back({{"code", meeting.rule->code},
                        {"label", meeting.rule->label},
                        {"date", format_date(meeting.date)},
                        {"time", clock(meeting.time)},
                        {"timezone", options.timezone},
                        {"minutes", options.meeting_minutes},
                        {"booked", meeting.booked},
                        {"late", meeting.late},
                        {"outside_term_dates", meeting.outside_calendar},
                        {"uid", meeting.uid}});
    pack.events.push_back(meeting_event(meeting, learner, move, checklist, options));
  }
  json["settling_in"] = calendar;
  return pack;
}

}  // namespace waymark::transition
