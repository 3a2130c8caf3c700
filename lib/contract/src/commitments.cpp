#include "waymark/contract/commitments.hpp"

#include <algorithm>
#include <array>

#include "waymark/fields.hpp"

namespace waymark::contract {

namespace {

char lower(char c) { return c >= 'A' && c <= 'Z' ? static_cast<char>(c - 'A' + 'a') : c; }

std::string lowered(std::string_view text) {
  std::string result(text);
  std::transform(result.begin(), result.end(), result.begin(), lower);
  return result;
}

bool starts_with_word(std::string_view text, std::string_view word) {
  return text.size() > word.size() && lowered(text.substr(0, word.size())) == word && text[word.size()] == ' ';
}

bool is_lower(char c) { return c >= 'a' && c <= 'z'; }

// Words that keep their capital in the middle of a sentence although the next letter is small.
bool is_name_like(std::string_view word) {
  static constexpr std::array<std::string_view, 7> titles = {"Mr", "Mrs", "Ms", "Miss", "Dr", "Mx", "English"};
  return std::find(titles.begin(), titles.end(), word) != titles.end();
}

}  // namespace

bool owned_by_young_person(std::string_view owner, std::string_view given_name) {
  const std::string who = lowered(trim(owner));
  if (who.empty()) return false;
  static constexpr std::array<std::string_view, 7> young_person = {"young person", "learner", "student", "pupil", "me", "i", "mentee"};
  if (std::find(young_person.begin(), young_person.end(), who) != young_person.end()) return true;
  const std::string name = lowered(trim(given_name));
  return !name.empty() && who == name;
}

std::string commitment_clause(std::string_view target) {
  std::string_view text = trim(target);
  for (const std::string_view lead : {"i will", "we will", "to"})
    if (starts_with_word(text, lead)) text = trim(text.substr(lead.size()));
  while (!text.empty() && (text.back() == '.' || text.back() == '!' || text.back() == ';')) text.remove_suffix(1);
  std::string clause(trim(text));
  const std::string_view first_word = std::string_view(clause).substr(0, clause.find(' '));
  if (clause.size() >= 2 && clause[0] >= 'A' && clause[0] <= 'Z' && (first_word.size() == 1 || is_lower(clause[1])) && first_word != "I" &&
      !is_name_like(first_word))
    clause[0] = lower(clause[0]);
  return clause;
}

}  // namespace waymark::contract
