// risk-check's options for a support log (waymark-support(5)).
#pragma once

#include <CLI/CLI.hpp>

#include "waymark/risk/cohort.hpp"

namespace waymark::risk {

// --support, --support-names, --as-of, --unsupported, --impact, --since-date.
void add_support_options(CLI::App& app, Options& options);

}  // namespace waymark::risk
