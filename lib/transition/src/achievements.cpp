#include "waymark/transition/achievements.hpp"

#include <algorithm>

#include "rows.hpp"
#include "waymark/fields.hpp"

namespace waymark::transition {

std::map<std::string, std::vector<Achievement>, std::less<>> read_achievements(const InputFile& file,
                                                                               const std::set<std::string, std::less<>>& movers) {
  const auto reader = open_records(file.input);
  const Columns columns(*reader, file.verbose);
  const auto id = columns.require("id", "the learner's id");
  const auto date = columns.require("date", "when it was achieved");
  const auto area = columns.optional("area");
  const auto achievement = columns.require("achievement", "what the young person achieved");

  std::map<std::string, std::vector<Achievement>, std::less<>> by_id;
  Record record;
  while (reader->next(record)) {
    const auto learner = Columns::text(record, id);
    if (learner.empty()) columns.fail(record, id, "the id is empty", "the id of a learner");
    Achievement item;
    try {
      const auto parsed = parse_date(Columns::text(record, date), file.dates);
      if (!parsed) columns.fail(record, date, "the date is empty", "when it was achieved, such as 2026-03-20");
      item.date = *parsed;
    } catch (const FieldError& e) {
      columns.fail(record, date, e.what(), e.expected());
    }
    item.achievement = Columns::text(record, achievement);
    if (item.achievement.empty()) columns.fail(record, achievement, "the achievement is empty", "what the young person achieved");
    item.area = Columns::text(record, area);
    if (movers.contains(learner)) by_id[std::string(learner)].push_back(std::move(item));
  }
  for (auto& [learner, list] : by_id) {
    std::stable_sort(list.begin(), list.end(), [](const auto& a, const auto& b) { return a.date < b.date; });
  }
  return by_id;
}

}  // namespace waymark::transition
