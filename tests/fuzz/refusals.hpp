// What every harness accepts from a reader given any bytes: success, or a refusal with a message
// (waymark::Error) of a documented kind. An internal error (exit 70), any other exception, a crash
// or a hang is a bug; the first two abort here so libFuzzer and the replay tests report them.
#pragma once

#include <cstdio>
#include <cstdlib>
#include <exception>

#include "waymark/errors.hpp"

namespace waymark::fuzz {

template <typename Run>
void expect_success_or_refusal(Run run) {
  try {
    run();
  } catch (const waymark::Error& error) {
    if (error.kind() == waymark::ErrorKind::internal) {
      std::fprintf(stderr, "internal error: %s\n", error.what());
      std::abort();
    }
  }
  // Anything else escapes to std::terminate, which aborts.
}

}  // namespace waymark::fuzz
