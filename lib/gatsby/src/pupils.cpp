#include "waymark/gatsby/pupils.hpp"

#include <array>
#include <fmt/format.h>

#include "waymark/academic_year.hpp"
#include "waymark/codes.hpp"
#include "waymark/errors.hpp"

namespace waymark::gatsby {

namespace {

constexpr std::array<std::string_view, 3> destination_columns{"destination_1y", "destination_2y", "destination_3y"};

}  // namespace

Answer parse_answer(std::string_view text, bool sen_codes) {
  text = trim(text);
  if (sen_codes && text.size() == 1) {
    switch (text[0]) {
      case 'N':
      case 'n': return Answer::no;
      case 'K':
      case 'k':
      case 'E':
      case 'e': return Answer::yes;
      default: break;
    }
  }
  const auto flag = parse_bool(text);
  if (!flag) return Answer::unknown;
  return *flag ? Answer::yes : Answer::no;
}

Roll Roll::read(const PupilOptions& options) {
  const auto reader = open_records(options.input);
  const auto& source = reader->source_name();
  const std::size_t id_column = reader->require_column("id", "a column named id that identifies each pupil");
  const std::size_t year_column = reader->require_column("year_group", "a column year_group holding 7 to 13");
  const auto birth_column = reader->find_column("date_of_birth");
  const auto send_column = reader->find_column("send");
  const auto he_column = reader->find_column("considering_he");
  const auto left_column = reader->find_column("left_on");
  const auto given_name_column = reader->find_column("given_name");
  const auto family_name_column = reader->find_column("family_name");
  const auto tutor_group_column = reader->find_column("tutor_group");
  std::array<std::optional<std::size_t>, 3> destination_column;
  for (std::size_t k = 0; k < destination_columns.size(); ++k) destination_column[k] = reader->find_column(destination_columns[k]);

  const int current_year = academic_year_of(options.as_of);
  const auto as_of_days = std::chrono::sys_days{options.as_of};
  Roll roll;
  roll.has_given_name_ = given_name_column.has_value();
  roll.has_family_name_ = family_name_column.has_value();
  roll.has_tutor_group_ = tutor_group_column.has_value();
  Record record;
  while (reader->next(record)) {
    std::size_t at = id_column;
    auto fail = [&](const std::string& problem, const std::string& expected) {
      throw value_error(*reader, record, at, problem, expected, options.verbose);
    };
    Pupil pupil;
    pupil.line = record.line;
    try {
      pupil.id = trim(record.values[id_column]);
      if (pupil.id.empty()) fail("the id is empty", "every pupil with an id");
      if (given_name_column) pupil.given_name = trim(record.values[*given_name_column]);
      if (family_name_column) pupil.family_name = trim(record.values[*family_name_column]);
      if (tutor_group_column) pupil.tutor_group = trim(record.values[*tutor_group_column]);
      at = year_column;
      const auto year_group = parse_year_group(record.values[at]);  // 9, 'Year 9', 'Yr 9', 'Y9'
      if (!year_group) fail("the year group is empty", "a year group from 7 to 13");
      if (*year_group < 7 || *year_group > 13) fail("not a secondary year group", "a year group from 7 to 13");
      pupil.year_group = static_cast<int>(*year_group);
      if (birth_column) {
        at = *birth_column;
        const auto born = parse_date(record.values[at], options.dates);
        if (born && std::chrono::sys_days{*born} > as_of_days) fail("the date of birth is after --as-of", "a date on or before --as-of");
      }
      if (send_column) pupil.send = parse_answer(record.values[at = *send_column], true);
      if (he_column) pupil.considering_he = parse_answer(record.values[at = *he_column], false);
      if (left_column) {
        at = *left_column;
        pupil.left_on = parse_date(record.values[at], options.dates);
        if (pupil.left_on && std::chrono::sys_days{*pupil.left_on} > as_of_days)
          fail("the date is after --as-of", "a date on or before --as-of");
      }
      for (std::size_t k = 0; k < destination_column.size(); ++k)
        if (destination_column[k] && !trim(record.values[*destination_column[k]]).empty())
          pupil.destinations = static_cast<std::uint8_t>(pupil.destinations | (1U << k));
    } catch (const FieldError& e) {
      fail(e.what(), e.expected());
    }
    const int reference_year = pupil.left_on ? academic_year_of(*pupil.left_on) : current_year;
    pupil.year7_in = reference_year - (pupil.year_group - 7);
    if (!pupil.is_leaver()) ++roll.on_roll_;
    roll.pupils_.push_back(std::move(pupil));
  }
  // Ids are indexed once every pupil is in place, so the views stay valid.
  roll.index_.reserve(roll.pupils_.size());
  for (std::uint32_t i = 0; i < roll.pupils_.size(); ++i) {
    const auto [it, inserted] = roll.index_.emplace(roll.pupils_[i].id, i);
    if (!inserted) {
      throw data_error({source, roll.pupils_[i].line, "id"},
                       "this id is already used on line " + std::to_string(roll.pupils_[it->second].line), "each pupil once");
    }
  }
  return roll;
}

std::optional<std::uint32_t> Roll::find(std::string_view id) const {
  const auto it = index_.find(id);
  if (it == index_.end()) return std::nullopt;
  return it->second;
}

}  // namespace waymark::gatsby
