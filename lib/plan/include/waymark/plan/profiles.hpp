// Profile columns kept apart from the school's export (a tutor's sheet of aspirations, strengths,
// interests, barriers, support needs, motivations, well-being, key person), joined by id.
#pragma once

#include <map>
#include <optional>
#include <string>

#include "waymark/records.hpp"

namespace waymark::plan {

class Profiles {
 public:
  // Reads a file with an id column and any profile columns; throws Error on bad data.
  static Profiles load(const InputOptions& input);
  // The learner's value of `column`, if the profiles file has that column and a non-empty value.
  std::optional<std::string> find(const std::string& id, std::string_view column) const;

 private:
  std::map<std::string, std::map<std::string, std::string, std::less<>>> by_learner_;
};

}  // namespace waymark::plan
