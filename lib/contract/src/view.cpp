#include "waymark/contract/view.hpp"

#include <fmt/format.h>

#include <array>
#include <cctype>
#include <set>

#include "waymark/contract/commitments.hpp"
#include "waymark/errors.hpp"

namespace waymark::contract {

namespace {

using json = nlohmann::json;

// A kind's words (its title, its plural for a file of many, the role of the adult who signs beside
// the young person) are in the message catalogue under /contract-print/<name>/.
struct KindInfo {
  Kind kind;
  std::string_view name;
};

constexpr std::array<KindInfo, 5> kinds = {{
    {Kind::participation, "participation"},
    {Kind::mentoring, "mentoring"},
    {Kind::behaviour, "behaviour"},
    {Kind::restorative, "restorative"},
    {Kind::community, "community"},
}};

const KindInfo& info(Kind kind) {
  for (const auto& item : kinds)
    if (item.kind == kind) return item;
  return kinds.front();
}

std::string kind_message(Kind kind, const Messages& messages, std::string_view key) {
  return messages.text(fmt::format("/contract-print/{}/{}", info(kind).name, key));
}

// A field of the view: where it comes from in a row (its CSV column), and which setting gives it
// when the row has none (the same for every learner: what the school offers, mentoring hours...).
struct FieldSource {
  std::string_view column;
  std::string_view setting;  // a JSON pointer into the settings, or empty
  bool list = false;
};

// Per kind, the fields beyond those every contract has. The view's name is the column's name.
std::vector<FieldSource> kind_fields(Kind kind) {
  switch (kind) {
    case Kind::participation:
      return {{"motivations", "", true},
              {"purpose", "", false},
              {"strengths", "", true},
              {"interests", "", true},
              {"expectations", "/key_person/expectations", true},
              {"offers", "/setting/offers", true},
              {"adds_value", "", false}};
    case Kind::mentoring:
      return {{"meetings", "/mentoring/meetings", false},
              {"channels", "/mentoring/channels", true},
              {"contact_hours", "/mentoring/hours", false},
              {"response_time", "/mentoring/response_time", false},
              {"urgent", "/mentoring/urgent", false},
              {"escalation", "/mentoring/escalation", false},
              {"duration", "/mentoring/duration", false},
              {"safeguarding_lead", "/safeguarding/lead", false},
              {"safeguarding_deputy", "/safeguarding/deputy", false}};
    case Kind::behaviour:
      return {{"incentives", "/behaviour/incentives", true},
              {"consequences", "/behaviour/consequences", true},
              {"monitoring", "/behaviour/monitoring", false}};
    case Kind::restorative:
      return {{"present", "", true},   {"what_happened", "", false}, {"thinking_then", "", false}, {"feeling_now", "", false},
              {"affected", "", false}, {"put_right", "", false},     {"not_again", "", false}};
    case Kind::community:
      return {{"initiative", "/community/initiative", false},
              {"stakeholders", "/community/stakeholders", true},
              {"objectives", "/community/objectives", true},
              {"values", "/community/values", true}};
  }
  return {};
}

// Reads the input's fields and the settings, turning dates into words and naming the input's
// file, line and field when one does not parse.
class FieldReader {
 public:
  FieldReader(const ContractInput& input, const json& settings, DateOrder order, const Messages& messages)
      : input_(input), settings_(settings), order_(input.from_plan ? DateOrder::iso : order), messages_(messages) {}

  std::string text(std::string_view column, std::string_view setting = {}) const {
    if (const auto it = input_.fields.find(column); it != input_.fields.end()) {
      if (it->is_string() && !trim(it->get_ref<const std::string&>()).empty()) return std::string(trim(it->get_ref<const std::string&>()));
      if (it->is_array()) {
        std::string joined;
        for (const auto& item : *it) joined += (joined.empty() ? "" : "; ") + item.get<std::string>();
        if (!joined.empty()) return joined;
      }
    }
    return setting_text(setting);
  }

  std::vector<std::string> list(std::string_view column, std::string_view setting = {}) const {
    if (const auto it = input_.fields.find(column); it != input_.fields.end()) {
      auto items = as_list(*it);
      if (!items.empty()) return items;
    }
    if (setting.empty()) return {};
    const json::json_pointer pointer{std::string(setting)};
    return settings_.contains(pointer) ? as_list(settings_.at(pointer)) : std::vector<std::string>{};
  }

  std::string setting_text(std::string_view setting) const {
    if (setting.empty()) return {};
    const json::json_pointer pointer{std::string(setting)};
    if (!settings_.contains(pointer)) return {};
    const auto& value = settings_.at(pointer);
    return value.is_string() ? std::string(trim(value.get_ref<const std::string&>())) : std::string{};
  }

