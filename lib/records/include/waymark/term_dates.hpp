// A school calendar: the terms (or half-terms) a school is open, read from a file with a `start`
// and an `end` column (man 5 waymark-records, TERM DATES). Holidays are the gaps between rows;
// school days are the weekdays inside a term. Tools that schedule reviews, steps and meetings
// move each date to the nearest school day.
#pragma once

#include <chrono>
#include <optional>
#include <string>
#include <vector>

#include "waymark/fields.hpp"
#include "waymark/records.hpp"

namespace waymark {

struct Term {
  std::chrono::year_month_day start, end;  // both school days' bounds, inclusive
};

class TermDates {
 public:
  // Terms in any order; they are sorted. Throws Error(data) if two overlap or one ends before it starts.
  explicit TermDates(std::vector<Term> terms);

  // Reads the file (CSV, JSON or NDJSON, as open_records detects) and its `start` and `end`
  // columns; other columns (a term's name) are ignored. Throws Error(no_input) if it cannot be
  // read, Error(data) naming the line and column of a date that is missing or does not parse,
  // a term that ends before it starts, terms that overlap, or a file with no terms.
  static TermDates load(const std::string& path, DateOrder order = DateOrder::iso);
  // The same with a tool's input options (encoding, delimiter, headings) for the file at input.path.
  static TermDates load(const InputOptions& input, DateOrder order = DateOrder::iso);

  // In a term and Monday to Friday.
  bool is_school_day(std::chrono::year_month_day date) const;
  // The nearest school day on or before `date`; nullopt if the calendar holds none so early.
  std::optional<std::chrono::year_month_day> on_or_before(std::chrono::year_month_day date) const;
  // The nearest school day on or after `date`; nullopt if the calendar holds none so late.
  std::optional<std::chrono::year_month_day> on_or_after(std::chrono::year_month_day date) const;

  const std::vector<Term>& terms() const { return terms_; }

 private:
  std::vector<Term> terms_;  // in order, not overlapping
};

}  // namespace waymark
