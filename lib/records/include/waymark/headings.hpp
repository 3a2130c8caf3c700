// How the headings of a school's file become waymark's fields: 'UPN' is id, 'Attendance %' is
// attendance_pct. The synonyms are data (lib/records/data/columns.json); a school's own headings
// come from a --columns file and win over them.
#pragma once

#include <cstddef>
#include <map>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace waymark {

// A heading as it is compared: case folded; spaces, '_', '-', '.', brackets, '%', '?' and '#'
// dropped ("Attendance %" and "ATTENDANCE" are both "attendance").
std::string fold_heading(std::string_view heading);

// How many single-character edits turn `a` into `b` (Levenshtein distance).
std::size_t edit_distance(std::string_view a, std::string_view b);

class HeadingVocabulary {
 public:
  // The built-in synonyms.
  static const HeadingVocabulary& builtin();
  // The built-in synonyms and the school's own headings from `path`: lines `field = Heading`,
  // '#' starts a comment. Throws Error(no_input) if it cannot be read, Error(data) naming the line
  // for a field waymark does not know or a line without '='.
  static HeadingVocabulary with_school_headings(const std::string& path);
  // A field a tool's data declares beyond the table's (risk-check: a rules file's "fields"), with
  // the headings schools write for it.
  struct DeclaredField {
    std::string field;
    std::vector<std::string> headings;
  };
  // The built-in synonyms, the declared fields (known as any other; the caller has checked that
  // their headings name no other field), and the school's own headings from `path` if not empty,
  // which may name a declared field.
  static HeadingVocabulary with_declared_fields(const std::vector<DeclaredField>& declared, const std::string& path);

  // What a heading stands for: the field, and how strongly (lower wins where two headings of one
  // file stand for the same field: the school's own 0, the field's own name 1, then the table's
  // order).
  struct Meaning {
    std::string field;
    int rank = 0;
  };
  std::optional<Meaning> meaning(std::string_view heading) const;

  bool knows_field(std::string_view field) const;
  // The field whose column serves when a file has none for `field` (pupil_id: id), if any.
  std::optional<std::string> fallback(std::string_view field) const;
  // The headings `field` is known by, its own name first, as written in the table.
  std::vector<std::string> headings_of(std::string_view field) const;
  // For a heading that stands for nothing: the known heading a typing slip away (as git suggests
  // commands), as {heading as the table writes it, field}.
  std::optional<std::pair<std::string, std::string>> suggestion(std::string_view heading) const;
  // For a heading that stands for no field: the fields it may hold, and why it is not read as
  // them (columns.json, may_be: 'Exclusions' may count suspensions, permanent exclusions or
  // both). Never used to read a column; a tool names them where it lacks one of those fields.
  struct Possible {
    std::string field;
    std::string why;  // may be empty
  };
  std::vector<Possible> may_be(std::string_view heading) const;

 private:
  struct Entry {
    std::string written;  // as the table or the school writes it
    std::string field;
    int rank;
  };
  void add(const std::string& written, const std::string& field, int rank);

  std::map<std::string, Entry, std::less<>> by_folded_;
  std::map<std::string, std::vector<std::string>, std::less<>> headings_;  // field -> as written
  std::map<std::string, std::string, std::less<>> fallbacks_;
  struct Pattern {
    std::vector<std::string> words;  // lower case; a trailing '*' matches any word it starts
    std::vector<std::string> fields;
    std::string why;
  };
  std::vector<Pattern> may_be_;
};

}  // namespace waymark
