// What each side of a contract promises (waymark/contract/commitments.hpp).
#include <catch2/catch.hpp>

#include "waymark/contract/commitments.hpp"

using waymark::contract::commitment_clause;
using waymark::contract::owned_by_young_person;

TEST_CASE("A target belongs to the young person by role or by their given name", "[contract]") {
  CHECK(owned_by_young_person("young person", "Amara"));
  CHECK(owned_by_young_person("Student", "Amara"));
  CHECK(owned_by_young_person(" amara ", "Amara"));
  CHECK_FALSE(owned_by_young_person("key person", "Amara"));
  CHECK_FALSE(owned_by_young_person("Ms Jones", "Amara"));
  CHECK_FALSE(owned_by_young_person("", "Amara"));
  CHECK_FALSE(owned_by_young_person("Amaranth", "Amara"));
}

TEST_CASE("A target becomes the clause after 'I will' or 'We will'", "[contract]") {
  CHECK(commitment_clause("Be in school by 8:40.") == "be in school by 8:40");
  CHECK(commitment_clause("I will hand in homework on time") == "hand in homework on time");
  CHECK(commitment_clause("To meet my mentor weekly") == "meet my mentor weekly");
  CHECK(commitment_clause("GCSE English revision twice a week") == "GCSE English revision twice a week");
  CHECK(commitment_clause("Ms Patel to call home each Friday") == "Ms Patel to call home each Friday");
}
