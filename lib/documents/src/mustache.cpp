// mstch 1.0.2 (Debian's libmstch-dev): it meets every test of the spec's required modules, where
// Debian's other header-only engine, kainjow-mustache 4.1, leaves lines of standalone comments,
// delimiter changes and partials in the output and resolves a broken dotted name from an outer
// section (tests/conformance/mustache-spec/README.md).
#include "mustache.hpp"

#include <mstch/mstch.hpp>

#include "waymark/fields.hpp"

namespace waymark {

namespace {

// Nested data as mstch nodes. Numbers that are not whole print as waymark prints numbers.
mstch::node to_mstch(const nlohmann::json& value) {
  switch (value.type()) {
    case nlohmann::json::value_t::object: {
      mstch::map map;
      for (const auto& item : value.items()) map.emplace(item.key(), to_mstch(item.value()));
      return map;
    }
    case nlohmann::json::value_t::array: {
      mstch::array array;
      for (const auto& item : value) array.push_back(to_mstch(item));
      return array;
    }
    case nlohmann::json::value_t::string: return value.get<std::string>();
    case nlohmann::json::value_t::boolean: return value.get<bool>();
    case nlohmann::json::value_t::number_integer:
    case nlohmann::json::value_t::number_unsigned: return static_cast<int>(value.get<long long>());
    case nlohmann::json::value_t::number_float: return format_number(value.get<double>(), 2);
    default: return std::string{};
  }
}

}  // namespace

std::string render_mustache(const std::string& text, const nlohmann::json& data,
                            const std::function<std::string(const std::string&)>& escape,
                            const std::map<std::string, std::string>& partials) {
  // mstch escapes through one global function, set for each render.
  mstch::config::escape = escape;
  return mstch::render(text, to_mstch(data), partials);
}

}  // namespace waymark
