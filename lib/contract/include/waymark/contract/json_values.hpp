// Plan JSON as plan-gen writes it: one object, a JSON array of objects, or one object a line
// (NDJSON), read one value at a time so a file of 50,000 plans is never held whole.
#pragma once

#include <memory>
#include <nlohmann/json.hpp>
#include <string>

#include "waymark/input.hpp"

namespace waymark::contract {

class JsonValues {
 public:
  // `input` has its first chunk read and any byte order mark skipped; its first non-space byte is
  // '[' (a JSON array) or '{' (one or more objects separated by white space, NDJSON among them).
  explicit JsonValues(std::unique_ptr<ChunkedInput> input);

  // The next value and the line it starts on; false at the end. Throws Error(data) naming the
  // file and line when the text is not valid JSON.
  bool next(nlohmann::json& value, long& line);
  const std::string& source_name() const { return input_->name(); }

 private:
  int peek();
  void advance();
  void skip_space();
  std::string read_value_text();
  [[noreturn]] void not_json(long line, const std::string& what) const;

  std::unique_ptr<ChunkedInput> input_;
  char* cursor_;
  long line_ = 1;
  bool in_array_ = false;
  bool array_closed_ = false;
  bool seen_element_ = false;
};

}  // namespace waymark::contract
