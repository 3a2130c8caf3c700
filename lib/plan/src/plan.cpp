#include "waymark/plan/plan.hpp"

#include <map>

#include <fmt/format.h>

#include <algorithm>
#include <cctype>

#include "waymark/errors.hpp"
#include "waymark/fields.hpp"

namespace waymark::plan {

namespace {

std::string lowercase(std::string_view text) {
  std::string lower(text);
  std::transform(lower.begin(), lower.end(), lower.begin(), [](unsigned char c) { return static_cast<char>(std::tolower(c)); });
  return lower;
}

nlohmann::ordered_json action_json(const Action& action) {
  nlohmann::ordered_json activities = nlohmann::ordered_json::array();
  for (const auto& activity : action.possible_activities) activities.push_back({{"name", activity.name}, {"text", activity.text}});
  return {{"id", action.id}, {"title", action.title}, {"aim", action.aim}, {"activities", std::move(activities)}};
}

}  // namespace

PlanBuilder::PlanBuilder(const RecordReader& reader, PlanSettings settings, const Catalogue& catalogue, const Profiles* profiles)
    : reader_(reader), settings_(std::move(settings)), catalogue_(catalogue), profiles_(profiles) {
  reader_.require_column("id", "an id column, as risk-check writes");
  for (const auto& id : settings_.actions)
    if (!catalogue_.find_action(id))
      throw Error(ErrorKind::usage, fmt::format("--actions: {} is not an action of the toolkit (A01 to A13)", id));
}

std::string PlanBuilder::text(const Record& record, std::string_view column) const {
  if (profiles_ && column != "id")
    if (auto value = profiles_->find(learner_id(record), column)) return std::move(*value);
  const auto at = reader_.find_column(column);
  return at ? std::string(trim(record.values[*at])) : std::string{};
}

// A list cell: a JSON array as it came, or a ';'-separated CSV cell.
std::vector<std::string> PlanBuilder::list(const Record& record, std::string_view column) const {
  std::vector<std::string> items;
  if (profiles_) {
    if (const auto value = profiles_->find(learner_id(record), column)) {
      for (const auto item : split_list(*value)) items.emplace_back(item);
      return items;
    }
  }
  const auto at = reader_.find_column(column);
  if (!at) return items;
  if (!record.json.empty() && !record.json[*at].empty()) {
    const auto value = nlohmann::json::parse(record.json[*at], nullptr, false);
    if (value.is_array()) {
      for (const auto& item : value)
        if (item.is_string()) items.push_back(item.get<std::string>());
      return items;
    }
  }
  for (const auto item : split_list(record.values[*at])) items.emplace_back(item);
  return items;
}

// Actions for this learner: --actions, or risk-check's recommendations (ids in CSV, objects with an
// id in JSON), in the order given.
std::vector<std::string> PlanBuilder::action_ids(const Record& record) const {
  if (!settings_.actions.empty()) return settings_.actions;
  std::vector<std::string> ids;
  const auto at = reader_.find_column("recommended_actions");
  if (!at) return ids;
  if (!record.json.empty() && !record.json[*at].empty()) {
    const auto value = nlohmann::json::parse(record.json[*at], nullptr, false);
    if (value.is_array()) {
      for (const auto& item : value) {
        if (item.is_object() && item.contains("id") && item["id"].is_string())
          ids.push_back(item["id"].get<std::string>());
        else if (item.is_string())
          ids.push_back(item.get<std::string>());
      }
    }
  } else {
    for (const auto id : split_list(record.values[*at])) ids.emplace_back(id);
  }
  for (const auto& id : ids)
    if (!catalogue_.find_action(id))
      throw data_error({reader_.source_name(), record.line, "recommended_actions"}, fmt::format("{} is not an action of the toolkit", id),
                       "action ids A01 to A13");
  return ids;
}

std::string PlanBuilder::learner_id(const Record& record) const { return text(record, "id"); }

bool PlanBuilder::owned_by_young_person(const std::string& owner, const std::string& given_name) const {
  const std::string who = lowercase(trim(owner));
  if (who.empty()) return false;
  if (!given_name.empty() && who == lowercase(given_name)) return true;
  const auto& words = settings_.prompts["young_person_owners"];
  return std::any_of(words.begin(), words.end(), [&](const auto& word) { return word.template get<std::string>() == who; });
}

nlohmann::ordered_json PlanBuilder::target_json(const Target& target, const std::string& given_name, SmartWarning& warning) const {
  std::vector<std::string> problems;
  if (target.measure.empty()) problems.emplace_back("no measure");
  if (target.owner.empty()) problems.emplace_back("no owner");
  if (!target.due)
    problems.emplace_back("no due date");
  else if (*target.due < settings_.start)
    problems.push_back(fmt::format("due {}, before the plan starts on {}", format_date(*target.due), format_date(settings_.start)));
  if (!problems.empty()) {
    warning.source = target.source;
    warning.problems = problems;
  }
  return {{"area", target.area},
          {"target", target.target},
          {"measure", target.measure},
          {"owner", target.owner},
          {"by_young_person", owned_by_young_person(target.owner, given_name)},
          {"due", target.due ? format_date(*target.due) : std::string{}},
          {"support", target.support},
          {"smart_problems", problems}};
}

namespace {

// Each target's reviews, oldest first, and its latest status and comment.
void add_reviews(nlohmann::ordered_json& target, const std::vector<TargetReview>& reviews) {
  nlohmann::ordered_json list = nlohmann::ordered_json::array();
  for (const auto& r : reviews)
    list.push_back({{"date", r.date}, {"status", r.status}, {"comment", r.comment}, {"reviewed_by", r.reviewed_by}});
  target["status"] = reviews.empty() ? std::string{} : reviews.back().status;
  target["comment"] = reviews.empty() ? std::string{} : reviews.back().comment;
  target["reviews"] = std::move(list);
}

// The review record: one entry per review date, with who reviewed and how many targets stood where.
nlohmann::ordered_json review_record(const nlohmann::ordered_json& stages) {
  std::map<std::string, nlohmann::ordered_json> by_date;
  for (const auto& stage : stages) {
    for (const auto& target : stage["targets"]) {
      for (const auto& review : target["reviews"]) {
        auto& entry = by_date[review["date"].get<std::string>()];
        if (entry.is_null()) {
          entry = {{"date", review["date"]}, {"reviewed_by", nlohmann::ordered_json::array()}, {"targets", 0}};
          for (const auto word : review_statuses) entry[std::string(word)] = 0;
        }
        entry["targets"] = entry["targets"].get<int>() + 1;
        entry[review["status"].get<std::string>()] = entry[review["status"].get<std::string>()].get<int>() + 1;
        const auto& who = review["reviewed_by"];
        auto& names = entry["reviewed_by"];
        if (!who.get<std::string>().empty() && std::find(names.begin(), names.end(), who) == names.end()) names.push_back(who);
      }
    }
  }
  nlohmann::ordered_json record = nlohmann::ordered_json::array();
  for (auto& [date, entry] : by_date) record.push_back(std::move(entry));
  return record;
}

}  // namespace

nlohmann::ordered_json PlanBuilder::build(const Record& record, const std::vector<Stage>* stages, std::vector<SmartWarning>& warnings,
                                          ProgressBook* progress) const {
  const std::string id = learner_id(record);
  const std::string given_name = text(record, "given_name");
  nlohmann::ordered_json plan;
  plan["schema"] = plan_schema;
  plan["learner"] = {
      {"id", id}, {"given_name", given_name}, {"family_name", text(record, "family_name")}, {"year_group", text(record, "year_group")}};
  plan["start"] = format_date(settings_.start);
  const std::string key_person = text(record, "key_person");
  plan["key_person"] = key_person.empty() ? settings_.key_person : key_person;
  plan["audience"] = settings_.for_staff ? "staff" : "young-person";
  // For the young person the keys stay, empty, so that every plan has the same shape.
  const bool staff = settings_.for_staff;
  plan["starting_point"] = {{"strengths", list(record, "strengths")},
                            {"interests", list(record, "interests")},
                            {"barriers", list(record, "barriers")},
                            {"support_needs", list(record, "support_needs")},
                            {"motivations", list(record, "motivations")},
                            {"tier", staff ? text(record, "tier") : std::string{}},
                            {"reasons", staff ? list(record, "reasons") : std::vector<std::string>{}},
                            {"risk_factors", staff ? list(record, "risk_factors") : std::vector<std::string>{}}};
  plan["end_goal"] = text(record, "aspiration");

  nlohmann::ordered_json road_map = nlohmann::ordered_json::array();
  if (stages) {
    for (const auto& stage : *stages) {
      nlohmann::ordered_json targets = nlohmann::ordered_json::array();
      for (const auto& target : stage.targets) {
        SmartWarning warning{{}, id, {}};
        auto item = target_json(target, given_name, warning);
        add_reviews(item, progress ? progress->reviews(id, target.target) : std::vector<TargetReview>{});
        targets.push_back(std::move(item));
        if (!warning.problems.empty()) warnings.push_back(std::move(warning));
      }
      road_map.push_back({{"name", stage.name}, {"targets", std::move(targets)}});
    }
  }
  plan["stages"] = std::move(road_map);

  nlohmann::ordered_json actions = nlohmann::ordered_json::array();
  for (const auto& action_id : action_ids(record)) actions.push_back(action_json(*catalogue_.find_action(action_id)));
  plan["actions"] = std::move(actions);
  plan["wellbeing"] = text(record, "wellbeing");
  plan["self_determination"] = settings_.self_determination;

  nlohmann::ordered_json reviews = nlohmann::ordered_json::array();
  const auto dates =
      review_dates(settings_.start, settings_.review_every, settings_.reviews, settings_.terms ? &*settings_.terms : nullptr);
  for (std::size_t i = 0; i < dates.size(); ++i) reviews.push_back({{"number", i + 1}, {"date", format_date(dates[i])}});
  plan["reviews"] = std::move(reviews);
  plan["next_review"] = dates.empty() ? std::string{} : format_date(dates.front());
  // What comes next: the first scheduled review after the latest one recorded.
  auto reviewed = review_record(plan["stages"]);
  std::string next;
  const std::string latest = reviewed.empty() ? std::string{} : reviewed.back()["date"].get<std::string>();
  for (const auto& date : dates)
    if (format_date(date) > latest) {
      next = format_date(date);
      break;
    }
  plan["review_record"] = {{"reviews", std::move(reviewed)}, {"next", next}};
  return plan;
}

}  // namespace waymark::plan
