#include "json_values.hpp"

#include <fmt/format.h>

#include <algorithm>

#include "waymark/errors.hpp"

namespace waymark::contract {

namespace {

bool is_json_space(int c) { return c == ' ' || c == '\t' || c == '\n' || c == '\r'; }

}  // namespace

JsonValues::JsonValues(std::unique_ptr<ChunkedInput> input) : input_(std::move(input)) {
  cursor_ = input_->begin();
  skip_space();
  if (peek() == '[') {
    in_array_ = true;
    advance();
  }
}

int JsonValues::peek() {
  if (cursor_ == input_->end()) {
    // refill moves what is kept to the front of the window even when nothing more comes.
    const bool more = input_->refill(cursor_);
    cursor_ = input_->begin();
    if (!more && cursor_ == input_->end()) return -1;
  }
  return static_cast<unsigned char>(*cursor_);
}

void JsonValues::advance() {
  if (*cursor_ == '\n') ++line_;
  ++cursor_;
}

void JsonValues::skip_space() {
  while (is_json_space(peek())) advance();
}

void JsonValues::not_json(long line, const std::string& what) const {
  throw data_error({input_->name(), line, {}}, "not valid JSON: " + what, "plans as plan-gen --format json or ndjson writes them");
}

// The text of one value: an object or array up to its matching bracket (strings respected), or a
// bare word up to white space, ',' or ']' (which nlohmann then rejects with a reason).
std::string JsonValues::read_value_text() {
  std::string text;
  int depth = 0;
  bool in_string = false;
  for (int c = peek(); c != -1; c = peek()) {
    if (in_string) {
      text += static_cast<char>(c);
      advance();
      if (c == '\\') {
        if (peek() == -1) break;
        text += static_cast<char>(peek());
        advance();
      } else if (c == '"') {
        in_string = false;
      }
      continue;
    }
    if (depth == 0 && !text.empty() && (is_json_space(c) || c == ',' || c == ']')) break;
    text += static_cast<char>(c);
    advance();
    if (c == '"') in_string = true;
    else if (c == '{' || c == '[') ++depth;
    else if ((c == '}' || c == ']') && --depth <= 0) break;
  }
  return text;
}

bool JsonValues::next(nlohmann::json& value, long& line) {
  skip_space();
  if (in_array_) {
    if (array_closed_) {
      if (peek() != -1) not_json(line_, "text after the end of the array");
      return false;
    }
    if (peek() == ']') {
      advance();
      array_closed_ = true;
      skip_space();
      if (peek() != -1) not_json(line_, "text after the end of the array");
      return false;
    }
    if (seen_element_) {
      if (peek() != ',') not_json(line_, peek() == -1 ? "the array is never closed" : "expected ',' or ']' after a plan");
      advance();
      skip_space();
    }
    if (peek() == -1) not_json(line_, "the array is never closed");
  } else if (peek() == -1) {
    return false;
  }
  line = line_;
  const std::string text = read_value_text();
  try {
    value = nlohmann::json::parse(text);
  } catch (const nlohmann::json::parse_error& e) {
    // Where in the value it went wrong, as a line of the file; nlohmann's reason without the
    // "last read" part, which would quote the data.
    const std::size_t upto = std::min<std::size_t>(e.byte > 0 ? e.byte - 1 : 0, text.size());
    const long error_line = line + static_cast<long>(std::count(text.begin(), text.begin() + static_cast<long>(upto), '\n'));
    std::string reason = e.what();
    if (const auto colon = reason.find(": "); colon != std::string::npos) reason = reason.substr(colon + 2);
    if (const auto quoted = reason.find("; last read: "); quoted != std::string::npos) {
      const auto expected = reason.rfind("; expected ");
      reason = reason.substr(0, quoted) + (expected != std::string::npos && expected > quoted ? reason.substr(expected) : "");
    }
    not_json(error_line, reason);
  }
  seen_element_ = true;
  return true;
}

}  // namespace waymark::contract
