// Per-pupil state while the careers log streams past: for each criterion, the few counters its rule
// needs (a count per year group, one count, or the provider ranges met), in one flat array. Memory
// is pupils x bytes-per-pupil (tens of bytes), whatever the length of the log.
#pragma once

#include <array>
#include <cstdint>
#include <optional>
#include <string_view>
#include <vector>

#include "waymark/gatsby/framework.hpp"
#include "waymark/gatsby/pupils.hpp"

namespace waymark::gatsby {

// One row of the careers log, as far as the rules need it.
struct Activity {
  std::uint32_t pupil = 0;
  Kind kind = Kind::employer_encounter;
  int academic_year = 0;
  Answer meaningful = Answer::unknown;
  std::optional<ProviderType> provider_type;
  std::string_view subject;  // lower case compared; empty: not through a curriculum subject
};

class Progress {
 public:
  // `criteria`: the per-pupil criteria being checked (others are ignored).
  Progress(const std::vector<const Criterion*>& criteria, std::size_t pupils);

  // Counts the activity toward every criterion it satisfies. Returns false (and counts nothing)
  // when it falls outside the pupil's Years 7 to 13.
  bool record(const Pupil& pupil, const Activity& activity);

  // Matching activities for `criterion` while `pupil` was in `year_group` (each_year rules).
  int count_in_year(std::uint32_t pupil, const Criterion& criterion, int year_group) const;
  // ... of them through a curriculum subject (each_year rules with min_in_subject).
  int subject_count_in_year(std::uint32_t pupil, const Criterion& criterion, int year_group) const;
  // Matching activities in the rule's year groups (by_year rules).
  int count(std::uint32_t pupil, const Criterion& criterion) const;
  // Provider types met in the rule's year groups, a bit per ProviderType (providers_by rules).
  std::uint8_t providers_met(std::uint32_t pupil, const Criterion& criterion) const;

  // Whether some criterion counts this kind only when it is meaningful.
  bool needs_meaningful(Kind kind) const { return (meaningful_kinds_ >> static_cast<unsigned>(kind)) & 1U; }

  std::size_t bytes_per_pupil() const { return stride_; }

 private:
  struct Slot {
    const Criterion* criterion;
    std::size_t offset;
  };
  const std::uint8_t* state_of(std::uint32_t pupil, const Criterion& criterion) const;
  static void increment(std::uint8_t& counter) {
    if (counter < 255) ++counter;  // rules ask for a few; 255 means "at least 255"
  }

  std::vector<Slot> slots_;
  std::array<std::vector<std::size_t>, kind_count> slots_by_kind_;  // positions in slots_
  std::size_t stride_ = 0;
  std::uint8_t meaningful_kinds_ = 0;  // bit per Kind
  std::vector<std::uint8_t> state_;
};

}  // namespace waymark::gatsby
