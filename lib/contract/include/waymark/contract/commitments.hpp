// Turning a plan's targets into what each side promises: "I will ..." for the young person's own
// targets, "We will ..." for those of the key person and the setting.
#pragma once

#include <string>
#include <string_view>

namespace waymark::contract {

// Whether the target's owner is the young person: "young person", "learner", "student", "pupil",
// "me", "I", or their given name, in any case.
bool owned_by_young_person(std::string_view owner, std::string_view given_name);

// A target as the clause that follows "I will" or "We will": a leading "I will", "We will" or "To"
// dropped, the first letter lowered unless the word is a name or an acronym ("GCSE", "Ms"),
// a closing full stop dropped (the template adds its own). "Be in school by 8:40." -> "be in
// school by 8:40".
std::string commitment_clause(std::string_view target);

}  // namespace waymark::contract
