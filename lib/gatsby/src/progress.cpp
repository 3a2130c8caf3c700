#include "waymark/gatsby/progress.hpp"

#include <algorithm>
#include <cctype>

namespace waymark::gatsby {

namespace {

constexpr int years_in_school = 7;  // Years 7 to 13

std::size_t bytes_for(const Rule& rule) {
  switch (rule.type) {
    case RuleType::each_year: return rule.min_in_subject > 0 ? 2 * years_in_school : years_in_school;
    case RuleType::by_year: return 1;
    case RuleType::providers_by: return 1;
    case RuleType::destinations: return 0;  // from the pupils file, not the log
  }
  return 0;
}

bool same_ignoring_case(std::string_view a, std::string_view b) {
  return a.size() == b.size() && std::equal(a.begin(), a.end(), b.begin(), [](char x, char y) {
           return std::tolower(static_cast<unsigned char>(x)) == std::tolower(static_cast<unsigned char>(y));
         });
}

bool subject_matches(const Rule& rule, std::string_view subject) {
  if (rule.subjects.empty()) return true;
  return std::any_of(rule.subjects.begin(), rule.subjects.end(), [&](const std::string& s) { return same_ignoring_case(s, subject); });
}

}  // namespace

Progress::Progress(const std::vector<const Criterion*>& criteria, std::size_t pupils) {
  for (const auto* criterion : criteria) {
    if (!criterion->per_pupil) continue;
    const std::size_t bytes = bytes_for(criterion->rule);
    if (bytes == 0) continue;
    for (std::size_t k = 0; k < kind_count; ++k)
      if (criterion->rule.counts(static_cast<Kind>(k))) slots_by_kind_[k].push_back(slots_.size());
    if (criterion->rule.meaningful) meaningful_kinds_ = static_cast<std::uint8_t>(meaningful_kinds_ | criterion->rule.kinds);
    slots_.push_back({criterion, stride_});
    stride_ += bytes;
  }
  state_.assign(stride_ * pupils, 0);
}

bool Progress::record(const Pupil& pupil, const Activity& activity) {
  const int year_group = pupil.year_group_in(activity.academic_year);
  if (year_group < 7 || year_group > 13) return false;
  std::uint8_t* state = state_.data() + stride_ * activity.pupil;
  for (const std::size_t position : slots_by_kind_[static_cast<std::size_t>(activity.kind)]) {
    const auto& slot = slots_[position];
    const Rule& rule = slot.criterion->rule;
    if (year_group < rule.from_year || year_group > rule.to_year) continue;
    if (rule.meaningful && activity.meaningful != Answer::yes) continue;
    if (!subject_matches(rule, activity.subject)) continue;
    std::uint8_t* counters = state + slot.offset;
    switch (rule.type) {
      case RuleType::each_year: {
        const auto index = static_cast<std::size_t>(year_group - 7);
        increment(counters[index]);
        if (rule.min_in_subject > 0 && !activity.subject.empty()) increment(counters[years_in_school + index]);
        break;
      }
      case RuleType::by_year: increment(counters[0]); break;
      case RuleType::providers_by: {
        // A university visit is an encounter with a university even when the log names no type.
        const auto type = activity.provider_type                    ? activity.provider_type
                          : activity.kind == Kind::university_visit ? std::optional(ProviderType::university)
                                                                    : std::nullopt;
        if (type) counters[0] = static_cast<std::uint8_t>(counters[0] | (1U << static_cast<unsigned>(*type)));
        break;
      }
      case RuleType::destinations: break;
    }
  }
  return true;
}

const std::uint8_t* Progress::state_of(std::uint32_t pupil, const Criterion& criterion) const {
  for (const auto& slot : slots_)
    if (slot.criterion == &criterion) return state_.data() + stride_ * pupil + slot.offset;
  return nullptr;
}

int Progress::count_in_year(std::uint32_t pupil, const Criterion& criterion, int year_group) const {
  const auto* state = state_of(pupil, criterion);
  return state ? state[year_group - 7] : 0;
}

int Progress::subject_count_in_year(std::uint32_t pupil, const Criterion& criterion, int year_group) const {
  const auto* state = state_of(pupil, criterion);
  return state && criterion.rule.min_in_subject > 0 ? state[years_in_school + (year_group - 7)] : 0;
}

int Progress::count(std::uint32_t pupil, const Criterion& criterion) const {
  const auto* state = state_of(pupil, criterion);
  return state ? state[0] : 0;
}

std::uint8_t Progress::providers_met(std::uint32_t pupil, const Criterion& criterion) const {
  const auto* state = state_of(pupil, criterion);
  return state ? state[0] : 0;
}

}  // namespace waymark::gatsby
