// contract-print's run: plans or rows in, one contract per learner out.
#pragma once

#include <functional>
#include <string>
#include <vector>

#include "waymark/cli.hpp"
#include "waymark/contract/view.hpp"
#include "waymark/document_options.hpp"
#include "waymark/learners_chosen.hpp"

namespace waymark::contract {

struct Options {
  CommonOptions common;
  DocumentOptions documents;
  std::string kind = "participation";
  bool parent_signature = false;
  LearnersChosen chosen;  // --id: only these learners' contracts
};

// `warn` says once what --lang could not translate.
int print_contracts(const Options& options, const std::function<void(const std::string&)>& warn);

}  // namespace waymark::contract
