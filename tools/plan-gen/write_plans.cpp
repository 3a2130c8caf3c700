#include "write_plans.hpp"

#include <fmt/format.h>

#include <set>

#include "plan.hpp"
#include "waymark/catalogue.hpp"
#include "waymark/errors.hpp"
#include "waymark/output.hpp"
#include "waymark/render.hpp"

namespace waymark::embedded {
extern const std::string_view plan_template;
extern const std::string_view plan_prompts_json;
}  // namespace waymark::embedded

namespace waymark::plan {

namespace {

std::chrono::year_month_day today() {
  return std::chrono::year_month_day(std::chrono::floor<std::chrono::days>(std::chrono::system_clock::now()));
}

PlanSettings plan_settings(const Options& options, const DocumentSettings& settings) {
  PlanSettings plan;
  plan.start = today();
  if (!options.start.empty()) {
    try {
      plan.start = *parse_date(options.start, options.common.date_order());
    } catch (const FieldError& e) {
      throw Error(Exit::usage, fmt::format("--start: {} ({})", e.what(), e.expected()));
    }
  }
  plan.review_every = *parse_interval(options.review_every);
  plan.reviews = options.reviews;
  plan.actions = options.actions;
  plan.for_staff = options.audience == "staff";
  const auto& values = settings.values();
  if (values.contains("key_person") && values["key_person"].is_string()) plan.key_person = values["key_person"].get<std::string>();
  plan.prompts = nlohmann::ordered_json::parse(embedded::plan_prompts_json, nullptr, true, true);
  return plan;
}

// What the template sees: the plan, the settings (--set), and the risk factors' wording.
nlohmann::json document_data(const nlohmann::ordered_json& plan, const DocumentSettings& settings, const Catalogue& catalogue,
                             const nlohmann::ordered_json& progress_labels) {
  nlohmann::json data = plan;
  // Review statuses in the reader's words (prompts.json, where translations go).
  bool reviewed = false;
  for (auto& stage : data["stages"])
    for (auto& target : stage["targets"]) {
      const auto status = target.value("status", std::string{});
      target["status_label"] = status.empty() ? std::string{} : progress_labels["statuses"].value(status, status);
      if (!status.empty()) target["last_review"] = target["reviews"].back()["date"];
      reviewed = reviewed || !status.empty();
    }
  data["has_progress"] = reviewed;
  data["progress_labels"] = progress_labels;
  data["settings"] = settings.values();
  nlohmann::json labels = nlohmann::json::array();
  for (const auto& code : plan["starting_point"]["risk_factors"])
    if (const auto* factor = catalogue.find_risk_factor(code.get<std::string>())) labels.push_back(factor->label);
  data["risk_factor_labels"] = std::move(labels);
  data["has_targets"] = !plan["stages"].empty();
  data["for_staff"] = plan["audience"] == "staff" && !plan["starting_point"]["tier"].get<std::string>().empty();
  return data;
}

std::string plan_title(const nlohmann::ordered_json& plan) {
  const auto& learner = plan["learner"];
  const std::string name = fmt::format("{} {}", learner["given_name"].get<std::string>(), learner["family_name"].get<std::string>());
  return fmt::format("Individual plan: {}", trim(name).empty() ? learner["id"].get<std::string>() : std::string(trim(name)));
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

// A second input file (targets, profiles): the main input's delimiter, its own format detected.
InputOptions side_input(const Options& options, const std::string& path) {
  InputOptions input = options.common.input_options();
  input.path = path;
  input.format.reset();
  return input;
}

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
  if (as_json && names_directory(options.common.output))
    throw Error(Exit::usage, "json and ndjson plans go to one file or standard output, not a directory");

  const DocumentSettings settings = options.documents.settings();
  const Catalogue& catalogue = Catalogue::builtin();
  PlanSettings plan_options = plan_settings(options, settings);
  if (!options.term_dates_path.empty()) {
    plan_options.terms = TermDates::load(options.term_dates_path, options.common.date_order());
    // The last review is the latest date any plan sets: past the last term it cannot be moved.
    const auto last = advance(plan_options.start, plan_options.review_every, plan_options.reviews);
    if (plan_options.reviews > 0 && !plan_options.terms->on_or_after(last)) {
      tool.warn("reviews after " + format_date(plan_options.terms->terms().back().end) + " are past the last term in " +
                options.term_dates_path + " and keep their counted dates: give term dates that cover them");
    }
  }

  // The template is checked (by get) before anything is read or written.
  TemplateSet templates;
  templates.add_builtin("plan", embedded::plan_template);
  options.documents.apply_overrides(templates, "plan");
  const Template* tmpl = as_json ? nullptr : &templates.get("plan");

  std::optional<TargetBook> targets;
  if (!options.targets_path.empty())
    targets = TargetBook::load(side_input(options, options.targets_path), options.common.date_order(), options.common.verbose);

  std::optional<ProgressBook> progress;
  if (!options.progress_path.empty())
    progress = ProgressBook::load(side_input(options, options.progress_path), options.common.date_order(), options.common.verbose);
  const auto progress_labels = nlohmann::ordered_json::parse(embedded::plan_prompts_json, nullptr, true, true)["progress"];

  std::optional<Profiles> profiles;
  if (!options.profiles_path.empty()) profiles = Profiles::load(side_input(options, options.profiles_path));

  const auto reader = open_records(options.common.input_options());
  const PlanBuilder builder(*reader, std::move(plan_options), catalogue, profiles ? &*profiles : nullptr);
  std::optional<PlanJsonWriter> json_out;
  std::optional<DocumentOutput> documents;
  if (as_json) json_out.emplace(options.common.output, format == "json");
  else documents.emplace(tool.name(), options.common.output, options.documents.document_format(format), options.documents.page(settings),
                         "Individual plans");

  bool not_smart = false;
  std::size_t without_targets = 0;
  std::string first_without_targets;
  Record record;
  std::vector<SmartWarning> warnings;
  // --id: the learners asked for; warnings about everyone else's targets and reviews are left out.
  const std::set<std::string> chosen(options.ids.begin(), options.ids.end());
  const auto wanted = [&](const std::string& id) { return chosen.empty() || chosen.contains(id); };
  std::set<std::string> found;
  while (reader->next(record)) {
    const std::string id = builder.learner_id(record);
    if (id.empty()) throw data_error({reader->source_name(), record.line, "id"}, "a learner without an id", "the learner's id");
    if (!wanted(id)) continue;
    found.insert(id);
    const std::vector<Stage>* stages = targets ? targets->take(id) : nullptr;
    if (targets && !stages && without_targets++ == 0) first_without_targets = fmt::format("{}:{}: learner {}", reader->source_name(), record.line, id);
    warnings.clear();
    if (progress) progress->saw_learner(id);
    const auto plan = builder.build(record, stages, warnings, progress ? &*progress : nullptr);
    for (const auto& warning : warnings) warn_smart(tool, warning);
    not_smart = not_smart || !warnings.empty();
    if (json_out) json_out->add(plan);
    else documents->add(id, render_markdown(*tmpl, document_data(plan, settings, catalogue, progress_labels)), plan_title(plan));
  }
  for (const auto& id : chosen) {
    if (!found.contains(id))
      throw Error(Exit::data, fmt::format("{}: --id {}: no learner with this id (expected an id in the learner records)", reader->source_name(),
                                          printable(id)));
  }
  // One line for them all: a cohort's first plans are mostly written before their targets.
  if (without_targets == 1) tool.warn(first_without_targets + " has no targets yet: the road map is left to fill in");
  if (without_targets > 1)
    tool.warn(fmt::format("{} learners have no targets yet, the first {}: their road maps are left to fill in", without_targets, first_without_targets));
  if (targets)
    for (const auto& [id, first] : targets->unclaimed())
      if (wanted(id)) tool.warn(fmt::format("{}: targets for learner {}, who is not in the learner records", first->source, id));

  if (progress)
    for (const auto& row : progress->unmatched())
      if (wanted(row.id)) tool.warn(row.learner_known ? fmt::format("{}: learner {} has no target with this text in the targets file: the review is left out", row.source, row.id)
                                  : fmt::format("{}: learner {} is not in the learner records: the review is left out", row.source, row.id));

  if (json_out) json_out->finish();
  else documents->finish();
  return options.strict && not_smart ? static_cast<int>(Exit::fail_on) : 0;
}

}  // namespace waymark::plan
