// What a Common Transfer File holds and its codes in words (ctf_codes.json, compiled in, with
// the DfE and CBDS sources it follows): the elements the reader knows in each section, SEN need
// types, language types, contact relationships, assessment qualifiers.
#pragma once

#include <map>
#include <set>
#include <string>
#include <string_view>

namespace waymark::transition {

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
  bool means_english(std::string_view language) const { return english_.contains(language); }

 private:
  std::map<std::string, std::map<std::string, std::string, std::less<>>, std::less<>> labels_;
  std::map<std::string, std::set<std::string, std::less<>>, std::less<>> sections_;
  std::set<std::string, std::less<>> english_;
};

}  // namespace waymark::transition
