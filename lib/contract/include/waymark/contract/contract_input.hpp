// What a contract is printed from, whichever way it came: a plan from plan-gen (JSON) or a row of
// CSV, JSON or NDJSON carrying the kind's fields (man/contract-print.1 lists the columns).
#pragma once

#include <memory>
#include <nlohmann/json.hpp>
#include <optional>
#include <string>
#include <vector>

#include "waymark/fields.hpp"
#include "waymark/records.hpp"

namespace waymark::contract {

// One target of a plan's road map.
struct Target {
  std::string area;
  std::string text;
  std::string measure;
  std::string owner;
  std::string due;  // ISO date as the plan holds it, or empty
  std::string support;
  std::optional<bool> by_young_person;  // plan-gen's own reading of the owner, when it gives one
  std::string path;                     // "stages[0].targets[1]", for messages
};

struct ContractInput {
  std::string source;  // file name, for messages
  long line = 0;       // where the plan or row starts
  // Flat fields by CSV column name: each a string or a list of strings. A plan's fields are mapped
  // to the same names (end_goal -> aspiration, next_review -> review_date, ...).
  nlohmann::json fields = nlohmann::json::object();
  std::vector<Target> targets;  // a plan's targets, in road-map order; rows have none
  bool from_plan = false;
};

// Reads plans or rows one at a time, detecting which from the content: a JSON object with
// "schema" or "learner" is a plan, any other JSON object a row, anything not JSON a CSV file.
class ContractSource {
 public:
  explicit ContractSource(const InputOptions& options);
  ~ContractSource();
  // Throws Error(data) for input that is not valid JSON, a plan that is not waymark-plan/1 or /2 or lacks
  // required fields, or a row without an id.
  bool next(ContractInput& input);

 private:
  struct Impl;
  std::unique_ptr<Impl> impl_;
};

// A plan object (schema waymark-plan/1 or /2) as contract input. Throws Error(data) naming `source`,
// `line` and the field when the schema or a required field is missing or has the wrong type.
ContractInput plan_to_input(const nlohmann::json& plan, const std::string& source, long line);

}  // namespace waymark::contract
