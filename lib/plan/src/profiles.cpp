#include "waymark/plan/profiles.hpp"

#include "waymark/errors.hpp"
#include "waymark/fields.hpp"

namespace waymark::plan {

Profiles Profiles::load(const InputOptions& input) {
  const auto reader = open_records(input);
  const auto id = reader->require_column("id", "id and profile columns");
  Profiles profiles;
  Record record;
  while (reader->next(record)) {
    auto& profile = profiles.by_learner_[std::string(trim(record.values[id]))];
    for (std::size_t i = 0; i < record.values.size(); ++i)
      if (i != id && !trim(record.values[i]).empty()) profile[reader->columns()[i]] = std::string(trim(record.values[i]));
  }
  return profiles;
}

std::optional<std::string> Profiles::find(const std::string& id, std::string_view column) const {
  const auto learner = by_learner_.find(id);
  if (learner == by_learner_.end()) return std::nullopt;
  const auto value = learner->second.find(column);
  if (value == learner->second.end()) return std::nullopt;
  return value->second;
}

}  // namespace waymark::plan
