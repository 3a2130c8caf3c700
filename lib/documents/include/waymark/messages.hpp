// The reader's language: waymark's own words outside the templates (page footers, month names,
// document titles) as a message catalogue per language, data compiled in from
// lib/documents/data/messages/<lang>.json. English is complete; any other catalogue falls back to
// English message by message, and says which messages it lacked so the tool can warn once.
#pragma once

#include <chrono>
#include <nlohmann/json.hpp>
#include <string>
#include <string_view>
#include <vector>

namespace waymark {

class Messages {
 public:
  // English.
  Messages();
  // The catalogue of `lang`, a BCP 47 tag such as "cy", "it" or "cy-GB" (looked up whole, then by
  // its first part). A language without a catalogue is English, with `found()` false. Throws
  // Error(usage) for a tag that is not letters, digits and '-'.
  explicit Messages(std::string_view lang);

  // The language asked for ("cy"), and whether a catalogue for it exists.
  const std::string& requested() const { return requested_; }
  bool found() const { return found_; }
  // The language the words are in: the one asked for if found, else "en" (for HTML's lang).
  const std::string& lang() const { return lang_; }
  // The catalogue's own name for its language ("Cymraeg").
  std::string language_name() const;
  // Keys of English messages this catalogue lacks (printed in English), as JSON pointers.
  const std::vector<std::string>& missing() const { return missing_; }

  // The message at a JSON pointer ("/page_of"), English where the language lacks it.
  const std::string& text(std::string_view pointer) const;
  // `text` with each {name} replaced by its value.
  std::string format(std::string_view pointer, const std::vector<std::pair<std::string, std::string>>& values) const;
  // A date in the language: "14 September 2026", "14 Medi 2026", "14 settembre 2026".
  std::string date(std::chrono::year_month_day date) const;
  // The whole catalogue, English filled in, for templates as data.
  const nlohmann::json& catalogue() const { return catalogue_; }

  // The languages that have a catalogue ("cy", "en", "it").
  static std::vector<std::string> languages();

 private:
  std::string requested_ = "en";
  std::string lang_ = "en";
  bool found_ = true;
  nlohmann::json catalogue_;
  std::vector<std::string> missing_;
};

// `pattern` with each {name} replaced by its value; unknown names are left as written.
std::string fill_placeholders(std::string_view pattern, const std::vector<std::pair<std::string, std::string>>& values);

}  // namespace waymark
