// The one Mustache engine behind the documents (mstch), seen by the rest of the library only
// through this function: data arrives as JSON and text leaves as a string, so the engine can be
// replaced here alone. tests/unit/test_mustache_spec.cpp holds it to the Mustache spec.
#pragma once

#include <functional>
#include <map>
#include <nlohmann/json.hpp>
#include <string>

namespace waymark {

// Renders `text` with `data`. {{x}} goes through `escape`; {{{x}}} and {{&x}} do not. A section
// is skipped for false, null, an empty list, an empty string and the number 0 (what the templates
// rely on: "{{#count}}" shows nothing for none). Numbers that are not whole print with at most two
// decimals, as waymark prints numbers. `partials` are the templates {{>name}} names (documents
// have none: check_template refuses the tag).
std::string render_mustache(const std::string& text, const nlohmann::json& data,
                            const std::function<std::string(const std::string&)>& escape,
                            const std::map<std::string, std::string>& partials = {});

}  // namespace waymark
