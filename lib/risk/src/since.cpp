#include "waymark/risk/since.hpp"

#include <algorithm>
#include <array>
#include <cmath>
#include <fmt/format.h>
#include <functional>
#include <limits>

#include "waymark/errors.hpp"
#include "waymark/fields.hpp"
#include "waymark/record_writer.hpp"
#include "waymark/risk/cohort.hpp"
#include "waymark/support/log.hpp"

namespace waymark::risk {

namespace {

constexpr std::array<std::string_view, tier_change_count> change_names{"new", "up", "down", "same"};

// The support log keys learners the same way, so that a leaver found here is found there; an id
// as CSV output guarded it ('-rf) is the same learner as the id written plainly.
std::uint64_t id_hash(std::string_view id) { return support::learner_key(id); }

}  // namespace

std::string_view to_string(TierChange change) { return change_names[static_cast<std::size_t>(change)]; }

std::optional<TierChange> parse_tier_change(std::string_view name) {
  for (std::size_t i = 0; i < change_names.size(); ++i)
    if (change_names[i] == name) return static_cast<TierChange>(i);
  return std::nullopt;
}

TierChange tier_change(std::optional<Tier> before, Tier now) {
  if (!before) return TierChange::new_learner;
  return now > *before ? TierChange::up : now < *before ? TierChange::down : TierChange::same;
}

std::string attendance_change(double before, double now) {
  if (std::isnan(before) || std::isnan(now)) return {};
  const double points = std::round((now - before) * 10.0) / 10.0;
  return fmt::format("{:.1f}", points == 0.0 ? 0.0 : points);  // never "-0.0"
}

void Snapshot::add(std::string_view id, Tier tier, double attendance, const std::vector<std::string>& group_values) {
  std::size_t group = 0;
  if (!group_values.empty()) {
    group = static_cast<std::size_t>(std::find(groups_.begin(), groups_.end(), group_values) - groups_.begin());
    if (group == groups_.size()) {
      if (group > 0xffff) throw Error(ErrorKind::bad_data, "--by: more than 65,536 combinations of group values in the --since file");
      groups_.push_back(group_values);
    }
  }
  if (entries_.size() >= std::numeric_limits<std::uint32_t>::max())
    throw Error(ErrorKind::bad_data, "--since: more than 4,294,967,295 learners");
  entries_.push_back({id_hash(id), static_cast<float>(attendance), static_cast<std::uint32_t>(entries_.size()),
                      static_cast<std::uint16_t>(group), static_cast<std::uint8_t>(tier), 0, 0});
}

void Snapshot::add_values(const double* learner_values) {
  for (const auto field : kept_) values_.push_back(learner_values[static_cast<std::size_t>(field)]);
}

void Snapshot::seal() {
  // The kept values stay in the order learners were added; an entry finds its own by its place.
  std::sort(entries_.begin(), entries_.end(), [](const Entry& a, const Entry& b) { return a.hash < b.hash; });
  index_.build(entries_, [](const Entry& e) { return e.hash; });
  by_place_.resize(entries_.size());
  for (std::size_t e = 0; e < entries_.size(); ++e) by_place_[entries_[e].place] = static_cast<std::uint32_t>(e);
}

std::optional<Snapshot::Previous> Snapshot::find(std::string_view id) {
  const auto hash = id_hash(id);
  auto at = entries_.end();
  if (next_place_ < by_place_.size() && entries_[by_place_[next_place_]].hash == hash)
    at = entries_.begin() + by_place_[next_place_];
  else
    at = index_.lower_bound(entries_, hash, [](const Entry& e) { return e.hash; });
  if (at == entries_.end() || at->hash != hash) return std::nullopt;
  next_place_ = at->place + std::size_t{1};
#if defined(__GNUC__)
  if (next_place_ < by_place_.size()) __builtin_prefetch(&entries_[by_place_[next_place_]]);
#endif
  at->found = 1;
  return Previous{static_cast<Tier>(at->tier),
                  static_cast<double>(at->attendance),
                  at->group,
                  at->hash,
                  kept_.empty() ? nullptr : values_.data() + std::size_t{at->place} * kept_.size(),
                  at->tag};
}

std::vector<Snapshot::Previous> Snapshot::left() const {
  std::vector<Previous> gone;
  for (const auto& e : entries_)
    if (!e.found) gone.push_back({static_cast<Tier>(e.tier), static_cast<double>(e.attendance), e.group, e.hash, nullptr, e.tag});
  return gone;
}

Snapshot read_snapshot(const Options& options, const Rules& rules) {
  if (options.since_path == "-" && options.common.input == "-")
    throw Error(ErrorKind::usage, "--since and the input cannot both be standard input");
  Options earlier = options;
  earlier.common.input = options.since_path;
  earlier.common.input_format = "auto";  // last term's file may be risk-check's JSON output
  earlier.events_path.clear();           // --events are counted up to --as-of, this term's day, so not for the earlier file
  earlier.earlier_file = true;
  CohortScan scan(earlier, rules);
  const auto by_columns = group_columns(scan.reader(), options.by);
  std::vector<std::string> values(by_columns.size());
  Snapshot snapshot;
  std::vector<Field> compared;  // fields whose change the rules test
  for (const auto& own : rules.fields)
    if (own.source == RuleField::Source::change) compared.push_back(own.of);
  snapshot.keep_fields(compared);
  while (scan.next()) {
    for (std::size_t g = 0; g < by_columns.size(); ++g) {
      const auto value = trim(scan.record().values[by_columns[g]]);
      values[g] = value.empty() ? std::string("(unknown)") : std::string(value);
    }
    snapshot.add(scan.learner().id, scan.assessment().tier, scan.learner()[Field::attendance], values);
    if (!compared.empty()) snapshot.add_values(scan.learner().values.data());
  }
  snapshot.seal();
  snapshot.source = scan.reader().source_name();
  if (options.common.warn) {
    options.common.warn(
        fmt::format("--since: this term and {} are both scored with {}; tiers and attendance are compared "
                    "by id, as written",
                    scan.reader().source_name(),
                    options.rules_path.empty() ? std::string("the default rules (--print-rules)") : "the rules in " + options.rules_path));
  }
  return snapshot;
}

Movement movement(Snapshot& before, std::string_view id, Tier tier, double attendance) {
  const auto previous = before.find(id);
  Movement m;
  if (previous) m.previous_tier = previous->tier;
  m.change = tier_change(m.previous_tier, tier);
  m.attendance_change = previous ? attendance_change(previous->attendance, attendance) : std::string{};
  return m;
}

void check_since_matched(const Snapshot& before, std::size_t learners, std::size_t matched, const MessageSink& warn) {
  if (learners == 0) return;
  if (matched == 0) {
    throw Error(ErrorKind::bad_data,
                fmt::format("--since {}: none of the {} learners here is among its {}, so every one would be \"new\" "
                            "(expected the same learners' ids: was one file pseudonymised with another key, or are its ids in "
                            "another column? --show-columns shows which column is read as the id)",
                            before.source, learners, before.size()));
  }
  if (matched * 2 < learners && warn) {
    warn(
        fmt::format("--since {}: only {} of the {} learners here ({:.1f}%) are in it; the others are counted as new "
                    "(check the ids are the same kind, such as UPNs in both files, pseudonymised with the same key)",
                    before.source, matched, learners, 100.0 * static_cast<double>(matched) / static_cast<double>(learners)));
  }
}

bool is_tier_change_word(std::string_view name) { return parse_tier_change(name).has_value(); }

}  // namespace waymark::risk
