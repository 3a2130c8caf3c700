// The --impact report: the table write_impact gives (already suppressed: "<5" and "c" where a
// count is small or could be worked out), turned into data for the template, in the reader's
// language. Nothing here recomputes a figure; it only arranges and words what --impact found.
#include "waymark/risk/impact_report.hpp"

#include <fmt/format.h>

#include <algorithm>
#include <charconv>
#include <cmath>
#include <map>

#include "waymark/catalogue.hpp"
#include "waymark/errors.hpp"
#include "waymark/fields.hpp"
#include "waymark/numbers.hpp"
#include "waymark/risk/support.hpp"

namespace waymark::risk {

namespace {

// The table as --impact writes it, one row of text cells per action and group: numbers as text,
// "<5" and "c" where suppressed, empty where there is nothing to show.
class ImpactTable final : public RecordWriter {
 public:
  std::vector<std::string> columns;
  std::vector<std::map<std::string, std::string>> rows;

  void begin(const std::vector<std::string>& names) override { columns = names; }
  void start_record() override { rows.emplace_back(); }
  void text(std::string_view value) override { cell(value); }
  void json_or_text(std::string_view, std::string_view text) override { cell(text); }
  void integer(long long value) override { cell(std::to_string(value)); }
  void list(std::span<const std::string> items) override { cell(items.empty() ? "" : items.front()); }
  void list(std::span<const std::string_view> items) override { cell(items.empty() ? "" : items.front()); }
  bool holds_structure() const override { return false; }
  void structured(const nlohmann::ordered_json& value) override { cell(value.dump()); }
  void end_record() override {}
  void finish() override {}

