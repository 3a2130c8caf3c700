#include "waymark/plan/targets.hpp"

#include <fmt/format.h>

#include <algorithm>

#include "waymark/errors.hpp"

namespace waymark::plan {

TargetBook TargetBook::load(const InputOptions& input, DateOrder dates, bool verbose) {
  const auto reader = open_records(input);
  const std::string expected = "columns id, stage, area, target, measure, owner, due, support";
  const std::size_t id = reader->require_column("id", expected), target = reader->require_column("target", expected);
  const auto stage = reader->find_column("stage"), area = reader->find_column("area"), measure = reader->find_column("measure"),
             owner = reader->find_column("owner"), due = reader->find_column("due"), support = reader->find_column("support");

  TargetBook book;
  Record record;
  while (reader->next(record)) {
    const auto text = [&](std::optional<std::size_t> at) { return at ? std::string(trim(record.values[*at])) : std::string{}; };
    const std::string learner = text(id);
    const std::string source = fmt::format("{}:{}", reader->source_name(), record.line);
    if (learner.empty()) throw data_error({reader->source_name(), record.line, "id"}, "a target without a learner id", "the learner's id");
    Target item{text(area), text(target), text(measure), text(owner), text(support), std::nullopt, source, record.line};
    if (due) {
      try {
        item.due = parse_date(record.values[*due], dates);
      } catch (const FieldError& e) {
        throw value_error(*reader, record, *due, e.what(), e.expected(), verbose);
      }
    }
    auto& stages = book.by_learner_[learner];
    std::string stage_name = text(stage);
    auto it = std::find_if(stages.begin(), stages.end(), [&](const Stage& s) { return s.name == stage_name; });
    if (it == stages.end()) it = stages.insert(stages.end(), Stage{std::move(stage_name), {}});
    it->targets.push_back(std::move(item));
  }
  // Pointers once every vector has stopped growing.
  for (const auto& [learner, stages] : book.by_learner_) {
    const Target* first = nullptr;
    for (const auto& s : stages)
      for (const auto& t : s.targets)
        if (!first || t.line < first->line) first = &t;
    book.first_target_[learner] = first;
  }
  return book;
}

const std::vector<Stage>* TargetBook::take(const std::string& id) {
  const auto it = by_learner_.find(id);
  if (it == by_learner_.end()) return nullptr;
  claimed_[id] = true;
  return &it->second;
}

std::vector<TargetBook::Unclaimed> TargetBook::unclaimed() const {
  std::vector<Unclaimed> result;
  for (const auto& [id, first] : first_target_)
    if (!claimed_.contains(id)) result.push_back({id, first});
  std::sort(result.begin(), result.end(), [](const Unclaimed& a, const Unclaimed& b) { return a.first->line < b.first->line; });
  return result;
}

}  // namespace waymark::plan
