#include "waymark/headings.hpp"

#include <algorithm>
#include <map>
#include <nlohmann/json.hpp>
#include <stdexcept>

#include "waymark/errors.hpp"
#include "waymark/fields.hpp"
#include "waymark/mapping_file.hpp"

namespace waymark {

namespace embedded {
extern const std::string_view columns_json;
}

std::string fold_heading(std::string_view heading) {
  std::string folded;
  folded.reserve(heading.size());
  for (const char c : heading) {
    switch (c) {
      case ' ':
      case '\t':
      case '_':
      case '-':
      case '.':
      case '(':
      case ')':
      case '[':
      case ']':
      case '{':
      case '}':
      case '%':
      case '?':
      case '#': break;
      default: folded += c >= 'A' && c <= 'Z' ? static_cast<char>(c - 'A' + 'a') : c;
    }
  }
  // Accented capitals as Italian registers write headings (DISABILITÀ, COMUNITÀ): UTF-8 C3 80 to
  // C3 9E, less C3 97 (the multiplication sign), fold to their small letters, 0x20 further on.
  for (std::size_t i = 1; i < folded.size(); ++i) {
    const auto second = static_cast<unsigned char>(folded[i]);
    if (static_cast<unsigned char>(folded[i - 1]) == 0xC3 && second >= 0x80 && second <= 0x9E && second != 0x97)
      folded[i] = static_cast<char>(second + 0x20);
  }
  return folded;
}

namespace {

// The words of a heading, lower case: letters, digits and '*' (in a pattern) run together, anything else separates.
std::vector<std::string> heading_words(std::string_view heading) {
  std::vector<std::string> words(1);
  for (const char c : heading) {
    const bool word_char = (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') || c == '*' || (c & 0x80);
    if (c >= 'A' && c <= 'Z')
      words.back() += static_cast<char>(c - 'A' + 'a');
    else if (word_char)
      words.back() += c;
    else if (!words.back().empty())
      words.emplace_back();
  }
  if (words.back().empty()) words.pop_back();
  return words;
}

bool word_matches(const std::string& pattern, const std::string& word) {
  if (!pattern.empty() && pattern.back() == '*') return word.starts_with(std::string_view(pattern).substr(0, pattern.size() - 1));
  return word == pattern;
}

}  // namespace

std::size_t edit_distance(std::string_view a, std::string_view b) {
  std::vector<std::size_t> row(b.size() + 1);
  for (std::size_t j = 0; j <= b.size(); ++j) row[j] = j;
  for (std::size_t i = 1; i <= a.size(); ++i) {
    std::size_t diagonal = row[0];
    row[0] = i;
    for (std::size_t j = 1; j <= b.size(); ++j) {
      const std::size_t above = row[j];
      row[j] = std::min({row[j] + 1, row[j - 1] + 1, diagonal + (a[i - 1] == b[j - 1] ? 0 : 1)});
      diagonal = above;
    }
  }
  return row[b.size()];
}

void HeadingVocabulary::add(const std::string& written, const std::string& field, int rank) {
  auto folded = fold_heading(written);
  if (folded.empty()) return;
  const auto it = by_folded_.find(folded);
  // The school's own word replaces the table's, a field's own name another field's synonym
  // ('SEND' is the field send, not a synonym of sen); otherwise a heading names one field.
  if (it != by_folded_.end() && rank > 1 && it->second.rank > 1 && it->second.field != field)
    throw std::logic_error("columns.json: '" + written + "' names both " + it->second.field + " and " + field);
  if (it != by_folded_.end() && it->second.rank <= rank) return;
  by_folded_[std::move(folded)] = Entry{written, field, rank};
  auto& known = headings_[field];
  if (std::find(known.begin(), known.end(), written) == known.end()) known.push_back(written);
}

const HeadingVocabulary& HeadingVocabulary::builtin() {
  static const HeadingVocabulary vocabulary = [] {
    HeadingVocabulary built;
    const auto doc = nlohmann::json::parse(embedded::columns_json);
    // A field's entries in other languages ("lang": "it") continue its order of preference.
    std::map<std::string, int, std::less<>> next_rank;
    for (const auto& entry : doc.at("fields")) {
      const auto field = entry.at("field").get<std::string>();
      built.headings_[field];  // a field may have no synonyms yet still be known
      built.add(field, field, 1);
      int& rank = next_rank.try_emplace(field, 2).first->second;
      for (const auto& heading : entry.at("headings")) built.add(heading.get<std::string>(), field, rank++);
      if (entry.contains("or")) built.fallbacks_[field] = entry.at("or").get<std::string>();
    }
    for (const auto& entry : doc.at("may_be").at("patterns")) {
      const auto fields = entry.at("fields").get<std::vector<std::string>>();
      const auto why = entry.value("why", std::string{});
      for (const auto& words : entry.at("words")) built.may_be_.push_back({heading_words(words.get<std::string>()), fields, why});
    }
    return built;
  }();
  return vocabulary;
}

HeadingVocabulary HeadingVocabulary::with_school_headings(const std::string& path) { return with_declared_fields({}, path); }

HeadingVocabulary HeadingVocabulary::with_declared_fields(const std::vector<DeclaredField>& declared, const std::string& path) {
  HeadingVocabulary vocabulary = builtin();
  for (const auto& own : declared) {
    vocabulary.headings_[own.field];
    vocabulary.add(own.field, own.field, 1);
    int rank = 2;
    for (const auto& heading : own.headings) vocabulary.add(heading, own.field, rank++);
  }
  if (path.empty()) return vocabulary;
  const std::string expected = "lines 'field = the school's heading', such as 'attendance_pct = Attendance (year to date)'";
  // Each heading (folded, as headings are compared) and the field and line that gave it: a heading
  // given for two fields would otherwise silently mean the first.
  std::map<std::string, std::pair<std::string, long>, std::less<>> given;
  read_mapping_file(path, "columns", expected, [&](long number, std::string_view field, std::string_view heading) {
    if (!vocabulary.knows_field(field)) {
      std::string problem = "'" + std::string(field) + "' is not a field waymark knows";
      if (const auto near = vocabulary.suggestion(field)) problem += "; did you mean " + near->second + "?";
      throw data_error({path, number, {}}, problem, "a field named in man 5 waymark-records");
    }
    auto folded = fold_heading(heading);
    if (folded.empty()) throw data_error({path, number, {}}, "the heading is empty", expected);
    const auto [earlier, first] = given.try_emplace(std::move(folded), std::string(field), number);
    if (!first && earlier->second.first != field)
      throw data_error({path, number, {}},
                       "the heading is given for " + earlier->second.first + " on line " + std::to_string(earlier->second.second) + " too",
                       "each heading for one field");
    vocabulary.add(std::string(heading), std::string(field), 0);
  });
  return vocabulary;
}

std::optional<HeadingVocabulary::Meaning> HeadingVocabulary::meaning(std::string_view heading) const {
  const auto it = by_folded_.find(fold_heading(heading));
  if (it == by_folded_.end()) return std::nullopt;
  return Meaning{it->second.field, it->second.rank};
}

bool HeadingVocabulary::knows_field(std::string_view field) const { return headings_.find(field) != headings_.end(); }

std::optional<std::string> HeadingVocabulary::fallback(std::string_view field) const {
  const auto it = fallbacks_.find(field);
  if (it == fallbacks_.end()) return std::nullopt;
  return it->second;
}

std::vector<std::string> HeadingVocabulary::headings_of(std::string_view field) const {
  const auto it = headings_.find(field);
  return it == headings_.end() ? std::vector<std::string>{} : it->second;
}

std::optional<std::pair<std::string, std::string>> HeadingVocabulary::suggestion(std::string_view heading) const {
  const auto folded = fold_heading(heading);
  // Short headings are a slip away from too much ("Form" from "fsm"): only longer ones are guessed at.
  if (folded.size() < 5) return std::nullopt;
  const std::size_t allowed = folded.size() < 9 ? 1 : 2;
  const Entry* best = nullptr;
  std::size_t best_distance = allowed + 1;
  for (const auto& [known, entry] : by_folded_) {
    const auto longer = std::max(known.size(), folded.size()), shorter = std::min(known.size(), folded.size());
    if (longer - shorter > allowed) continue;
    if (const auto d = edit_distance(folded, known); d < best_distance) best_distance = d, best = &entry;
  }
  if (!best) return std::nullopt;
  return std::make_pair(best->written, best->field);
}

std::vector<HeadingVocabulary::Possible> HeadingVocabulary::may_be(std::string_view heading) const {
  const auto words = heading_words(heading);
  std::vector<Possible> possible;
  for (const auto& pattern : may_be_) {
    if (pattern.words.empty() || pattern.words.size() > words.size()) continue;
    bool found = false;
    for (std::size_t start = 0; start + pattern.words.size() <= words.size() && !found; ++start) {
      found = true;
      for (std::size_t k = 0; k < pattern.words.size() && found; ++k) found = word_matches(pattern.words[k], words[start + k]);
    }
    if (!found) continue;
    for (const auto& field : pattern.fields) {
      if (std::none_of(possible.begin(), possible.end(), [&](const Possible& p) { return p.field == field; }))
        possible.push_back({field, pattern.why});
    }
  }
  return possible;
}

}  // namespace waymark
