#include "waymark/contract/json_values.hpp"

#include <fmt/format.h>

#include <algorithm>

#include "waymark/errors.hpp"
#include "waymark/json_input.hpp"

namespace waymark::contract {

namespace {

bool is_json_space(int c) { return c == ' ' || c == '\t' || c == '\n' || c == '\r'; }

// A plan's actions (the catalogue's text, most of its bytes), well-being and self-determination
// prompts are for the plan document, not for an agreement: once a "schema" or "learner" key shows
// the object is a plan, they are dropped while parsing, never built. Rows keep every field (a
// restorative row has "actions" of its own).
bool skip_unused_plan_parts(bool& is_plan, int depth, nlohmann::json::parse_event_t event, const nlohmann::json& parsed) {
  if (depth != 1 || event != nlohmann::json::parse_event_t::key || !parsed.is_string()) return true;
  const auto& key = parsed.get_ref<const std::string&>();
  if (key == "schema" || key == "learner") is_plan = true;
  return !is_plan || (key != "actions" && key != "self_determination" && key != "wellbeing");
}

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
// bare word up to white space, ',' or ']' (which nlohmann then rejects with a reason). Scans the
// input window a run at a time: plans are many kilobytes and this is on every document's path.
std::string JsonValues::read_value_text() {
  std::string text;
  int depth = 0;
  bool in_string = false, escaped = false, started = false, done = false;
  while (!done && peek() != -1) {
    char* p = cursor_;
    char* const end = input_->end();
    for (; p < end; ++p) {
      const char c = *p;
      if (in_string) {
        if (escaped)
          escaped = false;
        else if (c == '\\')
          escaped = true;
        else if (c == '"')
          in_string = false;
      } else if (started && depth == 0 && (is_json_space(c) || c == ',' || c == ']')) {
        done = true;  // the end of a bare word, which is not part of it
        break;
      } else {
        started = true;
        if (c == '"')
          in_string = true;
        else if (c == '{' || c == '[')
          ++depth;
        else if ((c == '}' || c == ']') && --depth <= 0) {
          ++p;
          done = true;
          break;
        }
      }
      if (c == '\n') ++line_;
    }
    text.append(cursor_, p);
    cursor_ = p;
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
  if (const auto at = find_too_deep(text); at != std::string_view::npos) {
    not_json(line + static_cast<long>(std::count(text.begin(), text.begin() + static_cast<std::ptrdiff_t>(at), '\n')), too_deep_problem());
  }
  bool is_plan = false;
  const auto refusal =
      parse_json(text, value, /*allow_comments=*/false, [&](int depth, nlohmann::json::parse_event_t event, nlohmann::json& parsed) {
        return skip_unused_plan_parts(is_plan, depth, event, parsed);
      });
  if (refusal) {
    // Where in the value it went wrong, as a line of the file.
    const long error_line = line + refusal->line - 1;
    if (refusal->number_too_large) {
      const std::string field = refusal->key.empty() ? std::string{} : "field '" + refusal->key + "': ";
      throw data_error({input_->name(), error_line, {}}, field + refusal->reason, "plans as plan-gen --format json or ndjson writes them");
    }
    not_json(error_line, refusal->reason);
  }
  seen_element_ = true;
  return true;
}

}  // namespace waymark::contract
