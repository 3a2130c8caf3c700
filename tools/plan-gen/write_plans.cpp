#include "write_plans.hpp"

#include <fmt/format.h>

#include <algorithm>
#include <cctype>
#include <functional>
#include <set>

#include "waymark/catalogue.hpp"
#include "waymark/errors.hpp"
#include "waymark/learners_chosen.hpp"
#include "waymark/messages.hpp"
#include "waymark/output.hpp"
#include "waymark/plan/plan.hpp"
#include "waymark/render.hpp"
#include "waymark/support/log.hpp"

namespace waymark::embedded {
extern const std::string_view plan_template;
extern const std::string_view plan_prompts_json;
extern const std::span<const EmbeddedFile> plan_translations;  // templates/plan-gen/<lang>/
}  // namespace waymark::embedded

namespace waymark::plan {

namespace {

PlanSettings plan_settings(const Options& options, const DocumentSettings& settings) {
  PlanSettings plan;
  plan.start = option_date_or_today("--start", options.start, options.common.date_order());
  plan.review_every = *parse_interval(options.review_every);
  plan.reviews = options.reviews;
  plan.actions = options.actions;
  plan.for_staff = options.audience == "staff";
  const auto& values = settings.values();
  if (values.contains("key_person") && values["key_person"].is_string()) plan.key_person = values["key_person"].get<std::string>();
  plan.prompts = nlohmann::ordered_json::parse(embedded::plan_prompts_json, nullptr, true, true);
  // Plan JSON is the same whatever --lang: its prompts are English, the document's in its language.
  plan.self_determination = Messages().catalogue()["plan-gen"]["self_determination"];
  return plan;
}

// A date of the plan (ISO, as plan JSON holds it) as the reader writes it: "7 September 2026",
// "7 Medi 2026", "7 settembre 2026". Empty stays empty.
std::string reader_date(const nlohmann::json& iso, const Messages& messages) {
  const auto& text = iso.get_ref<const std::string&>();
  if (text.empty()) return text;
  return messages.date(*parse_date(text, DateOrder::iso));
}

// The toolkit's actions in the documents' language: the catalogue (lib/catalogue/data/catalogue.json) is
// English, a language's messages give "actions": {"A01": {"title", "aim", "activities"}}. What they
// lack stays English, with one warning per action for the run.
class ActionWords {
 public:
  ActionWords(const Messages& messages, std::function<void(const std::string&)> warn) : messages_(messages), warn_(std::move(warn)) {}

  void translate(nlohmann::json& action) {
    if (messages_.lang() == "en") return;
    const std::string id = action["id"].get<std::string>();
    const auto& all = messages_.catalogue();
    const nlohmann::json* words = all.contains("actions") && all["actions"].contains(id) ? &all["actions"][id] : nullptr;
    std::string lacking;
    const auto take = [&](const char* part, nlohmann::json& into, const auto& put) {
      if (words && words->contains(part) &&
          (*words)[part].type() == (into.is_array() ? nlohmann::json::value_t::array : nlohmann::json::value_t::string) &&
          (!into.is_array() || (*words)[part].size() == into.size()))
        put((*words)[part]);
      else if (!into.empty())
        lacking += std::string(lacking.empty() ? "" : ", ") + part;
    };
    take("title", action["title"], [&](const nlohmann::json& text) { action["title"] = text; });
    take("aim", action["aim"], [&](const nlohmann::json& aims) { action["aim"] = aims; });
    take("activities", action["activities"], [&](const nlohmann::json& names) {
      for (std::size_t i = 0; i < names.size(); ++i) action["activities"][i]["name"] = names[i];
    });
    if (!lacking.empty() && warned_.insert(id).second)
      warn_(fmt::format("--lang {}: not yet translated, printed in English: action {}'s {}", messages_.requested(), id, lacking));
  }