  // "2026-09-07" -> "7 September 2026" ("7 Medi 2026"); empty stays empty. `field` is the row's column; a plan's
  // messages name the plan's own field instead ("next_review", "stages[0].targets[1].due").
  std::string date(std::string_view text, std::string_view field) const {
    try {
      const auto parsed = parse_date(text, order_);
      if (!parsed) return {};
      return messages_.date(*parsed);
    } catch (const FieldError& e) {
      // Plans hold ISO dates whatever --date-format says, so the hint about dmy would mislead.
      if (input_.from_plan)
        throw data_error({input_.source, input_.line, {}}, fmt::format("field '{}': {}", plan_field(field), e.what()),
                         "an ISO 8601 date such as 2026-09-07, as plan-gen writes");
      throw data_error({input_.source, input_.line, std::string(field)}, e.what(), e.expected());
    }
  }

 private:
  // A list from a JSON list or a ';'-separated cell; items trimmed, empty ones dropped.
  static std::vector<std::string> as_list(const json& value) {
    std::vector<std::string> items;
    if (value.is_string()) {
      for (const auto item : split_list(value.get_ref<const std::string&>())) items.emplace_back(item);
    } else if (value.is_array()) {
      for (const auto& item : value)
        if (item.is_string() && !trim(item.get_ref<const std::string&>()).empty())
          items.emplace_back(trim(item.get_ref<const std::string&>()));
    }
    return items;
  }

  // The plan's name for a column that plan_to_input renamed; targets pass their own path.
  static std::string plan_field(std::string_view column) {
    if (column == "review_date") return "next_review";
    if (column == "reviews") return "reviews[].date";
    return std::string(column);
  }

