#include "learner.hpp"

#include <array>
#include <cmath>
#include <fmt/format.h>

#include "waymark/catalogue.hpp"
#include "waymark/errors.hpp"

namespace waymark::risk {

namespace {

// SEN provision as words, or as the DfE census codes N, K and E that school systems export: its
// position in sen_provisions.
std::optional<double> parse_sen(std::string_view text) {
  struct Alias { std::string_view from; double to; };
  static constexpr std::array<Alias, 9> aliases{{{"none", 0}, {"n", 0}, {"no", 0},
                                                 {"sen_support", 1}, {"k", 1}, {"support", 1},
                                                 {"ehcp", 2}, {"e", 2}, {"ehc_plan", 2}}};
  static_assert(sen_provisions[0] == "none" && sen_provisions[1] == "sen_support" && sen_provisions[2] == "ehcp");
  std::array<char, 16> lower{};
  if (text.size() > lower.size()) return std::nullopt;
  for (std::size_t i = 0; i < text.size(); ++i) lower[i] = text[i] >= 'A' && text[i] <= 'Z' ? static_cast<char>(text[i] - 'A' + 'a') : text[i];
  const std::string_view key(lower.data(), text.size());
  for (const auto& alias : aliases)
    if (alias.from == key) return alias.to;
  return std::nullopt;
}

}  // namespace

std::string_view LearnerReader::column_of(Field field) { return field == Field::attendance ? "attendance_pct" : to_string(field); }

LearnerReader::LearnerReader(const RecordReader& reader, DateOrder dates, bool verbose)
    : reader_(reader), dates_(dates), verbose_(verbose) {
  id_ = reader.require_column("id", "a column named id that identifies each learner");
  for (std::size_t i = 0; i < field_count; ++i) {
    const auto field = static_cast<Field>(i);
    if (const auto column = reader.find_column(column_of(field))) present_.push_back({field, kind_of(field), *column});
  }
  sessions_possible_ = reader.find_column("sessions_possible");
  sessions_attended_ = reader.find_column("sessions_attended");
  date_of_birth_ = reader.find_column("date_of_birth");
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
    learner.values.fill(Learner::unknown);
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
        case Kind::count: value = static_cast<double>(*parse_count(text)); break;
        case Kind::flag: value = *parse_bool(text) ? 1 : 0; break;
        case Kind::category: {
          const auto sen = parse_sen(text);
          if (!sen) fail("not a SEN provision", "none, sen_support or ehcp; or the census codes N, K, E");
          value = *sen;
          break;
        }
        case Kind::codes:
          split_list(text, codes_);
          for (const auto code : codes_) {
            const auto index = Catalogue::builtin().risk_factor_index(code);
            if (!index) {
              fail("unknown risk-factor code (item " + std::to_string(learner.reported_factors.size() + 1) + " of the list)",
                   "codes of the taxonomy separated by ';', such as personal.low_motivation");
            }
            learner.reported_factors.push_back(*index);
          }
          value = static_cast<double>(learner.reported_factors.size());
          break;
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
  } catch (const FieldError& e) {
    fail(e.what(), e.expected());
  }
}

}  // namespace waymark::risk
