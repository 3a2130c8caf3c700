#include "waymark/risk/learner.hpp"

#include <algorithm>
#include <array>
#include <cmath>
#include <fmt/format.h>

#include "waymark/catalogue.hpp"
#include "waymark/codes.hpp"
#include "waymark/errors.hpp"
#include "waymark/headings.hpp"
#include "waymark/support/log.hpp"

namespace waymark::risk {

std::string_view LearnerReader::column_of(Field field) { return field == Field::attendance ? "attendance_pct" : to_string(field); }

LearnerReader::LearnerReader(const RecordReader& reader, const Catalogue& catalogue, DateOrder dates, bool verbose)
    : reader_(reader), catalogue_(catalogue), dates_(dates), verbose_(verbose) {
  id_ = reader.require_column("id", "a column named id that identifies each learner");
  for (std::size_t i = 0; i < field_count; ++i) {
    const auto field = static_cast<Field>(i);
    if (const auto column = reader.find_column(column_of(field))) present_.push_back({field, kind_of(field), *column});
  }
  sessions_possible_ = reader.find_column("sessions_possible");
  // (declared fields are added by the other constructor)
  sessions_attended_ = reader.find_column("sessions_attended");
  date_of_birth_ = reader.find_column("date_of_birth");
  absence_hours_ = reader.find_column("absence_hours");
  annual_hours_ = reader.find_column("annual_hours");
  absence_pct_ = reader.find_column("absence_pct");
  absence_days_ = reader.find_column("absence_days");
  school_days_ = reader.find_column("school_days");
  codice_fiscale_ = reader.find_column("codice_fiscale");
}

bool LearnerReader::attendance_derivable() const {
  return (sessions_possible_ && sessions_attended_) || (absence_hours_ && annual_hours_) || absence_pct_ || (absence_days_ && school_days_);
}

LearnerReader::LearnerReader(const RecordReader& reader, const Rules& rules, DateOrder dates, bool verbose, std::int32_t as_of)
    : LearnerReader(reader, *rules.catalogue, dates, verbose) {
  fields_ = rules.field_total();
  as_of_ = as_of;
  for (std::size_t i = 0; i < rules.fields.size(); ++i) {
    const auto& own = rules.fields[i];
    if (own.source != RuleField::Source::declared) continue;
    if (const auto column = reader.find_column(own.name))
      present_.push_back({static_cast<Field>(field_count + i), own.kind, *column, &own});
  }
}

void LearnerReader::check_columns(const Rules& rules, const MessageSink& warn, bool require_all) const {
  const auto has_column = [&](Field field) {
    return std::any_of(present_.begin(), present_.end(), [&](const PresentField& column) { return column.field == field; }) ||
           (field == Field::attendance && attendance_derivable());
  };
  // Fields worked out rather than read (a change since --since, a count of events) have no column.
  const auto column_of = [&](Field field) { return rules.name_of(field); };
  std::vector<Field> used, absent;
  for (std::size_t i = 0; i < rules.field_total(); ++i) {
    const auto* own = rules.rule_field(static_cast<Field>(i));
    if (!rules.uses_field[i] || (own && own->source != RuleField::Source::declared)) continue;
    used.push_back(static_cast<Field>(i));
    if (!has_column(used.back())) absent.push_back(used.back());
  }
  if (!used.empty() && absent.size() == used.size()) {
    std::string looked;
    for (const auto field : used) looked += fmt::format("\n  {}: {}", column_of(field), reader_.headings_looked_for(column_of(field)));
    throw data_error({reader_.source_name(), reader_.header_line(), {}},
                     "none of the columns the rules read is here, so no learner could be scored; looked for:" + looked,
                     "name the school's headings with --columns, or see --show-columns");
  }
  if (absent.empty()) return;
  std::string names;
  for (const auto field : absent) names += (names.empty() ? "" : ", ") + std::string(column_of(field));
  // Headings the file has but waymark does not read, which may be what is missing: named, never guessed.
  for (std::size_t column = 0; warn && column < reader_.columns().size(); ++column) {
    std::vector<std::string> fields, lines;
    std::string why;
    for (const auto& possible : reader_.may_be(column)) {
      if (std::none_of(absent.begin(), absent.end(), [&](Field field) { return column_of(field) == possible.field; })) continue;
      fields.push_back(possible.field);
      lines.push_back(fmt::format("'{} = {}'", possible.field, reader_.columns()[column]));
      if (why.empty()) why = possible.why;
    }
    if (fields.empty()) continue;
    const auto either = [](const std::vector<std::string>& items) {
      std::string said;
      for (std::size_t i = 0; i < items.size(); ++i) said += (i == 0 ? "" : i + 1 == items.size() ? " or " : ", ") + items[i];
      return said;
    };
    warn(
        fmt::format("{}: column '{}' is not read, but may be {}, which the rules test and no column gives{}; waymark does not guess: "
                    "if it is, map it with the --columns line {}",
                    reader_.source_name(), reader_.columns()[column], either(fields), why.empty() ? "" : " (" + why + ")", either(lines)));
  }
  if (require_all) {
    std::string looked;
    for (const auto field : absent) looked += fmt::format("\n  {}: {}", column_of(field), reader_.headings_looked_for(column_of(field)));
    throw data_error({reader_.source_name(), reader_.header_line(), {}},
                     fmt::format("no column for {}, which the rules test (--require-all-fields); looked for:{}", names, looked),
                     "a column for every field the rules test: name the school's headings with --columns, or see --show-columns");
  }
  if (!warn) return;
  warn(fmt::format("{}: no column for {}: {} unknown for every learner (--show-columns lists what was read)", reader_.source_name(), names,
                   absent.size() == 1 ? "it is" : "they are"));
}

void LearnerReader::read(const Record& record, Learner& learner) const {
  std::size_t at = id_;
  // Every parse error gets the record's place and the column; the value only with --verbose.
  auto fail = [&](const std::string& problem, const std::string& expected) -> void {
    throw value_error(reader_, record, at, problem, expected, verbose_);
  };
  try {
    learner.id = id_of(record);
    learner.line = record.line;
    if (learner.id.empty()) fail("the id is empty", "every learner with an id");
    if (date_of_birth_) {
      at = *date_of_birth_;
      parse_date(record.values[at], dates_);
    }
    learner.reported_factors.clear();
    std::fill_n(learner.values.begin(), fields_, Learner::unknown);
    for (const auto& column : present_) {
      auto& value = learner.values[static_cast<std::size_t>(column.field)];
      at = column.at;
      const std::string_view text = trim(record.values[at]);
      // An empty list is a list of nothing; an empty value of any other field is unknown.
      if (text.empty()) {
        if (column.kind == Kind::codes) value = 0;
        continue;
      }
      switch (column.kind) {
        case Kind::percent: value = *parse_percent(text); break;
        case Kind::number: value = *parse_number(text); break;
        case Kind::date: value = static_cast<double>(as_of_ - support::day_of(*parse_date(text, dates_))); break;
        case Kind::count: value = static_cast<double>(*parse_count(text)); break;
        case Kind::flag: value = *parse_bool(text) ? 1 : 0; break;
        case Kind::category: {
          if (column.declared) {
            const auto& codes = column.declared->codes;
            const auto folded = fold_heading(text);
            const auto it = std::find_if(codes.begin(), codes.end(), [&](const std::string& code) { return fold_heading(code) == folded; });
            if (it == codes.end()) fail("not a code of " + column.declared->name, fmt::format("one of {}", fmt::join(codes, ", ")));
            value = static_cast<double>(it - codes.begin());
            break;
          }
          const auto sen = parse_sen_provision(text);
          if (!sen) fail("not a SEN provision", std::string(sen_provision_expected));
          value = static_cast<double>(*sen);
          break;
        }
        case Kind::codes:
          split_list(text, codes_);
          for (const auto code : codes_) {
            const auto index = catalogue_.risk_factor_index(code);
            if (!index) {
              fail("unknown risk-factor code (item " + std::to_string(learner.reported_factors.size() + 1) + " of the list)",
                   "codes of the taxonomy separated by ';', such as personal.low_motivation");
            }
            learner.reported_factors.push_back(*index);
          }
          value = static_cast<double>(learner.reported_factors.size());
          break;
      }
      // A declared field's own range: out of it is a slip, refused as a bad percentage is.
      if (column.declared && (column.kind == Kind::number || column.kind == Kind::percent) &&
          (value < column.declared->min || value > column.declared->max)) {
        fail(fmt::format("out of the range of {}", column.declared->name),
             fmt::format("a number from {} to {}", format_number(column.declared->min, 2), format_number(column.declared->max, 2)));
      }
    }
    // Session counts are checked whenever present; they give attendance when no percentage does.
    auto& attendance = learner.values[static_cast<std::size_t>(Field::attendance)];
    if (sessions_possible_ && sessions_attended_) {
      at = *sessions_possible_;
      const auto possible = parse_count(record.values[at]);
      at = *sessions_attended_;
      const auto attended = parse_count(record.values[at]);
      if (possible && attended) {
        if (*possible == 0) {
          at = *sessions_possible_;
          fail("no possible sessions", "sessions_possible above 0");
        }
        if (*attended > *possible) fail("more sessions attended than possible", "sessions_attended <= sessions_possible");
      }
      if (possible && attended && std::isnan(attendance)) {
        // Unrounded: persistent absence is 10% or more of sessions missed, so 287 of 319 (89.97%)
        // is persistent absence although it rounds to 90.0%.
        attendance = 100.0 * static_cast<double>(*attended) / static_cast<double>(*possible);
      }
    }
    learner.attendance_from = Learner::AttendanceFrom::read;
    // Absence counted against a total, as Italian schools count it: hours of absence of the
    // personalised annual hours (monte ore, DPR 122/2009 art. 14 c. 7), or days of the school
    // days. Checked whenever present; they give attendance when nothing above did.
    const auto absence_of = [&](std::optional<std::size_t> absent_column, std::optional<std::size_t> total_column, const char* absent_name,
                                const char* total_name, const char* unit, Learner::AttendanceFrom from) {
      if (!absent_column || !total_column) return;
      at = *total_column;
      const auto total = parse_number(record.values[at]);
      if (total && *total <= 0) fail(fmt::format("no {} to count absence against", unit), fmt::format("{} above 0", total_name));
      at = *absent_column;
      const auto absent = parse_number(record.values[at]);
      if (absent && *absent < 0) fail(fmt::format("negative {} of absence", unit), fmt::format("{} of 0 or more", absent_name));
      if (!absent || !total) return;
      if (*absent > *total)
        fail(fmt::format("more {} of absence than {} in the year", unit, unit), fmt::format("{} <= {}", absent_name, total_name));
      if (!std::isnan(attendance)) return;
      attendance = 100.0 * (*total - *absent) / *total;
      learner.attendance_from = from, learner.absent = *absent, learner.out_of = *total;
    };
    absence_of(absence_hours_, annual_hours_, "absence_hours", "annual_hours", "hours", Learner::AttendanceFrom::hours);
    if (absence_pct_) {
      at = *absence_pct_;
      const auto absent = parse_percent(record.values[at]);
      if (absent && std::isnan(attendance)) {
        attendance = 100.0 - *absent;
        learner.attendance_from = Learner::AttendanceFrom::absence_pct, learner.absent = *absent, learner.out_of = 100;
      }
    }
    absence_of(absence_days_, school_days_, "absence_days", "school_days", "days", Learner::AttendanceFrom::days);
    if (codice_fiscale_) {
      at = *codice_fiscale_;
      check_codice_fiscale(record.values[at]);
    }
  } catch (const FieldError& e) {
    fail(e.what(), e.expected());
  }
}

}  // namespace waymark::risk