  const ContractInput& input_;
  const json& settings_;
  DateOrder order_;
  const Messages& messages_;
};

// Text that a template ends with its own full stop: trimmed, its closing stops dropped.
std::string without_full_stop(std::string_view text) {
  text = trim(text);
  while (!text.empty() && (text.back() == '.' || text.back() == ';')) text.remove_suffix(1);
  return std::string(trim(text));
}

json string_list(const std::vector<std::string>& items) {
  json list = json::array();
  for (const auto& item : items) list.push_back(item);
  return list;
}

// A commitment for the template: {text, who, due, measure}; empty parts stay empty so the template
// can leave them out or print a line to fill in.
json commitment(std::string text, std::string who, std::string due, std::string measure) {
  return {{"text", std::move(text)}, {"who", std::move(who)}, {"due", std::move(due)}, {"measure", std::move(measure)}};
}

// The two sides' promises. From a plan: its targets, split by owner. From a row: its i_will and
// we_will lists.
void add_commitments(json& view, const ContractInput& input, const FieldReader& read, const std::string& given_name) {
  json i_will = json::array(), we_will = json::array(), goals = json::array();
  json support = json::array(), measures = json::array();
  if (input.from_plan) {
    std::set<std::string> seen_support;
    for (const auto& target : input.targets) {
      const std::string due = read.date(target.due, target.path + ".due");
      const std::string clause = commitment_clause(target.text);
      if (clause.empty()) continue;
      const bool mine = target.by_young_person.value_or(owned_by_young_person(target.owner, given_name));
      // A goal names who does it: the young person by their name, so "Who: Amara" reads as said.
      json goal = commitment(without_full_stop(target.text), mine && !given_name.empty() ? given_name : std::string(trim(target.owner)),
                             due, target.measure);
      goal["mine"] = mine;
      goals.push_back(std::move(goal));
      if (mine)
        i_will.push_back(commitment(clause, {}, due, target.measure));
      else
        we_will.push_back(commitment(clause, std::string(trim(target.owner)), due, target.measure));
      // The help the setting gives towards the young person's own targets; help towards the
      // adults' targets is theirs to arrange, not a promise to the young person.
      if (mine && !trim(target.support).empty() && seen_support.insert(std::string(trim(target.support))).second)
        support.push_back(std::string(trim(target.support)));
      if (!trim(target.measure).empty()) measures.push_back(std::string(trim(target.measure)));
    }
  } else {
    for (const auto& item : read.list("i_will")) i_will.push_back(commitment(commitment_clause(item), {}, {}, {}));
    for (const auto& item : read.list("we_will")) we_will.push_back(commitment(commitment_clause(item), {}, {}, {}));
    for (const auto& item : read.list("goals")) goals.push_back(commitment(without_full_stop(item), {}, {}, {}));
    support = string_list(read.list("support"));
    measures = string_list(read.list("measures"));
  }
  view["i_will"] = std::move(i_will);
  view["we_will"] = std::move(we_will);
  view["goals"] = std::move(goals);
  view["support"] = std::move(support);
  view["measures"] = std::move(measures);
}

// A restorative meeting's agreed actions. From a plan: every target with its owner and date.
// From a row: the `actions` list, each item "what | who | date".
json agreed_actions(const json& view, const ContractInput& input, const FieldReader& read) {
  if (input.from_plan) return view["goals"];
  json actions = json::array();
  const auto items = read.list("actions");
  for (std::size_t i = 0; i < items.size(); ++i) {
    const auto parts = split_list(items[i], '|');
    std::string what = without_full_stop(parts.size() > 0 ? parts[0] : ""), who(parts.size() > 1 ? parts[1] : "");
    const std::string due = parts.size() > 2 ? read.date(parts[2], fmt::format("actions item {} date", i + 1)) : std::string{};
    actions.push_back(commitment(std::move(what), std::move(who), due, {}));
  }
  return actions;
}

// Every list of texts also as one line, "drawing, music", under <name>_text: empty (so a template
// section skips it) when the list is. Dates are joined with ';', as "7 September 2026, 30 ..." misleads.
// A name as a signer is written in `present` ("Ms Grant (facilitator)"): the part before a
// bracket, spaces trimmed, in lower case, so "callum reed" and "Callum Reed (young person)" match.
std::string signer_key(std::string_view text) {
  if (const auto bracket = text.find('('); bracket != std::string_view::npos) text = text.substr(0, bracket);
  std::string key(trim(text));
  for (char& c : key) c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
  return key;
}

// Those present, less anyone who already signs on a line of their own (the young person, the
// adult who led the meeting, the parent or carer when they sign): nobody is asked to sign twice.
json others_present(const json& view) {
  std::set<std::string> signing;
  for (const char* field : {"full_name", "given_name", "key_person"}) signing.insert(signer_key(view[field].get<std::string>()));
  if (view["parent_signature"].get<bool>()) signing.insert(signer_key(view["parent_carer"].get<std::string>()));
  signing.erase("");
  json others = json::array();
  for (const auto& name : view["present"])
    if (!signing.contains(signer_key(name.get<std::string>()))) others.push_back(name);
  return others;
}

void add_joined_lists(json& view) {
  json joined = json::object();
  for (const auto& [name, value] : view.items()) {
    if (!value.is_array() || (!value.empty() && !value.front().is_string())) continue;
    std::string line;
    const std::string_view separator = name == "reviews" ? "; " : ", ";
    for (const auto& item : value) line += (line.empty() ? "" : std::string(separator)) + item.get<std::string>();
    joined[name + "_text"] = line;
  }
  view.update(joined);
}

}  // namespace

std::optional<Kind> parse_kind(std::string_view name) {
  for (const auto& item : kinds)
    if (item.name == name) return item.kind;
  return std::nullopt;
}

std::string_view kind_name(Kind kind) { return info(kind).name; }
std::string kind_title(Kind kind, const Messages& messages) { return kind_message(kind, messages, "title"); }
std::string collection_title(Kind kind, const Messages& messages) { return kind_message(kind, messages, "collection"); }

json build_view(const ContractInput& input, const json& settings, const ViewOptions& options) {
  const FieldReader read(input, settings, options.date_order, options.messages);
  json view = json::object();
  const std::string given_name = read.text("given_name"), family_name = read.text("family_name");
  view["id"] = read.text("id");
  view["given_name"] = given_name;
  view["family_name"] = family_name;
  view["full_name"] = std::string(trim(given_name + " " + family_name));
  view["year_group"] = read.text("year_group");
  view["aspiration"] = read.text("aspiration");
  view["title"] = kind_title(options.kind, options.messages);
  view["from_plan"] = input.from_plan;  // a plan's targets have dates: a missing one is a line to fill in
  view["school"] = read.setting_text("/school/name");
  std::string setting_name = read.text("setting", "/setting/name");
  view["setting_name"] = setting_name.empty() ? view["school"].get<std::string>() : setting_name;

  // The adult who signs: a row's own column for this kind's role (mentor, facilitator, lead) first,
  // then the plan's key person, then the settings.
  const std::string role_column = options.kind == Kind::mentoring     ? "mentor"
                                  : options.kind == Kind::restorative ? "facilitator"
                                  : options.kind == Kind::community   ? "lead"
                                                                      : "key_person";
  std::string key_person = read.text(role_column);
  if (key_person.empty()) key_person = read.text("key_person", "/key_person/name");
  view["key_person"] = key_person;
  view["key_person_role"] = kind_message(options.kind, options.messages, "key_person_role");

  view["start"] = read.date(read.text("start"), "start");
  view["end"] = read.date(read.text("end"), "end");
  view["review_date"] = read.date(read.text("review_date"), "review_date");
  view["meeting_date"] = read.date(read.text("meeting_date"), "meeting_date");
  json reviews = json::array();
  for (const auto& date : read.list("reviews")) reviews.push_back(read.date(date, "reviews"));
  view["reviews"] = std::move(reviews);

  // A row that names a parent or carer wants their signature even without --parent-signature.
  const std::string parent_carer = read.text("parent_carer");
  view["parent_signature"] = options.parent_signature || !parent_carer.empty();
  view["parent_carer"] = parent_carer;

  add_commitments(view, input, read, given_name);
  for (const auto& field : kind_fields(options.kind)) {
    if (field.list)
      view[std::string(field.column)] = string_list(read.list(field.column, field.setting));
    else
      view[std::string(field.column)] = read.text(field.column, field.setting);
  }
  if (options.kind == Kind::restorative) {
    view["actions"] = agreed_actions(view, input, read);
    view["present"] = others_present(view);
  }
  add_joined_lists(view);
  view["has_our_side"] = !view["we_will"].empty() || !view["support"].empty() || (view.contains("offers") && !view["offers"].empty());
  // Later reviews are worth a line only when there is more than the next one.
  view["later_reviews_text"] = view["reviews"].size() > 1 ? view["reviews_text"] : json("");
  return view;
}

}  // namespace waymark::contract
