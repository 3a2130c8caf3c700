// Errors and the exit codes every waymark tool shares (the conventions of every man page's EXIT STATUS).
#pragma once

#include <stdexcept>
#include <string>
#include <string_view>

namespace waymark {

// Exit codes follow sysexits.h where one fits, so shell scripts can tell failures apart.
enum class Exit : int {
  ok = 0,
  fail_on = 1,        // the run worked but found what --fail-on asked about
  usage = 2,          // bad option or argument
  data = 65,          // bad input data (EX_DATAERR)
  no_input = 66,      // input missing or unreadable (EX_NOINPUT)
  cant_create = 73,   // cannot create output (EX_CANTCREAT)
  io = 74,            // I/O error while reading or writing (EX_IOERR)
  software = 70,      // an internal error: a bug in waymark (EX_SOFTWARE)
};

// Where in the input a problem is: file, 1-based line, column name. Empty parts are left out.
struct Location {
  std::string file;
  long line = 0;
  std::string column;  // the heading as the file writes it
  std::string field = {};  // the field of waymark's it stands for, said where it differs from the heading
};

// An error that ends the run with `code`. `what()` is the full message without the tool prefix:
// "file:line: column 'x': what is wrong (what was expected)", or "column 'Attendance %'
// (attendance_pct): ..." where the heading stands for a field of another name.
class Error : public std::runtime_error {
 public:
  Error(Exit code, const std::string& message) : std::runtime_error(message), code_(code) {}
  Exit code() const noexcept { return code_; }

 private:
  Exit code_;
};

// `message` made safe for a terminal: control characters (C0 and C1, but not line breaks) and
// bytes that are not valid UTF-8 become \xNN, so an input's bytes can never move the cursor, change
// colours or garble what follows. Every message a tool prints passes through this.
std::string printable(std::string_view message);

// Builds the message of docs/conventions.md ("Messages") from a location, a problem and what was expected.
std::string describe(const Location& where, const std::string& problem, const std::string& expected = {});

// A bad value or structure in the input data (exit 65).
Error data_error(const Location& where, const std::string& problem, const std::string& expected = {});

// A value that does not parse, before it has a location; the reader adds file, line and column.
class FieldError : public std::runtime_error {
 public:
  FieldError(const std::string& problem, std::string expected)
      : std::runtime_error(problem), expected_(std::move(expected)) {}
  const std::string& expected() const noexcept { return expected_; }

 private:
  std::string expected_;
};

// Raised when standard output's reader has gone away (`| head`): the run ends quietly with 0.
struct BrokenPipe {};

}  // namespace waymark
