// Errors the libraries raise: a kind and a message in the one format every tool prints.
#pragma once

#include <stdexcept>
#include <string>
#include <string_view>

namespace waymark {

// What kind of failure an Error is. The library says what went wrong; a program decides what to
// do about it (the tools map each kind to an exit status: waymark/cli.hpp).
enum class ErrorKind {
  usage,          // a bad option, argument or combination of them
  bad_data,       // the input's values or structure are wrong
  missing_input,  // an input file is missing or cannot be opened
  cannot_create,  // an output file or folder cannot be created
  io,             // reading or writing failed part way
  internal,       // a bug in waymark, not a problem with the input
};

// Where in the input a problem is: file, 1-based line, column name. Empty parts are left out.
struct Location {
  std::string file;
  long line = 0;
  std::string column;      // the heading as the file writes it
  std::string field = {};  // the field of waymark's it stands for, said where it differs from the heading
};

// An error of `kind`. `what()` is the full message without the tool prefix:
// "file:line: column 'x': what is wrong (what was expected)", or "column 'Attendance %'
// (attendance_pct): ..." where the heading stands for a field of another name.
class Error : public std::runtime_error {
 public:
  Error(ErrorKind kind, const std::string& message) : std::runtime_error(message), kind_(kind) {}
  ErrorKind kind() const noexcept { return kind_; }

 private:
  ErrorKind kind_;
};

// `message` made safe for a terminal: control characters (C0 and C1, but not line breaks) and
// bytes that are not valid UTF-8 become \xNN, so an input's bytes can never move the cursor, change
// colours or garble what follows. Every message a tool prints passes through this.
std::string printable(std::string_view message);

// Builds the message of docs/conventions.md ("Messages") from a location, a problem and what was expected.
std::string describe(const Location& where, const std::string& problem, const std::string& expected = {});

// A bad value or structure in the input data (ErrorKind::bad_data).
Error data_error(const Location& where, const std::string& problem, const std::string& expected = {});

// A value that does not parse, before it has a location; the reader adds file, line and column.
class FieldError : public std::runtime_error {
 public:
  FieldError(const std::string& problem, std::string expected) : std::runtime_error(problem), expected_(std::move(expected)) {}
  const std::string& expected() const noexcept { return expected_; }

 private:
  std::string expected_;
};

// Raised when standard output's reader has gone away (`| head`): the run ends quietly with 0.
struct BrokenPipe {};

}  // namespace waymark
