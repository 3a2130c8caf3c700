// --since: last term's results held per learner, so that each learner of this term can be told
// apart as new, moved up, moved down or in the same tier, with the change in attendance.
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "waymark/hash_search.hpp"
#include "waymark/large_vector.hpp"
#include "waymark/records.hpp"
#include "waymark/risk/rules.hpp"

namespace waymark::risk {

// How a learner's tier moved since the earlier file: `new` when the earlier file does not list
// them; up is towards intensive support.
enum class TierChange : std::uint8_t { new_learner, up, down, same };
inline constexpr std::size_t tier_change_count = 4;
std::string_view to_string(TierChange change);  // new, up, down, same
std::optional<TierChange> parse_tier_change(std::string_view name);
TierChange tier_change(std::optional<Tier> before, Tier now);

// Attendance now less attendance before, in percentage points rounded to one decimal
// ("-4.5", "2.0", "0.0"), a number in JSON too; empty when either is unknown (NaN).
std::string attendance_change(double before, double now);

// The earlier file's learners as compact results (29 bytes each, whatever the width of the
// rows): a 64-bit hash of the id, the tier, the attendance, the learner's group for --by and
// their place in the file.
// Two different ids share a hash with probability about n^2 / 2^65 (once in ~10^7 pairs of files
// of 10^6 learners), as for the duplicate check. Ids match as written, so ids pseudonymised with
// the same key match each other.
class Snapshot {
 public:
  struct Previous {
    Tier tier;
    double attendance;               // NaN when unknown
    std::uint32_t group;             // see group_values()
    std::uint64_t key = 0;           // the hash of the id (support::learner_key)
    const double* values = nullptr;  // the kept fields' values (keep_fields), in that order
    std::uint32_t tag = 0;           // see tag()
  };

  // Fields whose earlier value the rules compare (fell_by, rose_by): kept for every learner,
  // before the first add.
  void keep_fields(std::vector<Field> fields) { kept_ = std::move(fields); }
  const std::vector<Field>& kept_fields() const { return kept_; }
  void add_values(const double* learner_values);  // after each add: the learner's Learner::values

  // Adds a learner of the earlier file (the caller has checked that each id comes once).
  // `group_values` are the learner's --by values, one per column (none without --by).
  void add(std::string_view id, Tier tier, double attendance, const std::vector<std::string>& group_values = {});
  // After the last add, before the first find.
  void seal();
  // Gives each learner a number of the caller's, tag_of(key), asked in ascending order of key, once
  // sealed; find() and left() return it. --impact keeps where each learner's rows of the support
  // log (sorted by the same key) begin: one pass over both, and no second lookup per learner.
  template <class TagOf>
  void tag(TagOf tag_of) {
    for (auto& e : entries_) e.tag = tag_of(e.hash);
  }

  // The learner's earlier result, now marked as still here; nullopt for a learner new since. An id
  // matches as written and in the form CSV output writes it: "-rf" and "'-rf" (the ' that keeps a
  // spreadsheet from running it as a formula) are one learner, so risk-check's own CSV output
  // given back as --since matches.
  std::optional<Previous> find(std::string_view id);
  // Where the learners came from, for messages.
  std::string source;

  std::size_t size() const { return entries_.size(); }
  // Learners of the earlier file that no find() asked for: those who have left.
  std::vector<Previous> left() const;
  // The --by values of a group number.
  const std::vector<std::string>& group_values(std::uint32_t group) const { return groups_[group]; }

 private:
  struct Entry {
    std::uint64_t hash;
    float attendance;
    std::uint32_t place;  // in the earlier file, from 0
    std::uint16_t group;
    std::uint8_t tier;
    std::uint8_t found;
    std::uint32_t tag;
  };
  static_assert(sizeof(Entry) == 24);
  LargeVector<Entry> entries_;  // sorted by hash once sealed
  HashBuckets index_;
  // A school exports each term's roll from the same report, so this term's learners mostly come
  // in the earlier file's order: the learner after the last one found is fetched from memory
  // while the next learner is read and scored, and tried first.
  LargeVector<std::uint32_t> by_place_;  // place in the earlier file -> entry
  std::size_t next_place_ = 0;
  std::vector<std::vector<std::string>> groups_;  // distinct --by value combinations
  std::vector<Field> kept_;
  LargeVector<double> values_;  // kept_.size() per entry, in the entries' order
};

struct Options;

// Scores the --since file with `rules` (its warnings name it), groups it by options.by, and says
// on standard error which rules both files were scored with.
Snapshot read_snapshot(const Options& options, const Rules& rules);

// What --since adds to each learner of this term.
struct Movement {
  std::optional<Tier> previous_tier;  // nullopt: new since
  TierChange change = TierChange::new_learner;
  std::string attendance_change;
};
Movement movement(Snapshot& before, std::string_view id, Tier tier, double attendance);

// After a run: a --since whose file matched none of this term's `learners` is an error naming the
// likely causes (Error(data)); one that matched fewer than half is a warning with the share. A
// wrong key or id column would otherwise make every learner "new", and --fail-on up never fire.
void check_since_matched(const Snapshot& before, std::size_t learners, std::size_t matched, const MessageSink& warn);

// --fail-on names a tier change ("up") rather than a tier.
bool is_tier_change_word(std::string_view name);

}  // namespace waymark::risk
