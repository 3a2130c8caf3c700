// What a Common Transfer File holds and its codes in words (ctf_codes.json, compiled in, with
// the DfE and CBDS sources it follows): the elements the reader knows in each section, SEN need
// types, language types, contact relationships, assessment qualifiers.
#pragma once

#include <map>
#include <set>
#include <string>
#include <string_view>
#include <vector>

namespace waymark::transition {

// What a first-language code says about English as an additional language.
enum class FirstLanguage { english, other_than_english, unknown };

class CtfCodes {
 public:
  static const CtfCodes& builtin();

  // The words for `code` in `list` (sen_need_types, language_types, relationships,
  // result_qualifiers, result_statuses); empty when the list lacks it.
  std::string label(std::string_view list, std::string_view code) const;
  // The children a section (a path below Pupil: "", "BasicDetails", "SENhistory/SEN", ...) may
  // hold; nullptr for a section the reader does not walk.
  const std::set<std::string, std::less<>>* known_children(std::string_view section) const;
  // Every section whose children are checked.
  const std::map<std::string, std::set<std::string, std::less<>>, std::less<>>& sections() const { return sections_; }
  // English (ENG, ENB), other than English (OTH, OTB, or any language), or unknown (REF refused,
  // NOT not obtained): unknown is never read as EAL.
  FirstLanguage first_language(std::string_view code) const;
  // The words for a first-language code that is not a language (ENB "believed to be English",
  // REF "refused" ...); empty for a language such as POL.
  std::string language_words(std::string_view code) const;
  // The elements whose text is an address line, in any order; the others (UPRN, grid
  // reference, zone, country) are references for systems and are not printed.
  bool is_address_line(std::string_view element) const { return address_lines_.contains(element); }

 private:
  std::map<std::string, std::map<std::string, std::string, std::less<>>, std::less<>> labels_;
  std::map<std::string, std::set<std::string, std::less<>>, std::less<>> sections_;
  std::map<std::string, std::pair<FirstLanguage, std::string>, std::less<>> first_language_;
  std::set<std::string, std::less<>> address_lines_;
};

}  // namespace waymark::transition
