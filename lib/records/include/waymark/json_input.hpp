// JSON from users' files: why a text is not JSON, said without quoting it, and a bound on nesting.
#pragma once

#include <cstddef>
#include <functional>
#include <nlohmann/json.hpp>
#include <optional>
#include <string>
#include <string_view>

namespace waymark {

// nlohmann's reason for refusing a text, without its position (the caller says where, as a line)
// and without the "last read: '...'" part, which quotes the data: "syntax error while parsing
// object - unexpected end of input; expected string literal".
std::string json_parse_reason(const nlohmann::json::parse_error& error);

// Why and where a text is not JSON waymark can read, said without quoting it.
struct JsonRefusal {
  std::size_t byte = 0;           // 1-based offset in the text where the problem starts
  long line = 1;                  // 1-based line of that byte in the text
  std::string key;                // the member of the outermost object it is in ("attendance_pct"), if any
  std::string reason;             // "syntax error while parsing ...", "a number too large to hold ..."
  bool number_too_large = false;  // a value, not the syntax: the member (key) is worth naming
};

// Decides, as nlohmann's parser callback does, whether to keep what was just parsed.
using JsonFilter = std::function<bool(int depth, nlohmann::json::parse_event_t event, nlohmann::json& parsed)>;

// Parses one JSON value. Every way nlohmann refuses a text (a syntax error, and apart from those a
// number too large for a double, 1e400, which it throws as out_of_range) comes back as a refusal,
// never as an exception: what a file holds is bad data, never an internal error. `value` is
// unspecified after a refusal.
std::optional<JsonRefusal> parse_json(std::string_view text, nlohmann::json& value, bool allow_comments = false,
                                      const JsonFilter& filter = {});
std::optional<JsonRefusal> parse_json(std::string_view text, nlohmann::ordered_json& value, bool allow_comments = false);

// How deeply arrays and objects may nest in one value. Records, plans and rules nest a few levels;
// a limit keeps hostile input from exhausting the stack of code that walks a value recursively.
inline constexpr std::size_t max_json_depth = 64;

// The offset of the first '[' or '{' (outside strings) that opens a level beyond `limit`, or
// std::string_view::npos if there is none. Linear in the text, whether or not it is valid JSON.
std::size_t find_too_deep(std::string_view text, std::size_t limit = max_json_depth);

// "arrays and objects nested more than 64 deep", for messages.
std::string too_deep_problem(std::size_t limit = max_json_depth);

}  // namespace waymark
