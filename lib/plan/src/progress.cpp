#include "waymark/plan/progress.hpp"

#include <algorithm>
#include <fmt/format.h>

#include "waymark/errors.hpp"

namespace waymark::plan {

ProgressBook ProgressBook::load(const InputOptions& input, DateOrder dates, bool verbose) {
  const auto reader = open_records(input);
  const std::string expected = "columns id, date, target, status, comment";
  const std::size_t id = reader->require_column("id", expected), date = reader->require_column("date", expected),
                    target = reader->require_column("target", expected), status = reader->require_column("status", expected);
  const auto comment = reader->find_column("comment"), reviewed_by = reader->find_column("reviewed_by");
  std::string allowed;
  for (const auto word : review_statuses) allowed += (allowed.empty() ? "" : ", ") + std::string(word);

  ProgressBook book;
  Record record;
  while (reader->next(record)) {
    const auto text = [&](std::optional<std::size_t> at) { return at ? std::string(trim(record.values[*at])) : std::string{}; };
    if (text(id).empty()) throw data_error({reader->source_name(), record.line, "id"}, "a review without a learner id", "the learner's id");
    const std::string word = text(status);
    if (std::find(std::begin(review_statuses), std::end(review_statuses), word) == std::end(review_statuses))
      throw value_error(*reader, record, status, "not a review status", allowed, verbose);
    std::string when;
    try {
      const auto parsed = parse_date(record.values[date], dates);
      if (!parsed) throw FieldError("no date", "the date of the review");
      when = format_date(*parsed);
    } catch (const FieldError& e) {
      throw value_error(*reader, record, date, e.what(), e.expected(), verbose);
    }
    const std::size_t at = book.rows_.size();
    book.rows_.push_back({text(id),
                          text(target),
                          {when, word, text(comment), text(reviewed_by), fmt::format("{}:{}", reader->source_name(), record.line)},
                          record.line});
    book.index_.emplace(std::pair{book.rows_[at].id, book.rows_[at].target}, at);
  }
  return book;
}

std::vector<TargetReview> ProgressBook::reviews(const std::string& id, const std::string& target) {
  std::vector<TargetReview> found;
  const auto [first, last] = index_.equal_range({id, target});
  for (auto it = first; it != last; ++it) {
    rows_[it->second].matched = true;
    found.push_back(rows_[it->second].review);
  }
  // Oldest first; rows of one day keep the file's order.
  std::stable_sort(found.begin(), found.end(), [](const TargetReview& a, const TargetReview& b) { return a.date < b.date; });
  return found;
}

std::vector<ProgressBook::Unmatched> ProgressBook::unmatched() const {
  std::vector<Unmatched> result;
  for (const auto& row : rows_)
    if (!row.matched) result.push_back({row.review.source, row.id, learners_seen_.contains(row.id)});
  return result;
}

}  // namespace waymark::plan
