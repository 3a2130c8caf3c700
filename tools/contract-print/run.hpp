// contract-print's run: plans or rows in, one contract per learner out.
#pragma once

#include <string>

#include "view.hpp"
#include "waymark/cli.hpp"

namespace waymark::contract {

struct Options {
  CommonOptions common;
  DocumentOptions documents;
  std::string kind = "participation";
  bool parent_signature = false;
};

int print_contracts(const Options& options);

}  // namespace waymark::contract
