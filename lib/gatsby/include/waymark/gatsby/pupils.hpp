// The pupils file (man 5 waymark-records, PUPIL RECORD): who is on roll, in which year group, and
// for leavers where they went. Held in memory for the whole run: the audit's state is per pupil.
#pragma once

#include <chrono>
#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <unordered_map>
#include <vector>

#include "waymark/fields.hpp"
#include "waymark/records.hpp"

namespace waymark::gatsby {

// Yes, no or unknown (an empty cell is never "no").
enum class Answer : std::uint8_t { unknown, no, yes };

struct Pupil {
  std::string id;
  // For letters and lists per form (--gaps); empty when the pupils file has no such column.
  std::string given_name, family_name, tutor_group;
  long line = 0;       // where the pupil is in the pupils file
  int year_group = 0;  // on roll: in the academic year of --as-of; leavers: when they left
  int year7_in = 0;    // the academic year in which the pupil was (or will be) in Year 7
  Answer send = Answer::unknown;
  Answer considering_he = Answer::unknown;
  std::optional<std::chrono::year_month_day> left_on;
  std::uint8_t destinations = 0;  // bit k-1 set: destination_{k}y is recorded

  bool is_leaver() const { return left_on.has_value(); }
  // The academic year in which the pupil is in `year_group`.
  int academic_year_in(int group) const { return year7_in + (group - 7); }
  // The pupil's year group during academic year `year` (below 7 or above 13 outside secondary school).
  int year_group_in(int year) const { return 7 + (year - year7_in); }
  bool has_destination(int years_after) const { return (destinations >> (years_after - 1)) & 1U; }
};

struct PupilOptions {
  InputOptions input;
  DateOrder dates = DateOrder::iso;
  std::chrono::year_month_day as_of;
  bool verbose = false;
};

class Roll {
 public:
  // Reads the whole pupils file. Throws Error(data) naming file, line and column on a bad value,
  // a repeated id, a year group outside 7 to 13, or a date after as_of.
  static Roll read(const PupilOptions& options);

  const std::vector<Pupil>& pupils() const { return pupils_; }
  // Position of the pupil with this id, if there is one.
  std::optional<std::uint32_t> find(std::string_view id) const;
  std::size_t on_roll() const { return on_roll_; }
  // Which of given_name, family_name and tutor_group the pupils file has.
  bool has_given_name() const { return has_given_name_; }
  bool has_family_name() const { return has_family_name_; }
  bool has_tutor_group() const { return has_tutor_group_; }
  std::size_t leavers() const { return pupils_.size() - on_roll_; }

 private:
  std::vector<Pupil> pupils_;
  // Keys view the ids held by pupils_, which is not resized after reading.
  std::unordered_map<std::string_view, std::uint32_t> index_;
  std::size_t on_roll_ = 0;
  bool has_given_name_ = false, has_family_name_ = false, has_tutor_group_ = false;
};

// A boolean cell, also accepting the DfE SEN provision codes N (no), K and E (yes) for send.
Answer parse_answer(std::string_view text, bool sen_codes);

}  // namespace waymark::gatsby
