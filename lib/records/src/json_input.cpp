#include "waymark/json_input.hpp"

#include <fmt/format.h>

#include <algorithm>
#include <type_traits>

namespace waymark {

namespace {

// nlohmann's own builder of values, its events passed through, with what it would have thrown
// kept instead: a refusal, where it is and the outermost member it is in.
template <class Json, class Builder>
class RefusalCatcher {
 public:
  using number_integer_t = typename Json::number_integer_t;
  using number_unsigned_t = typename Json::number_unsigned_t;
  using number_float_t = typename Json::number_float_t;
  using string_t = typename Json::string_t;
  using binary_t = typename Json::binary_t;

  RefusalCatcher(Builder& builder, std::string_view text) : builder_(builder), text_(text) {}

  bool null() { return builder_.null(); }
  bool boolean(bool value) { return builder_.boolean(value); }
  bool number_integer(number_integer_t value) { return builder_.number_integer(value); }
  bool number_unsigned(number_unsigned_t value) { return builder_.number_unsigned(value); }
  bool number_float(number_float_t value, const string_t& text) { return builder_.number_float(value, text); }
  bool string(string_t& value) { return builder_.string(value); }
  bool binary(binary_t& value) { return builder_.binary(value); }
  bool start_object(std::size_t size) {
    ++depth_;
    return builder_.start_object(size);
  }
  bool key(string_t& name) {
    if (depth_ == 1) key_ = name;
    return builder_.key(name);
  }
  bool end_object() {
    --depth_;
    return builder_.end_object();
  }
  bool start_array(std::size_t size) {
    ++depth_;
    return builder_.start_array(size);
  }
  bool end_array() {
    --depth_;
    return builder_.end_array();
  }

  template <class Exception>
  bool parse_error(std::size_t position, const std::string& last_token, const Exception& error) {
    JsonRefusal refusal;
    if constexpr (std::is_same_v<Exception, nlohmann::json::parse_error>) {
      refusal.byte = error.byte;
      refusal.reason = json_parse_reason(error);
    } else if (error.id == 406) {
      // A number beyond a double's range (1e400): valid JSON, but not a number waymark can hold.
      // Its first byte, not the one after it.
      refusal.byte = position >= last_token.size() ? position - last_token.size() + 1 : position;
      refusal.reason = "a number too large to hold (beyond 1.7e308)";
      refusal.number_too_large = true;
    } else {
      refusal.byte = position;
      refusal.reason = "not JSON waymark can read";
    }
    refusal.byte = std::min(refusal.byte, text_.size());
    const auto upto = text_.begin() + static_cast<std::ptrdiff_t>(refusal.byte > 0 ? refusal.byte - 1 : 0);
    refusal.line = 1 + static_cast<long>(std::count(text_.begin(), upto, '\n'));
    refusal.key = key_;
    refusal_ = std::move(refusal);
    return false;
  }

  std::optional<JsonRefusal> refusal() && { return std::move(refusal_); }

 private:
  Builder& builder_;
  std::string_view text_;
  int depth_ = 0;
  std::string key_;
  std::optional<JsonRefusal> refusal_;
};

template <class Json, class Builder>
std::optional<JsonRefusal> parse_with(Builder& builder, std::string_view text, bool allow_comments) {
  RefusalCatcher<Json, Builder> catcher(builder, text);
  if (Json::sax_parse(text.begin(), text.end(), &catcher, nlohmann::json::input_format_t::json, /*strict=*/true, allow_comments))
    return std::nullopt;
  auto refusal = std::move(catcher).refusal();
  // A parser that stops without saying why would be a bug in it; still, the text is not read.
  if (!refusal) refusal = JsonRefusal{1, 1, {}, "not JSON waymark can read", false};
  return refusal;
}

}  // namespace

std::optional<JsonRefusal> parse_json(std::string_view text, nlohmann::json& value, bool allow_comments, const JsonFilter& filter) {
  value = nlohmann::json();
  if (filter) {
    nlohmann::detail::json_sax_dom_callback_parser<nlohmann::json> builder(value, filter, /*allow_exceptions=*/false);
    return parse_with<nlohmann::json>(builder, text, allow_comments);
  }
  nlohmann::detail::json_sax_dom_parser<nlohmann::json> builder(value, /*allow_exceptions=*/false);
  return parse_with<nlohmann::json>(builder, text, allow_comments);
}

std::optional<JsonRefusal> parse_json(std::string_view text, nlohmann::ordered_json& value, bool allow_comments) {
  value = nlohmann::ordered_json();
  nlohmann::detail::json_sax_dom_parser<nlohmann::ordered_json> builder(value, /*allow_exceptions=*/false);
  return parse_with<nlohmann::ordered_json>(builder, text, allow_comments);
}

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
      if (c == '\\')
        ++i;
      else if (c == '"')
        in_string = false;
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
