// transition-pack's whole run: read and check every input, build the packs, then write them, so
// that bad input never leaves part of the output behind.
#pragma once

#include "options.hpp"
#include "waymark/cli.hpp"

namespace waymark::transition {

// Returns the exit code; throws Error on bad input or options.
int run(const Options& options, const Tool& tool);

}  // namespace waymark::transition
