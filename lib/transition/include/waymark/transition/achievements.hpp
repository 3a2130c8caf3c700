// The achievements file (man 5 waymark-records, ACHIEVEMENTS): what a young person has done well,
// for the academic record. Rows of learners who are not moving are read and checked, then dropped.
#pragma once

#include <map>
#include <set>
#include <string>
#include <vector>

#include "waymark/transition/checklist.hpp"
#include "waymark/transition/input_file.hpp"

namespace waymark::transition {

struct Achievement {
  Date date;
  std::string area;  // a subject, or personal, social ...
  std::string achievement;
};

// Achievements of the learners in `movers`, by id, oldest first. Throws Error(data) naming the
// line and column of a date that is not a date or an empty achievement.
std::map<std::string, std::vector<Achievement>, std::less<>> read_achievements(const InputFile& file,
                                                                               const std::set<std::string, std::less<>>& movers);

}  // namespace waymark::transition
