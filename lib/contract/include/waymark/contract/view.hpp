// The data a contract template sees: the input's fields, the settings' defaults where the input
// has none, and the plan's targets turned into each side's commitments. Names and keys are listed
// in man/contract-print.1; every value is text the template escapes, so data never becomes markup.
#pragma once

#include <nlohmann/json.hpp>
#include <optional>
#include <string>
#include <string_view>

#include "waymark/contract/contract_input.hpp"
#include "waymark/fields.hpp"
#include "waymark/messages.hpp"

namespace waymark::contract {

enum class Kind { participation, mentoring, behaviour, restorative, community };

std::optional<Kind> parse_kind(std::string_view name);
std::string_view kind_name(Kind kind);                              // "participation": the template's name
std::string kind_title(Kind kind, const Messages& messages);        // "Contract of participation"
std::string collection_title(Kind kind, const Messages& messages);  // "Contracts of participation", for -o FILE

struct ViewOptions {
  Kind kind = Kind::participation;
  bool parent_signature = false;
  DateOrder date_order = DateOrder::iso;  // of rows; plans always hold ISO dates
  Messages messages;                      // --lang: dates, the kind's title and roles
};

// Throws Error(data) naming the source, line and field for a date that does not parse.
nlohmann::json build_view(const ContractInput& input, const nlohmann::json& settings, const ViewOptions& options);

}  // namespace waymark::contract
