// transition-pack: the pack for a young person's move to another setting (Action 11 of the
// Orienta4YEL toolkit; Action 12 for alternative provision). The options; the run is run.cpp, its
// outputs pack_output.cpp and documents.cpp; reading the inputs and making the packs is
// lib/transition (moves, learners, achievements, the CTF, the checklist, the pack, the calendar).
#include "options.hpp"
#include "run.hpp"

int main(int argc, char** argv) {
  using namespace waymark;
  using namespace waymark::transition;
  Tool tool("transition-pack",
            "Build the pack for each young person who moves to another setting: a one-page profile (as their consent\n"
            "allows), the academic record, the checklist of support actions before, at and after the move with owners\n"
            "and dates, and settling-in meetings a week, a month, three and six months after it as an iCalendar file.\n"
            "Reads learner records with --moves (and --achievements), or a DfE Common Transfer File with --ctf.");
  Options options;
  tool.add_common_options(options.common, {"ndjson", "ics", "md", "html", "txt", "pdf", "docx"});
  add_document_options(tool, options.documents);
  auto& app = tool.app();
  app.get_option("-o")->description(
      "Output directory: a folder per learner (pack.json, settling-in.ics, the documents), created 0700,\n"
      "files 0600. With --format, the file to write instead of standard output");
  app.get_option("--format")
      ->description(
          "ndjson: the packs, one a line (the default without -o); ics: every meeting in one\n"
          "calendar; md, html, txt, pdf, docx: every pack's documents, one after another");
  app.add_option("--documents", options.document_formats,
                 "Formats of the documents in each learner's folder (default md,html,txt; pdf, docx too; '' for none)");
  app.add_option("--moves", options.moves_path,
                 "The moves: id, kind, from_setting, to_setting, move_date, transition_manager,\n"
                 "receiving_contact, receiving_contact_email, consent_to_share (man 5 waymark-records)");
  app.add_option("--achievements", options.achievements_path, "Achievements for the academic record: id, date, area, achievement");
  app.add_option("--profiles", options.profiles_path,
                 "One-page profiles written with the young person: id and the profile columns\n"
                 "(appreciated_for, important_to_me, how_to_support_me, ...; man 5 waymark-records)");
  app.add_option("--ctf", options.ctf_path,
                 "Read the pupils from a DfE Common Transfer File (XML, versions 24 and 25) instead of learner records");
  app.add_option("--kind", options.kind,
                 "With --ctf and no --moves: the kind of every pupil's move\n"
                 "(end_of_key_stage, mid_term, managed_move, alternative_provision)");
  app.add_option("--move-date", options.move_date, "With --ctf and no --moves: the date of every pupil's move");
  app.add_option("--term-dates", options.term_dates_path,
                 "The school's terms: a CSV with start and end columns (man 5 waymark-records);\n"
                 "checklist dates and meetings fall on school days in them");
  app.add_option("--as-of", options.as_of,
                 "The day the pack is made (default today): nothing is scheduled before it, nor\n"
                 "before a CTF's export; an item due earlier is marked late");
  app.add_option("--nation", options.nation,
                 "Where the sending setting is, whose law the checklist follows: england (SEN, EHC\n"
                 "plans) or wales (ALN, IDPs); default: a CTF's source authority (660-681 is Wales), else england")
      ->check(CLI::IsMember({"england", "wales"}, CLI::ignore_case));
  std::string audience = "receiving";
  app.add_option("--audience", audience,
                 "Who the pack is for: receiving (the profile only with consent_to_share; default)\n"
                 "or young-person (their own full copy)")
      ->check(CLI::IsMember({"receiving", "young-person"}));
  app.add_option("--timezone", options.timezone, "The setting's time zone for meeting times (default Europe/London)");
  app.add_option("--meeting-time", options.meeting_time, "Time of settling-in meetings not booked in the moves file (default 10:00)");
  app.add_option("--meeting-minutes", options.meeting_minutes, "Length of a settling-in meeting in minutes (default 30)")
      ->check(CLI::Range(5, 480));
  app.add_flag("--names-in-calendar", options.names_in_calendar, "Put the learner's name in event titles (default: their id only)");
  options.chosen.add_option(tool, "packs", "an id with no move");
  // Which options take effect in which mode (docs/conventions.md, "Options by mode"); y takes
  // effect, - is refused. Pack folders are -o DIR without --format; the documents are --format md,
  // html, txt, pdf or docx. The calendar holds meetings only: no profile, record or document.
  tool.set_option_modes({{"pack folders", "ndjson", "ics", "documents", "--show-columns"},
                         {
                             {"input", "yyyyy"},
                             {"--output", "yyyy-"},
                             {"--format", "yyyy-"},
                             {"--input-format", "yyyyy"},
                             {"--delimiter", "yyyyy"},
                             {"--encoding", "yyyyy"},
                             {"--sheet", "yyyyy"},
                             {"--columns", "yyyyy"},
                             {"--show-columns", "----y"},
                             {"--date-format", "yyyy-"},
                             {"--verbose", "yyyy-"},
                             {"--template", "-----"},  // a pack has three: --templates DIR replaces them
                             {"--templates", "y--y-"},
                             {"--set", "yy-y-"},  // school.nation decides the checklist in the pack JSON too
                             {"--settings", "yy-y-"},
                             {"--paper", "y--y-"},
                             {"--lang", "y--y-"},
                             {"--documents", "y----"},
                             {"--moves", "yyyy-"},
                             {"--achievements", "yy-y-"},
                             {"--profiles", "yy-y-"},
                             {"--ctf", "yyyy-"},
                             {"--kind", "yyyy-"},
                             {"--move-date", "yyyy-"},
                             {"--term-dates", "yyyy-"},
                             {"--as-of", "yyyy-"},
                             {"--nation", "yy-y-"},  // the checklist's law; the calendar holds only meetings
                             {"--audience", "yy-y-"},
                             {"--timezone", "yyyy-"},
                             {"--meeting-time", "yyyy-"},
                             {"--meeting-minutes", "yyyy-"},
                             {"--names-in-calendar", "y-y--"},
                             {"--id", "yyyy-"},
                         }});
  return tool.run(argc, argv, [&] {
    options.audience = audience == "young-person" ? Audience::young_person : Audience::receiving;
    return run(options, tool);
  });
}