 private:
  const Messages& messages_;
  std::function<void(const std::string&)> warn_;
  std::set<std::string> warned_;
};

// Lower case (ASCII), for comparing an owner with the young person's given name.
std::string folded(std::string_view text) {
  std::string out(trim(text));
  for (char& c : out) c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
  return out;
}

// How many of an action's things to do the young person's plan suggests: enough to choose from,
// few enough that a plan of several actions stays within two pages.
constexpr std::size_t young_person_activities_shown = 3;

// An action in the young person's own words ("young_person_actions" in the messages): a title,
// what it means for them ("about") and a few things they could do, those suiting their risk
// factors first, in the order written. The toolkit's professional text (aims written about
// "young people at risk", 31 activities for staff) is for the staff copy only.
void for_young_person(nlohmann::json& action, const Messages& messages, const std::vector<std::string>& factors) {
  static const Messages english;
  const std::string id = action["id"].get<std::string>();
  const auto& all_english = english.catalogue()["plan-gen"]["young_person_actions"];
  if (!all_english.contains(id)) return;  // every action has its words (a unit test checks): keep the toolkit's if not
  const auto& english_words = all_english[id];
  const auto& all = messages.catalogue()["plan-gen"]["young_person_actions"];
  const auto& words = all.contains(id) ? all[id] : english_words;
  const auto& english_activities = english_words["activities"];
  const bool translated =
      words["activities"].size() == english_activities.size() && words["activities"].size() > 0 && words["activities"][0].is_string();
  auto suits = [&](const nlohmann::json& activity) {
    for (const auto& code : activity["for"])
      if (std::find(factors.begin(), factors.end(), code.get<std::string>()) != factors.end()) return true;
    return false;
  };
  // First what suits the learner, then what suits anyone, then the rest.
  std::vector<std::size_t> chosen;
  for (const int pass : {0, 1, 2})
    for (std::size_t i = 0; i < english_activities.size(); ++i) {
      const auto& activity = english_activities[i];
      const bool wanted = pass == 0 ? suits(activity) : pass == 1 ? activity["for"].empty() : !suits(activity) && !activity["for"].empty();
      if (wanted && chosen.size() < young_person_activities_shown) chosen.push_back(i);
    }
  std::sort(chosen.begin(), chosen.end());
  nlohmann::json activities = nlohmann::json::array();
  for (const auto i : chosen) activities.push_back({{"name", translated ? words["activities"][i] : english_activities[i]["text"]}});
  action["title"] = words.value("title", english_words["title"].get<std::string>());
  action["about"] = words.value("about", english_words["about"].get<std::string>());
  action["aim"] = nlohmann::json::array();
  action["activities"] = std::move(activities);
}

// What the template sees: the plan with its dates in the reader's language, the settings (--set),
// the risk factors' wording, and the labels of the review record. `factors` are the learner's
// risk factors, used only to choose what the young person's own plan suggests.
nlohmann::json document_data(const nlohmann::ordered_json& plan, const DocumentSettings& settings, const Catalogue& catalogue,
                             const Messages& messages, ActionWords& action_words, const std::vector<std::string>& factors) {
  nlohmann::json data = plan;
  data["self_determination"] = messages.catalogue()["plan-gen"]["self_determination"];
  const bool young_person = plan["audience"] != "staff";
  for (auto& action : data["actions"]) {
    if (young_person)
      for_young_person(action, messages, factors);
    else
      action_words.translate(action);
  }
  const auto& progress_labels = messages.catalogue()["plan-gen"]["progress"];
  bool reviewed = false;
  for (auto& stage : data["stages"])
    for (auto& target : stage["targets"]) {
      const auto status = target.value("status", std::string{});
      target["status_label"] = status.empty() ? std::string{} : progress_labels["statuses"].value(status, status);
      if (!status.empty()) target["last_review"] = reader_date(target["reviews"].back()["date"], messages);
      target["due"] = reader_date(target["due"], messages);
      reviewed = reviewed || !status.empty();
      // "young person" (or "student", "me", ...) as the owner prints in the document's language;
      // the young person's name prints as written.
      if (messages.lang() != "en" && target.value("by_young_person", false) &&
          folded(target["owner"].get<std::string>()) != folded(plan["learner"]["given_name"].get<std::string>()))
        target["owner"] = messages.text("/plan-gen/owner_young_person");
    }
  for (const char* field : {"start", "next_review"}) data[field] = reader_date(data[field], messages);
  for (auto& review : data["reviews"]) review["date"] = reader_date(review["date"], messages);
  for (auto& review : data["review_record"]["reviews"]) review["date"] = reader_date(review["date"], messages);
  data["review_record"]["next"] = reader_date(data["review_record"]["next"], messages);
  data["has_progress"] = reviewed;
  data["progress_labels"] = progress_labels;
  data["settings"] = settings.values();
  nlohmann::json labels = nlohmann::json::array();
  for (const auto& code : plan["starting_point"]["risk_factors"])
    if (const auto* factor = catalogue.find_risk_factor(code.get<std::string>())) labels.push_back(factor->label);
  data["risk_factor_labels"] = std::move(labels);
  data["has_targets"] = !plan["stages"].empty();
  data["for_staff"] = plan["audience"] == "staff" && !plan["starting_point"]["tier"].get<std::string>().empty();
  // Each list of the starting point on one line ("good with animals; drawing"), so that the plan
  // stays short enough for a young person to read through.
  for (const char* list : {"strengths", "interests", "barriers", "support_needs"}) {
    std::string line;
    for (const auto& item : plan["starting_point"][list]) line += (line.empty() ? "" : "; ") + item.get<std::string>();
    data["starting_point"][std::string(list) + "_text"] = line;
  }
  // The prompts for the tutor speak of the young person, not to them: the staff copy's.
  data["for_young_person"] = young_person;
  return data;
}

std::string plan_title(const nlohmann::ordered_json& plan, const Messages& messages) {
  const auto& learner = plan["learner"];
  const std::string name = fmt::format("{} {}", learner["given_name"].get<std::string>(), learner["family_name"].get<std::string>());
  return messages.format("/plan-gen/title", {{"name", trim(name).empty() ? learner["id"].get<std::string>() : std::string(trim(name))}});
}

// Plans as JSON: an array with one plan a line, or NDJSON.
class PlanJsonWriter {
 public:
  PlanJsonWriter(const std::string& path, bool array) : out_(path), array_(array) {
    if (array_) out_.write("[\n");
  }
  void add(const nlohmann::ordered_json& plan) {
    if (array_ && count_ > 0) out_.write(",\n");
    out_.write(plan.dump());
    if (!array_) out_.write("\n");
    ++count_;
  }
  void finish() {
    if (array_) out_.write(count_ ? "\n]\n" : "]\n");
    out_.commit();
  }

