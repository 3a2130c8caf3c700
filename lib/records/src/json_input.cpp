#include "waymark/json_input.hpp"

#include <fmt/format.h>

namespace waymark {

std::string json_parse_reason(const nlohmann::json::parse_error& error) {
  // "[json.exception.parse_error.101] parse error at line 1, column 9: syntax error while parsing
  // value - invalid literal; last read: 'tru'; expected ..."
  std::string reason = error.what();
  if (const auto colon = reason.find(": "); colon != std::string::npos) reason.erase(0, colon + 2);
  if (const auto quoted = reason.find("; last read: '"); quoted != std::string::npos) {
    // The expected part, if any, follows the quoted data; the data may hold anything, but the
    // expected part never holds "'; expected ", so the last one ends the data.
    const auto expected = reason.rfind("'; expected ");
    std::string tail = expected != std::string::npos && expected > quoted ? reason.substr(expected + 1) : "";
    reason = reason.substr(0, quoted) + tail;
  }
  return reason;
}

std::size_t find_too_deep(std::string_view text, std::size_t limit) {
  std::size_t depth = 0;
  bool in_string = false;
  for (std::size_t i = 0; i < text.size(); ++i) {
    const char c = text[i];
    if (in_string) {
      if (c == '\\') ++i;
      else if (c == '"') in_string = false;
    } else if (c == '"') {
      in_string = true;
    } else if (c == '[' || c == '{') {
      if (++depth > limit) return i;
    } else if ((c == ']' || c == '}') && depth > 0) {
      --depth;
    }
  }
  return std::string_view::npos;
}

std::string too_deep_problem(std::size_t limit) { return fmt::format("arrays and objects nested more than {} deep", limit); }

}  // namespace waymark
