// Values as schools write them, for fields whose values are codes (lib/records/data/codes.json):
// one vocabulary for every tool, so the census code 'K' and the words 'SEN Support' mean the same
// wherever they are read.
#pragma once

#include <cstdint>
#include <optional>
#include <string_view>

namespace waymark {

// Special educational needs provision (DfE census: N, K, E; a statement, S, is read as an EHC plan).
enum class SenProvision { none = 0, sen_support = 1, ehc_plan = 2 };

// "none", "sen_support", "ehcp": the words waymark writes.
std::string_view to_string(SenProvision provision);
// A value as schools write it (case, spaces, '_', '-' and '.' ignored); nullopt if it is none of them.
std::optional<SenProvision> parse_sen_provision(std::string_view text);
// What parse_sen_provision accepts, for messages.
// A national curriculum year group as schools write it: 7, 'Year 7', 'Yr 07', 'Y7', 'NC Year 7';
// R (reception) is 0, N2 and N1 (nursery) -1 and -2. Nullopt for an empty value; throws
// FieldError for anything else (such as X, not following the national curriculum).
std::optional<int> parse_year_group(std::string_view text);
constexpr std::string_view year_group_expected = "a year group such as 7, Year 7, Yr 7 or Y7 (R for reception)";

constexpr std::string_view sen_provision_expected = "none, sen_support or ehcp; or the census codes N, K, E (S, a statement, is read as E)";

// The state of one piece of support in a support log (waymark-support(5)).
enum class SupportStatus : std::uint8_t { planned = 0, active = 1, ended = 2, declined = 3 };
std::string_view to_string(SupportStatus status);  // "planned", "active", "ended", "declined"
std::optional<SupportStatus> parse_support_status(std::string_view text);
constexpr std::string_view support_status_expected = "planned, active, ended or declined (or a synonym: waymark-support(5))";

}  // namespace waymark