 private:
  Output out_;
  bool array_;
  std::size_t count_ = 0;
};

// A second input file (targets, profiles): the main input's options, its own format and encoding.
InputOptions side_input(const Options& options, const std::string& path) { return options.common.input_options(path); }

void warn_smart(const Tool& tool, const SmartWarning& warning) {
  std::string problems;
  for (std::size_t i = 0; i < warning.problems.size(); ++i)
    problems += (i == 0 ? "" : i + 1 == warning.problems.size() ? " and " : ", ") + warning.problems[i];
  tool.warn(fmt::format("{}: learner {}: the target is not SMART: {}", warning.source, warning.learner, problems));
}

}  // namespace

int write_plans(const Tool& tool, const Options& options) {
  const std::string format = options.common.format.empty() ? "md" : options.common.format;
  const bool as_json = format == "json" || format == "ndjson";
  tool.check_options(as_json ? "json and ndjson" : "documents");
  if (!as_json) options.documents.check_paper({options.documents.document_format(format)});
  if (as_json && names_directory(options.common.output))
    throw Error(ErrorKind::usage, "json and ndjson plans go to one file or standard output, not a directory");

  const auto& log_path = options.support_log_path;
  if (!log_path.empty()) {
    const auto to_stdout = [](const std::string& path) { return path.empty() || path == "-"; };
    if (to_stdout(log_path) && to_stdout(options.common.output))
      throw Error(ErrorKind::usage, "--support-log - and the plans cannot both go to standard output: give -o FILE or --support-log FILE");
    if (!to_stdout(log_path) && log_path == options.common.output)
      throw Error(ErrorKind::usage, "--support-log names the plans' own output file: give another file");
  }

  const DocumentSettings settings = options.documents.settings();
  const Catalogue& catalogue = Catalogue::builtin();
  // The template is checked (by get) before anything is read or written.
  const auto [templates, messages] = options.documents.templates({{{"plan", embedded::plan_template}}, embedded::plan_translations},
                                                                 as_json ? std::vector<std::string>{} : std::vector<std::string>{"plan"},
                                                                 "plan", [&](const std::string& message) { tool.warn(message); });
  const Template* tmpl = as_json ? nullptr : &templates.get("plan");
  PlanSettings plan_options = plan_settings(options, settings);
  if (!options.term_dates_path.empty()) {
    plan_options.terms = TermDates::load(side_input(options, options.term_dates_path), options.common.date_order());
    // The last review is the latest date any plan sets: past the last term it cannot be moved.
    const auto last = advance(plan_options.start, plan_options.review_every, plan_options.reviews);
    if (plan_options.reviews > 0 && !plan_options.terms->on_or_after(last)) {
      tool.warn("reviews after " + format_date(plan_options.terms->terms().back().end) + " are past the last term in " +
                options.term_dates_path + " and keep their counted dates: give term dates that cover them");
    }
  }

  std::optional<TargetBook> targets;
  if (!options.targets_path.empty())
    targets = TargetBook::load(side_input(options, options.targets_path), options.common.date_order(), options.common.verbose);

  std::optional<ProgressBook> progress;
  if (!options.progress_path.empty())
    progress = ProgressBook::load(side_input(options, options.progress_path), options.common.date_order(), options.common.verbose);

  std::optional<Profiles> profiles;
  if (!options.profiles_path.empty()) profiles = Profiles::load(side_input(options, options.profiles_path));

  const auto reader = open_records(options.common.input_options());
  const PlanBuilder builder(*reader, std::move(plan_options), catalogue, profiles ? &*profiles : nullptr);
  std::optional<PlanJsonWriter> json_out;
  std::optional<DocumentOutput> documents;
  ActionWords action_words(messages, [&](const std::string& message) { tool.warn(message); });
  // The plans' actions as a support log, planned from the plans' start (waymark-support(5)); it
  // is moved into place only after the plans, so that a failed run leaves neither.
  std::optional<Output> log_out;
  std::unique_ptr<RecordWriter> log_records;
  std::optional<support::LogWriter> support_log;
  if (!log_path.empty()) {
    log_out.emplace(log_path);
    log_records = RecordWriter::create(RecordFormat::csv, *log_out);
    support_log.emplace(*log_records);
  }
  if (as_json)
    json_out.emplace(options.common.output, format == "json");
  else
    documents.emplace(options.common.output, options.documents.document_format(format), options.documents.page(settings),
                      messages.text("/plan-gen/collection"), document_reporter(tool.name(), options.common.warn));

  bool not_smart = false;
  std::size_t without_targets = 0;
  std::string first_without_targets;
  Record record;
  std::vector<SmartWarning> warnings;
  // --id: the learners asked for; warnings about everyone else's targets and reviews are left out.
  const auto wanted = [&](const std::string& id) { return options.chosen.wanted(id); };
  while (reader->next(record)) {
    const std::string id = builder.learner_id(record);
    if (id.empty()) throw data_error({reader->source_name(), record.line, "id"}, "a learner without an id", "the learner's id");
    if (!options.chosen.take(id)) continue;
    const std::vector<Stage>* stages = targets ? targets->take(id) : nullptr;
    if (targets && !stages && without_targets++ == 0)
      first_without_targets = fmt::format("{}:{}: learner {}", reader->source_name(), record.line, id);
    warnings.clear();
    if (progress) progress->saw_learner(id);
    const auto plan = builder.build(record, stages, warnings, progress ? &*progress : nullptr);
    for (const auto& warning : warnings) warn_smart(tool, warning);
    if (support_log)
      for (const auto& action : plan["actions"])
        support_log->add(id, action["id"].get<std::string>(), builder.start(), plan["key_person"].get<std::string>(),
                         SupportStatus::planned);
    not_smart = not_smart || !warnings.empty();
    if (json_out)
      json_out->add(plan);
    else
      documents->add(id,
                     render_markdown(*tmpl, document_data(plan, settings, catalogue, messages, action_words, builder.risk_factors(record))),
                     plan_title(plan, messages));
  }
  options.chosen.check_found(reader->source_name(), "no learner with this id", "expected an id in the learner records");
  // One line for them all: a cohort's first plans are mostly written before their targets.
  if (without_targets == 1) tool.warn(first_without_targets + " has no targets yet: the road map is left to fill in");
  if (without_targets > 1)
    tool.warn(fmt::format("{} learners have no targets yet, the first {}: their road maps are left to fill in", without_targets,
                          first_without_targets));
  if (targets)
    for (const auto& [id, first] : targets->unclaimed())
      if (wanted(id)) tool.warn(fmt::format("{}: targets for learner {}, who is not in the learner records", first->source, id));

  if (progress)
    for (const auto& row : progress->unmatched())
      if (wanted(row.id))
        tool.warn(
            row.learner_known
                ? fmt::format("{}: learner {} has no target with this text in the targets file: the review is left out", row.source, row.id)
                : fmt::format("{}: learner {} is not in the learner records: the review is left out", row.source, row.id));

  if (json_out)
    json_out->finish();
  else
    documents->finish();
  if (support_log) {
    support_log->finish();
    log_out->commit();
  }
  return completed(options.strict && not_smart);
}

}  // namespace waymark::plan
