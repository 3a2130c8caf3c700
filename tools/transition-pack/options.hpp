// transition-pack's options as given on the command line.
#pragma once

#include <string>
#include <vector>

#include "waymark/cli.hpp"
#include "waymark/document_options.hpp"
#include "waymark/learners_chosen.hpp"
#include "waymark/transition/input_file.hpp"
#include "waymark/transition/pack.hpp"

namespace waymark::transition {

struct Options {
  CommonOptions common;                          // input: learner records; -o DIR; --format
  DocumentOptions documents;                     // --templates, --set, --settings, --paper
  std::string document_formats = "md,html,txt";  // --documents, in each learner's folder
  std::string moves_path;                        // --moves
  std::string achievements_path;                 // --achievements
  std::string profiles_path;                     // --profiles
  std::string ctf_path;                          // --ctf
  std::string kind;                              // --kind, for a CTF without --moves
  std::string move_date;                         // --move-date, for a CTF without --moves
  std::string term_dates_path;                   // --term-dates: the school calendar checklist dates fall in
  std::string as_of;                             // --as-of: the day the pack is made (default today)
  std::string nation;                            // --nation: england or wales (default: from a CTF's source school, else england)
  Audience audience = Audience::receiving;
  std::string timezone = "Europe/London";
  std::string meeting_time = "10:00";
  int meeting_minutes = 30;
  bool names_in_calendar = false;
  LearnersChosen chosen;  // --id: only these learners' packs

  // How the learner records are read; and another input, `path`, with the same options (its own
  // format and encoding).
  InputFile input_file() const { return {common.input_options(), common.date_order(), common.verbose}; }
  InputFile input_file(const std::string& path) const { return {common.input_options(path), common.date_order(), common.verbose}; }
};

}  // namespace waymark::transition
