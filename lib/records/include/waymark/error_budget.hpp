// "All the errors at once": a run that reads on past a bad value (risk-check's --max-errors, the
// support log) reports each, and fails once at the end. Not the command line's: a library that
// reads a file this way uses it too.
#pragma once

#include <cstddef>
#include <optional>
#include <string>

#include "waymark/errors.hpp"
#include "waymark/records.hpp"

namespace waymark {

// "All the errors at once": bad values are reported as they are found, up to a limit, and the
// run then fails with a bad_data error (and so writes no output file) instead of stopping at the first.
class ErrorBudget {
 public:
  // `report` prints one message; at most `limit` are reported (0: no limit).
  ErrorBudget(std::size_t limit, MessageSink report);
  // Runs `read`; a bad_data error it throws is reported and counted, and false returned so
  // the caller passes over that record. Past the limit the run ends with a count.
  template <class Read>
  bool attempt(Read&& read) {
    try {
      read();
      return true;
    } catch (const Error& e) {
      if (e.kind() != ErrorKind::bad_data) throw;
      report(e);
      return false;
    }
  }
  // Throws if any value was bad: the error itself if it was the only one, else Error(data) saying
  // how many there were.
  void finish();

 private:
  void report(const Error& e);
  [[noreturn]] void end(const std::string& how_many);
  std::size_t limit_;
  MessageSink report_;
  std::size_t count_ = 0;
  // The latest error, held back so that a run with one bad value ends with it, as it always has.
  std::optional<Error> latest_;
};

}  // namespace waymark
