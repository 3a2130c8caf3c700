// The school's answers for the school-level criteria (man 5 waymark-records, SCHOOL ANSWERS):
// yes, partly or no, with evidence; from TOML (a table per criterion) or records (CSV, JSON, NDJSON).
#pragma once

#include <map>
#include <string>
#include <vector>

#include "waymark/records.hpp"

namespace waymark::gatsby {

enum class SchoolAnswer { unanswered, no, partly, yes };
std::string_view to_string(SchoolAnswer answer);

struct SchoolCriterion {
  SchoolAnswer answer = SchoolAnswer::unanswered;
  std::string evidence;
};

class SchoolAnswers {
 public:
  // Reads `path`: TOML when it ends in .toml, records otherwise (`input` gives format and delimiter).
  // Throws Error(no_input) if it cannot be read and Error(data), naming line and column, for an
  // answer that is not yes, partly or no, a repeated criterion, or an id no framework has.
  static SchoolAnswers read(const InputOptions& input);

  // The answer for a criterion id; unanswered if the file does not mention it.
  SchoolCriterion get(const std::string& id) const;

  // Answers to former school criteria, now checked per pupil: not used, one warning each
  // ("file:line: [old] is now new, ...").
  const std::vector<std::string>& replaced() const { return replaced_; }

 private:
  std::map<std::string, SchoolCriterion> answers_;
  std::vector<std::string> replaced_;
};

}  // namespace waymark::gatsby
