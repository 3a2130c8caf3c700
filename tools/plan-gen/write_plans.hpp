// plan-gen's run: learners in, one plan each out, as plan JSON or as documents.
#pragma once

#include <string>
#include <vector>

#include "waymark/cli.hpp"
#include "waymark/document_options.hpp"
#include "waymark/learners_chosen.hpp"

namespace waymark::plan {

struct Options {
  CommonOptions common;
  DocumentOptions documents;
  std::string targets_path;
  std::string profiles_path;
  std::vector<std::string> actions;
  std::string start;
  std::string review_every = "6w";
  int reviews = 3;
  std::string term_dates_path;  // --term-dates
  std::string progress_path;    // --progress: reviews of targets
  bool strict = false;
  std::string audience = "young-person";  // young-person or staff
  LearnersChosen chosen;                  // --id: only these learners' plans
  std::string support_log_path;           // --support-log: the plans' actions as a support log (waymark-support(5))
};

// Returns the exit code: 1 with --strict when a target is not SMART, 0 otherwise.
int write_plans(const Tool& tool, const Options& options);

}  // namespace waymark::plan
