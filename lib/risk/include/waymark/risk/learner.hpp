// A learner record read into the typed fields the rules test (columns: man 5 waymark-records).
#pragma once

#include <array>
#include <cmath>
#include <cstdint>
#include <limits>
#include <optional>
#include <string_view>
#include <vector>

#include "waymark/fields.hpp"
#include "waymark/records.hpp"
#include "waymark/risk/rules.hpp"

namespace waymark::risk {

// A learner's fields as the rules see them: each one number, so that every test is a range check
// (Condition::low and high). Attendance is a percentage, counts are counts, yes is 1 and no 0, SEN
// provision is its position in sen_provisions, reported_factors is how many; unknown is NaN.
struct Learner {
  static constexpr double unknown = std::numeric_limits<double>::quiet_NaN();

  std::string_view id;
  long line = 0;
  // The built-in fields, then the rules' own (Rules::fields).
  std::array<double, max_fields> values = [] {
    std::array<double, max_fields> all;
    all.fill(unknown);
    return all;
  }();
  std::vector<std::size_t> reported_factors;  // positions in the catalogue's taxonomy
  // How attendance was worked out when no percentage or session counts gave it, for its reason:
  // from hours of absence of the annual hours (monte ore), from a percentage of absence, or from
  // days of absence of the school days; `absent` and `out_of` are the two numbers read.
  enum class AttendanceFrom : std::uint8_t { read, hours, absence_pct, days };
  AttendanceFrom attendance_from = AttendanceFrom::read;
  double absent = 0, out_of = 0;

  double operator[](Field field) const { return values[static_cast<std::size_t>(field)]; }
  bool known(Field field) const { return !std::isnan((*this)[field]); }
};

// Knows where each field is in the reader's columns; reads and checks one record at a time.
class LearnerReader {
 public:
  // Throws Error(data) if there is no id column.
  // Reported risk-factor codes are those of `catalogue`, which must outlive the reader.
  // `verbose`: messages quote the offending value (which may be personal data).
  LearnerReader(const RecordReader& reader, const Catalogue& catalogue, DateOrder dates, bool verbose = false);
  // Also reads the fields `rules` declare (Rules::fields); a date field is read as the days from
  // it to `as_of` (days since 1970-01-01). `rules` must outlive the reader.
  LearnerReader(const RecordReader& reader, const Rules& rules, DateOrder dates, bool verbose, std::int32_t as_of);

  // Refuses (Error(data), listing the headings looked for) an input with a column for none of the
  // fields `rules` test, and warns once for each such field without a column: its values are all
  // unknown, so a learner is never scored on nothing without a word. An unused heading that may
  // be such a field ('Exclusions') is named with the --columns line that would map it. With
  // `require_all` (--require-all-fields) a field without a column is an error instead.
  void check_columns(const Rules& rules, const MessageSink& warn, bool require_all = false) const;

  // Reads `record` into `learner`; throws Error(data) naming line and column on a bad value.
  void read(const Record& record, Learner& learner) const;

  // The column a user fills for `field` (attendance: attendance_pct).
  static std::string_view column_of(Field field);
  // The learner's id as read (trimmed), before the rest of the record is read.
  std::string_view id_of(const Record& record) const { return trim(record.values[id_]); }

 private:
  const RecordReader& reader_;
  const Catalogue& catalogue_;
  DateOrder dates_;
  bool verbose_;
  std::size_t id_ = 0;
  struct PresentField {
    Field field;
    Kind kind;
    std::size_t at;                       // its column
    const RuleField* declared = nullptr;  // a field the rules declare: its range and codes
  };
  std::size_t fields_ = field_count;  // how many of Learner::values are read or worked out
  std::int32_t as_of_ = 0;
  std::vector<PresentField> present_;  // the fields whose column the input has
  std::optional<std::size_t> sessions_possible_, sessions_attended_, date_of_birth_;
  // Italian registers' columns: attendance from hours or days of absence, and the codice fiscale,
  // whose shape is checked so that a misplaced column is noticed.
  std::optional<std::size_t> absence_hours_, annual_hours_, absence_pct_, absence_days_, school_days_, codice_fiscale_;
  bool attendance_derivable() const;
  mutable std::vector<std::string_view> codes_;  // scratch: the reported codes of the record being read
};

}  // namespace waymark::risk
