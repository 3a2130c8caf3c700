// Keyed pseudonyms for sharing cohort data beyond the school (DESIGN.md, Privacy).
#pragma once

#include <string>
#include <string_view>

namespace waymark {

// Replaces identifiers with HMAC-SHA-256 under a secret key: the same id and key always give the
// same pseudonym, so files can still be joined, but the id cannot be recovered without the key.
class Pseudonymiser {
 public:
  // Reads the key from a file (at least 16 bytes; a trailing newline is ignored).
  // Throws Error(no_input) if the file cannot be read, Error(data) if the key is too short.
  static Pseudonymiser from_key_file(const std::string& path);
  explicit Pseudonymiser(std::string key) : key_(std::move(key)) {}

  // 64 lowercase hex digits.
  std::string pseudonym(std::string_view id) const;

  // Columns that identify a person directly and are dropped: names, date of birth, UPN, contacts.
  static bool is_identifying_column(std::string_view column);

 private:
  std::string key_;
};

}  // namespace waymark
