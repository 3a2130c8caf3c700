// Plan JSON (schemas waymark-plan/1 and /2, man/waymark-plan.5) as contract input.
#include <fmt/format.h>

#include "waymark/contract/contract_input.hpp"
#include "waymark/errors.hpp"

namespace waymark::contract {

namespace {

// /2 only adds the reviews of targets, which a contract does not print: both read alike.
constexpr std::string_view plan_schema = "waymark-plan/2";
constexpr std::string_view plan_schema_v1 = "waymark-plan/1";

// Reads a plan's fields, naming the plan's file and line and the field's path in every error.
class PlanReader {
 public:
  PlanReader(const std::string& source, long line) : source_(source), line_(line) {}

  [[noreturn]] void fail(const std::string& path, const std::string& problem, const std::string& expected) const {
    throw data_error({source_, line_, {}}, fmt::format("field '{}' {}", path, problem), expected);
  }

  // Text, or "" when missing or null: any string may be empty (unknown).
  std::string text(const nlohmann::json& object, const std::string& key, const std::string& path) const {
    const auto it = object.find(key);
    if (it == object.end() || it->is_null()) return {};
    if (it->is_string()) return it->get<std::string>();
    if (it->is_number()) return it->dump();  // a year group written as 8
    fail(path, "is not text", "a JSON string");
  }

  std::vector<std::string> texts(const nlohmann::json& object, const std::string& key, const std::string& path) const {
    std::vector<std::string> list;
    for (const auto& item : items(object, key, path)) {
      if (!item.is_string()) fail(path, "holds something that is not text", "a list of strings");
      list.push_back(item.get<std::string>());
    }
    return list;
  }

  // A list, or an empty one when missing or null.
  const nlohmann::json& items(const nlohmann::json& object, const std::string& key, const std::string& path) const {
    static const nlohmann::json empty = nlohmann::json::array();
    const auto it = object.find(key);
    if (it == object.end() || it->is_null()) return empty;
    if (!it->is_array()) fail(path, "is not a list", "a JSON array");
    return *it;
  }

  // An object, or an empty one when missing or null.
  const nlohmann::json& object_at(const nlohmann::json& object, const std::string& key, const std::string& path) const {
    static const nlohmann::json empty = nlohmann::json::object();
    const auto it = object.find(key);
    if (it == object.end() || it->is_null()) return empty;
    if (!it->is_object()) fail(path, "is not an object", "a JSON object");
    return *it;
  }

 private:
  const std::string& source_;
  long line_;
};

std::vector<Target> read_targets(const PlanReader& read, const nlohmann::json& plan) {
  std::vector<Target> targets;
  const auto& stages = read.items(plan, "stages", "stages");
  for (std::size_t s = 0; s < stages.size(); ++s) {
    const std::string stage_path = fmt::format("stages[{}]", s);
    if (!stages[s].is_object()) read.fail(stage_path, "is not an object", "a stage with a name and targets");
    const auto& stage_targets = read.items(stages[s], "targets", stage_path + ".targets");
    for (std::size_t t = 0; t < stage_targets.size(); ++t) {
      const std::string path = fmt::format("{}.targets[{}]", stage_path, t);
      const auto& item = stage_targets[t];
      if (!item.is_object()) read.fail(path, "is not an object", "a target with area, target, measure, owner, due and support");
      Target target{read.text(item, "area", path + ".area"),
                    read.text(item, "target", path + ".target"),
                    read.text(item, "measure", path + ".measure"),
                    read.text(item, "owner", path + ".owner"),
                    read.text(item, "due", path + ".due"),
                    read.text(item, "support", path + ".support"),
                    std::nullopt,
                    path};
      if (const auto mine = item.find("by_young_person"); mine != item.end() && mine->is_boolean())
        target.by_young_person = mine->get<bool>();
      targets.push_back(std::move(target));
    }
  }
  return targets;
}

}  // namespace

ContractInput plan_to_input(const nlohmann::json& plan, const std::string& source, long line) {
  const PlanReader read(source, line);
  const auto schema = plan.find("schema");
  if (schema == plan.end()) read.fail("schema", "is missing", fmt::format("\"schema\": \"{}\", as plan-gen writes", plan_schema));
  if (!schema->is_string() || (*schema != plan_schema && *schema != plan_schema_v1))
    read.fail("schema", "names a schema this version does not read", fmt::format("\"{}\" or \"{}\"", plan_schema, plan_schema_v1));
  if (!plan.contains("learner")) read.fail("learner", "is missing", "the learner's id and names");
  const auto& learner = read.object_at(plan, "learner", "learner");
  const std::string id = read.text(learner, "id", "learner.id");
  if (trim(id).empty()) read.fail("learner.id", "is missing or empty", "every plan names its learner by id");

  ContractInput input;
  input.source = source;
  input.line = line;
  input.from_plan = true;
  auto& fields = input.fields;
  fields["id"] = id;
  for (const char* key : {"given_name", "family_name", "year_group"}) fields[key] = read.text(learner, key, std::string("learner.") + key);
  fields["start"] = read.text(plan, "start", "start");
  fields["key_person"] = read.text(plan, "key_person", "key_person");
  fields["aspiration"] = read.text(plan, "end_goal", "end_goal");
  // The starting point's tier and reasons stay out: a contract speaks to the young person, who is
  // not labelled by a tier (docs/conventions.md, "Privacy": early identification without labelling).
  const auto& start = read.object_at(plan, "starting_point", "starting_point");
  for (const char* key : {"strengths", "interests", "barriers", "support_needs", "motivations"})
    fields[key] = read.texts(start, key, std::string("starting_point.") + key);
  nlohmann::json reviews = nlohmann::json::array();
  const auto& review_items = read.items(plan, "reviews", "reviews");
  for (std::size_t i = 0; i < review_items.size(); ++i) {
    const std::string path = fmt::format("reviews[{}]", i);
    if (!review_items[i].is_object()) read.fail(path, "is not an object", "a review with a number and a date");
    if (auto date = read.text(review_items[i], "date", path + ".date"); !date.empty()) reviews.push_back(date);
  }
  fields["reviews"] = reviews;
  std::string next_review = read.text(plan, "next_review", "next_review");
  if (next_review.empty() && !reviews.empty()) next_review = reviews.front();
  fields["review_date"] = next_review;
  input.targets = read_targets(read, plan);
  return input;
}

}  // namespace waymark::contract
