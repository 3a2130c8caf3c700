#include "run.hpp"

#include <algorithm>
#include <map>
#include <optional>
#include <set>

#include "documents.hpp"
#include "pack_output.hpp"
#include "waymark/errors.hpp"
#include "waymark/fields.hpp"
#include "waymark/learners_chosen.hpp"
#include "waymark/render.hpp"
#include "waymark/term_dates.hpp"
#include "waymark/transition/achievements.hpp"
#include "waymark/transition/ctf.hpp"
#include "waymark/transition/learners.hpp"
#include "waymark/transition/moves.hpp"
#include "waymark/transition/pack.hpp"

namespace waymark::transition {

namespace {

struct Inputs {
  std::optional<Date> exported;  // from a CTF: when the file was made
  Moves moves;
  Learners learners;
  std::string learners_source;
  std::map<std::string, std::vector<Achievement>, std::less<>> achievements;  // of the movers, by id
};

// --id: only the moves of the learners asked for, before anything else about the others is read.
void keep_chosen_moves(Moves& moves, const Options& options) {
  if (options.chosen.everyone()) return;
  for (const auto& move : moves.list) options.chosen.take(move.id);
  options.chosen.check_found(moves.source, "no move for this learner", "expected the id of a learner who moves");
  std::erase_if(moves.list, [&](const Move& move) { return !options.chosen.wanted(move.id); });
}

// The moves of a CTF without a moves file: every pupil's, of --kind on --move-date.
Moves moves_from_options(const Options& options, const std::vector<std::string>& ids) {
  const auto kind = parse_move_kind(options.kind);
  if (!kind) throw Error(ErrorKind::usage, "--kind must be " + std::string(move_kinds_expected));
  return every_pupil_moves(ids, *kind, option_date("--move-date", options.move_date, options.common.date_order()),
                           "--kind and --move-date");
}

// Where the sending setting is, when the school says: --nation, else the setting school.nation
// (--set school.nation=wales, or in the --settings file, written once for every run); empty when
// neither says, so a CTF's authority can tell.
std::string stated_nation(const Options& options) {
  if (!options.nation.empty()) return options.nation;
  const auto settings = options.documents.settings();
  const auto school = settings.values().find("school");
  if (school == settings.values().end() || !school->is_object() || !school->contains("nation")) return {};
  const auto& value = school->at("nation");
  if (!value.is_string() || !parse_nation(value.get<std::string>())) {
    throw Error(ErrorKind::usage, "setting school.nation: " + printable(value.is_string() ? value.get<std::string>() : value.dump()) +
                                      " is not a nation this tool knows (england or wales)");
  }
  return value.get<std::string>();
}

Inputs read_ctf_inputs(const Options& options, const Tool& tool) {
  auto ctf = read_ctf(options.ctf_path, options.common.verbose);
  for (const auto& warning : ctf.warnings) tool.warn(warning);
  Inputs inputs;
  inputs.learners_source = ctf.source;
  inputs.exported = ctf.exported;
  if (!options.moves_path.empty()) {
    inputs.moves = read_moves(options.input_file(options.moves_path), Checklist::builtin());
  } else {
    if (options.kind.empty() || options.move_date.empty()) {
      throw Error(ErrorKind::usage, "a CTF without --moves needs --kind and --move-date for its pupils");
    }
    inputs.moves = moves_from_options(options, ctf.ids);
    inputs.moves.has_consent_column = true;  // there is no file to lack the column; consent is simply not recorded
  }
  keep_chosen_moves(inputs.moves, options);
  // A CTF names the schools it moves between: they fill the settings the moves leave empty. The
  // source school's authority says whose law it follows, unless --nation says.
  const auto& checklist = Checklist::builtin();
  const auto from = checklist.nation_of_authority(ctf.source_authority);
  const auto to = checklist.nation_of_authority(ctf.dest_authority);
  const auto stated = stated_nation(options);
  const Nation nation = !stated.empty() ? *parse_nation(stated) : from.value_or(Nation::england);
  if (to && *to != nation) {
    tool.warn(ctf.source + ": the destination school's authority (" + ctf.dest_authority + ") is in " +
              (*to == Nation::wales ? "Wales" : "England") + ": the checklist follows " +
              (nation == Nation::wales ? "Wales's ALN system" : "England's SEN system") +
              " of the sending setting; agree with the receiving authority how its own system takes the plan over");
  }
  for (auto& move : inputs.moves.list) {
    if (move.from_setting.empty()) move.from_setting = ctf.source_school;
    if (move.to_setting.empty()) move.to_setting = ctf.dest_school;
    move.nation = nation;
  }
  inputs.learners = std::move(ctf.learners);
  return inputs;
}

Inputs read_record_inputs(const Options& options) {
  if (options.moves_path.empty()) throw Error(ErrorKind::usage, "--moves FILE is required (or --ctf FILE.xml)");
  Inputs inputs;
  inputs.moves = read_moves(options.input_file(options.moves_path), Checklist::builtin());
  keep_chosen_moves(inputs.moves, options);
  if (const auto stated = stated_nation(options); !stated.empty())
    for (auto& move : inputs.moves.list) move.nation = *parse_nation(stated);
  std::set<std::string, std::less<>> movers;
  for (const auto& move : inputs.moves.list) movers.insert(move.id);
  inputs.learners = read_learners(options.input_file(), movers);
  inputs.learners_source = options.common.input == "-" || options.common.input.empty() ? "<stdin>" : options.common.input;
  return inputs;
}

void check_every_mover_known(const Inputs& inputs, const Options& options) {
  for (const auto& move : inputs.moves.list) {
    if (inputs.learners.contains(move.id)) continue;
    const std::string value = options.common.verbose ? " '" + move.id + "'" : "";
    throw data_error({inputs.moves.source, move.line, "id"}, "no learner with this id" + value + " in " + inputs.learners_source,
                     "the id of a learner in the learner records, or the UPN of a pupil in the CTF");
  }
}

// Where the packs go, worked out from -o, --format and --documents.
struct Destination {
  bool to_folders = false;                        // -o DIR without --format
  std::optional<DocumentFormat> document_format;  // --format md, html, txt, pdf or docx
  std::vector<DocumentFormat> folder_formats;     // --documents
};

Destination plan_destination(const Options& options) {
  Destination destination;
  destination.to_folders = !options.common.output.empty() && options.common.format.empty();
  destination.document_format = parse_document_format(options.common.format);
  for (const auto name : split_list(options.document_formats, ',')) {
    const auto format = parse_document_format(name);
    if (!format)
      throw Error(ErrorKind::usage, "--documents: '" + std::string(name) + "' is not a document format (md, html, txt, pdf, docx)");
    destination.folder_formats.push_back(*format);
  }
  return destination;
}

// Every input read and checked, so that nothing is written from input that turns out bad.
Inputs read_inputs(const Options& options, const Tool& tool) {
  Inputs inputs = options.ctf_path.empty() ? read_record_inputs(options) : read_ctf_inputs(options, tool);
  if (!inputs.moves.has_consent_column) {
    tool.warn(inputs.moves.source + ": there is no consent_to_share column: treated as no consent, so no personal profile " +
              "goes to the receiving setting");
  }
  check_every_mover_known(inputs, options);
  if (!options.profiles_path.empty()) read_profiles(options.input_file(options.profiles_path), inputs.learners);
  if (!options.achievements_path.empty()) {
    std::set<std::string, std::less<>> movers;
    for (const auto& move : inputs.moves.list) movers.insert(move.id);
    inputs.achievements = read_achievements(options.input_file(options.achievements_path), movers);
  }
  return inputs;
}

// One warning for each kind of date a reader should look at, naming the first.
void warn_about_dates(const std::vector<Pack>& packs, const Options& options, const Tool& tool) {
  std::size_t late = 0, outside = 0, overdue = 0;
  std::string first_late, first_outside, first_overdue;
  std::vector<std::string> outside_steps;  // which steps and meetings, by code (not who)
  for (const auto& pack : packs) {
    if (first_late.empty() && !pack.late.empty()) first_late = pack.id + " " + pack.late.front();
    if (first_outside.empty() && !pack.outside_calendar.empty()) first_outside = pack.id + " " + pack.outside_calendar.front();
    if (first_overdue.empty() && !pack.overdue.empty()) first_overdue = pack.id + " " + pack.overdue.front();
    late += pack.late.size();
    outside += pack.outside_calendar.size();
    overdue += pack.overdue.size();
    for (const auto& entry : pack.outside_calendar) {
      const auto code = entry.substr(0, entry.find(' '));
      if (std::find(outside_steps.begin(), outside_steps.end(), code) == outside_steps.end()) outside_steps.push_back(code);
    }
  }
  const auto who = [&](const std::string& first) { return options.common.verbose ? " (first: " + first + ")" : ""; };
  if (overdue > 0) {
    tool.warn(std::to_string(overdue) + " statutory step" + (overdue == 1 ? " is" : "s are") +
              " overdue: the date the law sets passed before the pack was made; marked overdue in the checklist with the date " +
              (overdue == 1 ? "it was" : "each was") + " due, and set for the first day after" + who(first_overdue));
  }
  if (late > 0) {
    tool.warn(std::to_string(late) + " checklist date" + (late == 1 ? " was" : "s were") +
              " due before the pack was made or the CTF exported: marked late in the checklist and set for the first day after" +
              who(first_late));
  }
  if (outside > 0) {
    std::string steps;
    for (const auto& code : outside_steps) steps += (steps.empty() ? "" : ", ") + code;
    tool.warn(
        std::to_string(outside) + " date" + (outside == 1 ? " is" : "s are") + " outside the school days of " + options.term_dates_path +
        " (beyond its terms, or a move date in a holiday or at a weekend): set on a weekday but not checked against the school calendar, " +
        "marked in the checklist: " + steps + who(first_outside));
  }
}

}  // namespace

int run(const Options& options, const Tool& tool) {
  const auto meeting_time = parse_clock_time(options.meeting_time);
  if (!meeting_time) throw Error(ErrorKind::usage, "--meeting-time must be a 24-hour time such as 15:30");
  const PackOptions pack_options{options.audience, options.timezone, *meeting_time, options.meeting_minutes, options.names_in_calendar};
  const Calendar zone_check(options.timezone);  // an unknown zone is a usage error before any reading
  if (!options.ctf_path.empty() && options.common.input != "-") {
    throw Error(ErrorKind::usage, "give learner records or --ctf FILE.xml, not both");
  }
  // They stand in for a moves file: beside one (or without a CTF) they would be ignored.
  if ((!options.kind.empty() || !options.move_date.empty()) && (options.ctf_path.empty() || !options.moves_path.empty()))
    throw Error(ErrorKind::usage, std::string(options.kind.empty() ? "--move-date" : "--kind") +
                                      " is for a CTF without --moves (every pupil's move); a moves file gives each move its own");
  const auto destination = plan_destination(options);
  tool.check_options(destination.to_folders           ? "pack folders"
                     : destination.document_format    ? "documents"
                     : options.common.format == "ics" ? "ics"
                                                      : "ndjson");
  if (destination.to_folders) options.documents.check_paper(destination.folder_formats);
  if (destination.document_format) options.documents.check_paper({*destination.document_format});
  // Templates are checked before any input is read.
  std::optional<PackDocuments> documents;
  if (destination.to_folders || destination.document_format)
    documents.emplace(options.documents, [&](const std::string& message) { tool.warn(message); });

  Scheduling scheduling;
  // The day the pack is made: --as-of, or today (SOURCE_DATE_EPOCH when set, as for the calendar's stamp).
  scheduling.not_before = option_date_or_today("--as-of", options.as_of, options.common.date_order());
  std::optional<TermDates> terms;
  if (!options.term_dates_path.empty()) {
    terms.emplace(TermDates::load(options.common.input_options(options.term_dates_path), options.common.date_order()));
    scheduling.terms = &*terms;
  }

  const Inputs inputs = read_inputs(options, tool);
  if (inputs.exported && *inputs.exported > scheduling.not_before) scheduling.not_before = *inputs.exported;
  std::vector<Pack> packs;
  const std::vector<Achievement> none;
  for (const auto& move : inputs.moves.list) {
    const auto found = inputs.achievements.find(move.id);
    packs.push_back(build_pack(inputs.learners.at(move.id), move, found == inputs.achievements.end() ? none : found->second,
                               Checklist::builtin(), pack_options, scheduling));
  }
  warn_about_dates(packs, options, tool);

  if (destination.to_folders) {
    write_pack_folders(options.common.output, packs, options.timezone, *documents, destination.folder_formats,
                       [&](const std::string& message) { tool.warn(message); });
  } else if (destination.document_format) {
    write_documents(options.common.output, packs, *documents, *destination.document_format);
  } else if (options.common.format == "ics") {
    write_calendar(options.common.output, packs, options.timezone);
  } else {
    write_ndjson(options.common.output, packs);
  }
  return 0;
}

}  // namespace waymark::transition