 private:
  void cell(std::string_view value) {
    auto& row = rows.back();
    row[columns.at(row.size())] = std::string(value);
  }
};

std::optional<double> number_of(const std::string& text) {
  double value = 0;
  const auto [rest, error] = parse_double(text.data(), text.data() + text.size(), value);
  if (text.empty() || error != std::errc{} || rest != text.data() + text.size()) return std::nullopt;
  return value;
}

// How the report prints numbers: the language's decimal mark, and a sign on changes.
struct Numbers {
  std::string mark = ".";
  std::string plain(const std::string& text) const {
    std::string out = text;
    if (const auto dot = out.find('.'); dot != std::string::npos) out.replace(dot, 1, mark);
    return out;
  }
  std::string change(const std::string& text) const {
    const auto value = number_of(text);
    return (value && *value > 0 ? "+" : "") + plain(text);
  }
};

// A label as a chart line can hold it: a chart is a code block of `label | value` lines, so a
// school's own name for its support must not bring a '|', a backtick (which could close the block)
// or a line break into it.
std::string chart_label(std::string_view text) {
  std::string out;
  for (const char c : text) out += c == '|' ? '/' : c == '`' ? '\'' : (static_cast<unsigned char>(c) < 0x20) ? ' ' : c;
  const auto trimmed = trim(out);
  // Kept short enough to sit beside the bars; the table gives the whole name.
  const auto characters =
      std::count_if(trimmed.begin(), trimmed.end(), [](char c) { return (static_cast<unsigned char>(c) & 0xC0) != 0x80; });
  if (characters <= 32) return std::string(trimmed);
  std::string cut;
  std::size_t width = 0;
  for (std::size_t i = 0; i < trimmed.size() && width < 31; ++i) {
    cut += trimmed[i];
    if ((static_cast<unsigned char>(trimmed[i]) & 0xC0) != 0x80) ++width;
    while (i + 1 < trimmed.size() && (static_cast<unsigned char>(trimmed[i + 1]) & 0xC0) == 0x80) cut += trimmed[++i];
  }
  return cut + "…";
}

// A point change for a chart and a table: the number as the chart reads it, and as people read it.
nlohmann::json change_json(const std::string& text, const Numbers& numbers) {
  if (!number_of(text)) return false;
  return {{"value", text}, {"text", numbers.change(text)}};
}

// A tier move of an action: its share of the action's learners, unless the count is withheld.
nlohmann::json move_json(const std::string& count, const std::string& learners) {
  nlohmann::json move = {{"count", count}, {"shown", false}, {"small", count == "<5"}, {"hidden", count == "c"}};
  const auto n = number_of(count), total = number_of(learners);
  if (n && total && *total > 0) {
    const double share = 100.0 * *n / *total;
    move["shown"] = true;
    move["value"] = fmt::format("{:.1f}", share);
    move["text"] = fmt::format("{}% ({})", static_cast<long>(std::lround(share)), count);
  }
  return move;
}

nlohmann::json action_json(const std::map<std::string, std::string>& row, const Messages& messages, const Numbers& numbers) {
  const auto at = [&](const char* column) -> const std::string& { return row.at(column); };
  const std::string& label = at("action");
  nlohmann::json action;
  action["is_any"] = label == "any";
  action["is_none"] = label == "none";
  action["named"] = label != "any" && label != "none";
  std::string name = label;
  if (const Action* known = Catalogue::builtin().find_action(label)) {
    const auto& translated = messages.catalogue();
    const auto pointer = nlohmann::json::json_pointer("/actions/" + label + "/title");
    name = label + " " + (translated.contains(pointer) ? translated.at(pointer).get<std::string>() : known->title);
  }
  action["name"] = action["named"].get<bool>() ? name : "";
  action["chart_name"] = action["named"].get<bool>() ? chart_label(label) : "";
  action["learners"] = at("learners");
  const bool suppressed = at("learners") == "<5";
  action["suppressed"] = suppressed;
  action["compared"] = at("compared").empty() ? "0" : at("compared");
  action["change"] = change_json(at("attendance_change"), numbers);
  action["comparison"] = change_json(at("comparison_change"), numbers);
  nlohmann::json difference = false;
  if (number_of(at("difference")) && number_of(at("low")) && number_of(at("high")))
    difference = {{"value", at("difference")}, {"text", numbers.change(at("difference"))}, {"low", at("low")},
                  {"high", at("high")},        {"low_text", numbers.change(at("low"))},    {"high_text", numbers.change(at("high"))}};
  action["difference"] = difference;
  const bool is_none = label == "none";
  // What the chart and tables can say of the action: an estimate, figures withheld (too few
  // learners), or none at all (no comparable learners with a change in attendance).
  action["estimate"] = !is_none && difference.is_object();
  action["withheld"] = suppressed || (is_none ? at("attendance_change") == "c" : at("difference") == "c");
  action["no_comparison"] =
      !suppressed && !action["withheld"].get<bool>() && (is_none ? !action["change"].is_object() : !difference.is_object());
  action["none_change"] = is_none && action["change"].is_object();
  const auto cell = [&](const char* column, const nlohmann::json& value) -> std::string {
    if (value.is_object()) return value.at("text").get<std::string>();
    return at(column).empty() ? "–" : at(column);
  };
  action["cells"] = {{"change", cell("attendance_change", action["change"])},
                     {"comparison", cell("comparison_change", action["comparison"])},
                     {"difference", cell("difference", difference)}};
  for (const char* move : {"tier_down", "tier_same", "tier_up", "left"})
    action[std::string(move) == "left" ? "left" : std::string(move).substr(5)] = move_json(at(move), at("learners"));
  return action;
}

// A group's coverage: the share of its learners in targeted or intensive support at the start who
// received any support. Withheld where the table hides it or the group is under 5; "nobody" when
// none of the group started in targeted or intensive support (the table leaves it empty), and
// "unsupported" when none of the group received support (the table then has no row of any).
nlohmann::json coverage_json(const std::string* coverage, bool small, const Numbers& numbers) {
  nlohmann::json out = {{"shown", false},
                        {"hidden", small || (coverage && *coverage == "c")},
                        {"nobody", !small && coverage && coverage->empty()},
                        {"unsupported", !small && !coverage}};
  if (!small && coverage && coverage->size() > 1 && coverage->back() == '%' && number_of(coverage->substr(0, coverage->size() - 1))) {
    out["shown"] = true;
    out["value"] = coverage->substr(0, coverage->size() - 1);
    out["text"] = numbers.plain(*coverage);
  }
  return out;
}

// The title of the document: its first heading, so that it is in the template's language.
std::string title_of(std::string_view markdown) {
  std::size_t start = 0;
  while (start < markdown.size()) {
    const std::size_t end = std::min(markdown.find('\n', start), markdown.size());
    const auto line = markdown.substr(start, end - start);
    if (line.starts_with("# ")) return std::string(trim(line.substr(2)));
    start = end + 1;
  }
  return "Support and attendance";
}

// Fields that say who a learner is: a group by one of them would print it as the group's name.
constexpr std::string_view identifying_fields[] = {"id", "pupil_id", "given_name", "preferred_forename", "family_name", "date_of_birth"};

}  // namespace

void check_report_groups(const Options& options) {
  const auto refuse = [](const std::string& name) {
    throw Error(ErrorKind::usage, fmt::format("--by {}: the report is aggregate, for governors and the local authority; grouping by a "
                                              "learner's id, name or date of birth would print them (group by characteristics such as "
                                              "gender, fsm or year_group)",
                                              name));
  };
  for (const auto& name : options.by)
    for (const auto field : identifying_fields)
      if (name == field) refuse(name);
  // Groups are the earlier file's values: its headings say which column each --by name reads.
  if (options.by.empty() || options.since_path.empty() || options.since_path == "-") return;
  auto input = options.common.input_options(options.since_path);
  input.warn = nullptr;  // the run itself warns about the file's headings
  const auto reader = open_records(input);
  for (const auto& name : options.by) {
    const auto column = reader->find_column(name);
    if (!column) continue;  // the run refuses it, naming the file
    const auto& field = reader->field_of(*column);
    for (const auto identifying : identifying_fields)
      if (field == identifying) refuse(name);
  }
}

ImpactReport impact_report(const Options& options, const Rules& rules, const ImpactReportOptions& report) {
  const Messages& messages = *report.messages;
  ImpactTable table;
  write_impact(options, rules, table);

  Numbers numbers;
  numbers.mark = messages.text("/decimal_mark");
  nlohmann::json data = report.settings;
  data["from"] = report.from ? nlohmann::json(messages.date(*report.from)) : nlohmann::json(false);
  data["to"] = messages.date(report.to);
  std::string by;
  for (const auto& name : options.by) by += (by.empty() ? "" : ", ") + name;
  data["by"] = by.empty() ? nlohmann::json(false) : nlohmann::json(by);

  // Rows come group by group, "all" first, each group's actions then any and none.
  auto groups = nlohmann::json::array();
  for (const auto& row : table.rows) {
    const std::string& group = row.at("group");
    if (groups.empty() || groups.back()["key"] != group) {
      const auto equals = group.find('=');
      groups.push_back(
          {{"key", group},
           {"name", equals == std::string::npos ? group : group.substr(0, equals) + ": " + group.substr(equals + 1)},
           {"chart_name", chart_label(equals == std::string::npos ? group : group.substr(0, equals) + ": " + group.substr(equals + 1))},
           {"actions", nlohmann::json::array()}});
    }
    auto action = action_json(row, messages, numbers);
    auto& current = groups.back();
    if (action["is_any"].get<bool>()) {
      current["coverage_cell"] = row.at("coverage");
      current["any"] = action;
    }
    if (action["is_none"].get<bool>()) current["none"] = action;
    current["actions"].push_back(std::move(action));
    current["learners"] = row.at("learners");
  }
  // The whole cohort, then each --by group.
  for (auto& group : groups) {
    // A group too small to show: every row of it says "<5".
    bool small = true;
    for (const auto& action : group["actions"]) small = small && action["suppressed"].get<bool>();
    group["small"] = small;
    const std::string cell = group.value("coverage_cell", std::string());
    group["coverage"] = coverage_json(group.contains("coverage_cell") ? &cell : nullptr, small && group["key"] != "all", numbers);
  }
  nlohmann::json all = groups.empty() ? nlohmann::json::object() : groups.front();
  if (!groups.empty()) groups.erase(groups.begin());
  // Each --by column's groups together, in the order of --by, then by value.
  const auto column_of = [&](const nlohmann::json& group) {
    const std::string key = group["key"];
    const auto name = key.substr(0, key.find('='));
    return std::find(options.by.begin(), options.by.end(), name) - options.by.begin();
  };
  std::stable_sort(groups.begin(), groups.end(), [&](const nlohmann::json& a, const nlohmann::json& b) {
    const auto ca = column_of(a), cb = column_of(b);
    return ca != cb ? ca < cb : a["key"].get<std::string>() < b["key"].get<std::string>();
  });
  data["all"] = all;
  data["groups"] = groups;
  data["has_groups"] = !groups.empty();
  data["supported"] = all.contains("any") ? all["any"]["learners"] : nlohmann::json("0");
  data["unsupported"] = all.contains("none") ? all["none"]["learners"] : nlohmann::json("0");
  data["coverage"] = all.contains("coverage") ? all["coverage"] : coverage_json(nullptr, false, numbers);

  ImpactReport written;
  written.markdown = render_markdown(*report.tmpl, data);
  written.title = title_of(written.markdown);
  return written;
}

}  // namespace waymark::risk
