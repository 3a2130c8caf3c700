// What the modes with a support log share: the log and its day, a learner's support, and which
// options each mode takes.
#include "waymark/risk/support.hpp"

#include <algorithm>

#include "waymark/catalogue.hpp"
#include "waymark/errors.hpp"
#include "waymark/today.hpp"

namespace waymark::risk {

namespace {

support::Day day_option(const char* option, const std::string& text, DateOrder order) {
  try {
    if (const auto date = parse_date(text, order)) return support::day_of(*date);
  } catch (const FieldError& e) {
    throw Error(ErrorKind::usage, std::string(option) + ": " + e.what() + " (" + e.expected() + ")");
  }
  throw Error(ErrorKind::usage, std::string(option) + " is empty (a day, such as 2027-03-26)");
}

}  // namespace

support::Day as_of_day(const Options& options) {
  if (options.as_of.empty()) return support::day_of(today());
  return day_option("--as-of", options.as_of, options.common.date_order());
}

support::Day since_day(const Options& options) {
  if (options.since_date.empty()) return std::numeric_limits<support::Day>::min();
  return day_option("--since-date", options.since_date, options.common.date_order());
}

std::optional<SupportContext> read_support(const Options& options) {
  if (options.support_path.empty()) return std::nullopt;
  if (options.support_path == "-" && options.common.input == "-")
    throw Error(ErrorKind::usage, "--support and the input cannot both be standard input");
  const auto& catalogue = Catalogue::builtin();
  const auto names =
      options.support_names_path.empty() ? support::ActionNames{} : support::ActionNames::load(options.support_names_path, catalogue);
  support::LogOptions log_options;
  log_options.input = options.common.input_options();
  log_options.input.path = options.support_path;
  log_options.input.format.reset();  // the log may come in another format than the learners
  log_options.dates = options.common.date_order();
  log_options.verbose = options.common.verbose;
  log_options.max_errors = options.common.max_errors;
  log_options.report_error = options.common.report_error;
  return SupportContext{support::SupportLog::read(log_options, catalogue, names), as_of_day(options)};
}

void learner_support(SupportContext& support, std::string_view id, LearnerSupport& out) {
  out.active.clear();
  out.received.clear();
  const auto add = [&](std::vector<std::string_view>& list, std::string_view label) {
    if (std::find(list.begin(), list.end(), label) == list.end()) list.push_back(label);
  };
  for (const auto& piece : support.log.of(id)) {
    if (support::SupportLog::active_on(piece, support.as_of)) add(out.active, support.log.label(piece.action));
    if (support::SupportLog::given_between(piece, std::numeric_limits<support::Day>::min(), support.as_of))
      add(out.received, support.log.label(piece.action));
  }
  std::sort(out.active.begin(), out.active.end());
  std::sort(out.received.begin(), out.received.end());
}

std::optional<SupportRun> support_run(const Options& options) {
  if (options.impact) {
    const auto& format = options.common.format;
    const bool document = format == "md" || format == "html" || format == "pdf" || format == "docx";
    return document ? SupportRun::impact_report : SupportRun::impact;
  }
  if (options.unsupported) return SupportRun::unsupported;
  if (std::find(options.tier_changes.begin(), options.tier_changes.end(), "left") != options.tier_changes.end()) return SupportRun::leavers;
  return std::nullopt;
}

Mode mode_of(SupportRun run) {
  switch (run) {
    case SupportRun::unsupported: return {"--unsupported", {"csv", "json", "ndjson"}};
    case SupportRun::leavers: return {"--tier-change left", {"csv", "json", "ndjson"}};
    case SupportRun::impact: return {"--impact", {"csv", "json", "ndjson"}, "the report to read is md, html, pdf or docx"};
    case SupportRun::impact_report: return {"the --impact report", {"md", "html", "pdf", "docx"}};
  }
  return {};
}

void check_support_options(const Options& options) {
  const auto usage = [](const std::string& message) { throw Error(ErrorKind::usage, message); };
  const bool support = !options.support_path.empty();
  if (!support) {
    if (!options.support_names_path.empty()) usage("--support-names names the school's support in a log: it needs --support");
    if (options.unsupported) usage("--unsupported lists learners with no support in a log: it needs --support LOG");
    if (options.impact) usage("--impact compares learners by the support in a log: it needs --support LOG");
    if (options.fail_on == "unsupported") usage("--fail-on unsupported needs --support LOG");
  }
  if (!options.since_date.empty() && !options.impact)
    usage("--since-date is the start of the period --impact counts support in: it needs --impact");
  const bool leavers = std::find(options.tier_changes.begin(), options.tier_changes.end(), "left") != options.tier_changes.end();
  if (leavers && options.tier_changes.size() > 1)
    usage("--tier-change left lists the earlier file's learners, the others this file's: give left alone");
  const bool other_mode = options.summary || !options.explain_id.empty() || !options.outcomes_path.empty();
  if (options.impact) {
    if (options.since_path.empty()) usage("--impact compares two files: it needs --since BEFORE");
    if (other_mode || options.unsupported || leavers || !options.tier_changes.empty() || !options.tiers.empty() ||
        !options.key_path.empty() || !options.fail_on.empty())
      usage(
          "--impact takes --since, --support, --as-of, --since-date, --support-names and --by; not --summary, --explain, "
          "--evaluate, --unsupported, --tier, --tier-change, --pseudonymise or --fail-on");
  }
  // The days, checked before any input is read.
  if (support && since_day(options) > as_of_day(options)) usage("--since-date is after --as-of (the period --impact counts support in)");
  if (options.unsupported && (other_mode || !options.since_path.empty()))
    usage("--unsupported lists this file's learners: not with --summary, --explain, --evaluate or --since");
  if (!options.unsupported && !options.impact && leavers && (other_mode || !options.fail_on.empty()))
    usage("--tier-change left lists learners: not with --summary, --explain, --evaluate or --fail-on");
  if (options.fail_on == "unsupported" && other_mode)
    usage("--fail-on unsupported is for scoring and --unsupported: not with --summary, --explain or --evaluate");
  if (!options.by.empty() && (options.unsupported || (leavers && !options.impact)))
    usage("--by groups --summary, --evaluate and --impact, not a list of learners");
  if (support && other_mode)
    usage("--support is for scoring, --unsupported, --tier-change left and --impact: not with --summary, --explain or --evaluate");
}

namespace {

// --impact's table as records to -o: the output is opened when the table begins, once every input
// has been read, so a bad input leaves no file and writes nothing.
class ImpactRecords final : public RecordWriter {
 public:
  explicit ImpactRecords(const Options& options) : options_(options) {}
  void begin(const std::vector<std::string>& columns) override {
    const auto format = options_.common.format.empty() ? RecordFormat::csv : *parse_record_format(options_.common.format);
    out_.emplace(options_.common.output);
    writer_ = RecordWriter::create(format, *out_);
    writer_->begin(columns);
  }
  void start_record() override { writer_->start_record(); }
  void text(std::string_view value) override { writer_->text(value); }
  void cells(std::span<const std::string_view> values) override { writer_->cells(values); }
  void json_or_text(std::string_view json, std::string_view text) override { writer_->json_or_text(json, text); }
  void integer(long long value) override { writer_->integer(value); }
  void list(std::span<const std::string> items) override { writer_->list(items); }
  void list(std::span<const std::string_view> items) override { writer_->list(items); }
  bool holds_structure() const override { return writer_->holds_structure(); }
  void structured(const nlohmann::ordered_json& value) override { writer_->structured(value); }
  void end_record() override { writer_->end_record(); }
  void finish() override {
    writer_->finish();
    out_->commit();
  }

 private:
  const Options& options_;
  std::optional<Output> out_;
  std::unique_ptr<RecordWriter> writer_;
};

}  // namespace

void write_impact(const Options& options, const Rules& rules) {
  ImpactRecords table(options);
  write_impact(options, rules, table);
}

bool run_support_mode(SupportRun run, const Options& options, const Rules& rules) {
  switch (run) {
    case SupportRun::unsupported: return write_unsupported(options, rules);
    case SupportRun::leavers: return write_leavers(options, rules);
    case SupportRun::impact: write_impact(options, rules); return false;
    case SupportRun::impact_report: break;
  }
  throw Error(ErrorKind::internal, "the --impact report is written by the tool, with its document options");
}

}  // namespace waymark::risk
