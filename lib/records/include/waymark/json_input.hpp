// JSON from users' files: why a text is not JSON, said without quoting it, and a bound on nesting.
#pragma once

#include <cstddef>
#include <nlohmann/json.hpp>
#include <string>
#include <string_view>

namespace waymark {

// nlohmann's reason for refusing a text, without its position (the caller says where, as a line)
// and without the "last read: '...'" part, which quotes the data: "syntax error while parsing
// object - unexpected end of input; expected string literal".
std::string json_parse_reason(const nlohmann::json::parse_error& error);

// How deeply arrays and objects may nest in one value. Records, plans and rules nest a few levels;
// a limit keeps hostile input from exhausting the stack of code that walks a value recursively.
inline constexpr std::size_t max_json_depth = 64;

// The offset of the first '[' or '{' (outside strings) that opens a level beyond `limit`, or
// std::string_view::npos if there is none. Linear in the text, whether or not it is valid JSON.
std::size_t find_too_deep(std::string_view text, std::size_t limit = max_json_depth);

// "arrays and objects nested more than 64 deep", for messages.
std::string too_deep_problem(std::size_t limit = max_json_depth);

}  // namespace waymark
