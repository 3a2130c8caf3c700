// The young people who move: who they are, their one-page profile, and what their record says,
// whether read from learner records (CSV, JSON, NDJSON) or from a Common Transfer File.
#pragma once

#include <array>
#include <map>
#include <nlohmann/json.hpp>
#include <set>
#include <string>
#include <string_view>

#include "waymark/transition/input_file.hpp"

namespace waymark::transition {

struct Learner {
  std::string id;
  long line = 0;  // where the learner's record starts, for messages
  std::string given_name, family_name, date_of_birth, gender, year_group;
  // The names the young person goes by, when the CTF gives them (PreferredForename, PreferredSurname).
  std::string preferred_given_name, preferred_family_name;
  // The one-page profile: the columns of profile_fields() that were filled in, in that order.
  nlohmann::ordered_json profile = nlohmann::ordered_json::object();
  // Facts of the academic record besides achievements: attendance, SEN provision, and from a
  // CTF assessments, attendance by year, school history.
  nlohmann::ordered_json record = nlohmann::ordered_json::object();
};

using Learners = std::map<std::string, Learner, std::less<>>;

// A section of the one-page profile: the column it is read from and the heading it is shown under.
struct ProfileField {
  std::string_view column;
  std::string_view heading;
};
inline constexpr std::array<ProfileField, 10> profile_fields{{
    {"appreciated_for", "What people appreciate about me"},
    {"important_to_me", "What is important to me"},
    {"how_to_support_me", "How best to support me"},
    {"interests_and_talents", "Interests and talents"},
    {"significant_relationships", "Significant relationships"},
    {"home_and_family", "Home and family"},
    {"pets", "Pets"},
    {"learning_arrangements", "Preferred learning arrangements"},
    {"additional_needs", "Additional needs below the EHC plan threshold"},
    {"good_work", "Examples of good work"},
}};

// In Wales every learner with additional learning needs has an individual development plan
// (Additional Learning Needs and Education Tribunal (Wales) Act 2018): there is no threshold of
// an EHC plan to be below, so the section asks for needs that call for no IDP.
inline constexpr ProfileField wales_additional_needs{"additional_needs",
                                                     "Additional needs that do not call for an individual development plan (IDP)"};

// The heading of a profile section in the words of the setting's nation.
inline std::string_view profile_heading(const ProfileField& field, bool wales) {
  return wales && field.column == wales_additional_needs.column ? wales_additional_needs.heading : field.heading;
}

// Reads learner records and keeps those in `movers`. Throws Error(data) for a mover listed twice
// or a bad date of birth or attendance.
Learners read_learners(const InputFile& file, const std::set<std::string, std::less<>>& movers);

// Fills the profiles of `learners` from the profiles file (id and the columns of profile_fields()): what
// the young person wrote with their tutor, often kept apart from the school system's export.
// A filled cell replaces what the learner records said; rows of learners not moving are skipped.
void read_profiles(const InputFile& file, Learners& learners);

}  // namespace waymark::transition
