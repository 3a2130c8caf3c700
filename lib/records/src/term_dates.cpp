#include "waymark/term_dates.hpp"

#include <algorithm>

#include "waymark/errors.hpp"
#include "waymark/records.hpp"

namespace waymark {

namespace {

using Day = std::chrono::year_month_day;
using std::chrono::sys_days;

bool weekday(Day date) {
  const std::chrono::weekday day{sys_days{date}};
  return day != std::chrono::Saturday && day != std::chrono::Sunday;
}

Day step(Day date, int days) { return Day{sys_days{date} + std::chrono::days{days}}; }

}  // namespace

TermDates::TermDates(std::vector<Term> terms) : terms_(std::move(terms)) {
  for (const auto& term : terms_) {
    if (term.end < term.start) {
      throw Error(ErrorKind::bad_data,
                  "the term starting " + format_date(term.start) + " ends before it starts (an end on or after the start)");
    }
  }
  std::sort(terms_.begin(), terms_.end(), [](const Term& a, const Term& b) { return a.start < b.start; });
  for (std::size_t i = 1; i < terms_.size(); ++i) {
    if (terms_[i].start <= terms_[i - 1].end) {
      throw Error(ErrorKind::bad_data, "the term starting " + format_date(terms_[i].start) + " overlaps the term ending " +
                                           format_date(terms_[i - 1].end) + " (terms one after another, holidays between them)");
    }
  }
}

TermDates TermDates::load(const std::string& path, DateOrder order) {
  InputOptions input;
  input.path = path;
  return load(input, order);
}

TermDates TermDates::load(const InputOptions& input, DateOrder order) {
  const auto reader = open_records(input);
  const auto start = reader->require_column("start", "the first day of each term, such as 2026-09-03");
  const auto end = reader->require_column("end", "the last day of each term, such as 2026-10-23");
  std::vector<Term> terms;
  std::vector<long> lines;
  Record record;
  while (reader->next(record)) {
    Term term;
    for (const auto column : {start, end}) {
      try {
        const auto date = parse_date(trim(record.values[column]), order);
        if (!date) throw FieldError("the date is empty", "every term with its start and end date");
        (column == start ? term.start : term.end) = *date;
      } catch (const FieldError& e) {
        throw value_error(*reader, record, column, e.what(), e.expected(), false);
      }
    }
    if (term.end < term.start) {
      throw value_error(*reader, record, end, "the term ends before it starts", "an end on or after the start", false);
    }
    terms.push_back(term);
    lines.push_back(record.line);
  }
  if (terms.empty())
    throw data_error({reader->source_name(), 1, {}}, "there are no terms", "a row per term or half-term with start and end");
  // Sorted by start, with the line of each, so an overlap is reported where it is.
  std::vector<std::size_t> by_start(terms.size());
  for (std::size_t i = 0; i < by_start.size(); ++i) by_start[i] = i;
  std::stable_sort(by_start.begin(), by_start.end(), [&](auto a, auto b) { return terms[a].start < terms[b].start; });
  for (std::size_t i = 1; i < by_start.size(); ++i) {
    const auto& earlier = terms[by_start[i - 1]];
    const auto& later = terms[by_start[i]];
    if (later.start <= earlier.end) {
      throw data_error({reader->source_name(), lines[by_start[i]], "start"},
                       "this term overlaps the one on line " + std::to_string(lines[by_start[i - 1]]),
                       "terms one after another, holidays between them");
    }
  }
  return TermDates(std::move(terms));
}

bool TermDates::is_school_day(Day date) const {
  if (!weekday(date)) return false;
  return std::any_of(terms_.begin(), terms_.end(), [&](const Term& term) { return term.start <= date && date <= term.end; });
}

std::optional<Day> TermDates::on_or_before(Day date) const {
  // The last term starting on or before the date; if the date is past its end, its end.
  for (auto term = terms_.rbegin(); term != terms_.rend(); ++term) {
    if (term->start > date) continue;
    for (Day day = std::min(date, term->end); day >= term->start; day = step(day, -1))
      if (weekday(day)) return day;
  }
  return std::nullopt;
}

std::optional<Day> TermDates::on_or_after(Day date) const {
  for (const auto& term : terms_) {
    if (term.end < date) continue;
    for (Day day = std::max(date, term.start); day <= term.end; day = step(day, 1))
      if (weekday(day)) return day;
  }
  return std::nullopt;
}

}  // namespace waymark
