// Keyed pseudonyms for sharing cohort data beyond the school, and the choice of what else may go
// with them.
#pragma once

#include <span>
#include <string>
#include <string_view>
#include <vector>

namespace waymark {

class RecordReader;

// Replaces identifiers with HMAC-SHA-256 under a secret key: the same id and key always give the
// same pseudonym, so files can still be joined, but the id cannot be recovered without the key.
class Pseudonymiser {
 public:
  // Reads the key from a file holding 64 lowercase hexadecimal digits (as 'openssl rand -hex 32'
  // writes them), optionally followed by one line break; the digits as written are the HMAC key.
  // Like ssh with a private key, refuses a file that its group or others may read or write.
  // Throws Error(no_input) if the file cannot be read or is not private, Error(data) if it holds
  // anything else. Messages never quote the file's content.
  static Pseudonymiser from_key_file(const std::string& path);
  explicit Pseudonymiser(std::string key) : key_(std::move(key)) {}

  // 64 lowercase hex digits.
  std::string pseudonym(std::string_view id) const;

 private:
  std::string key_;
};

// The input columns a pseudonymised output may carry: an allowlist, so a column goes only if it
// stands for a field known to be safe to share (RecordReader::field_of, whatever its heading) or
// is named in `keep` (a heading or a field); every other column is dropped, whatever it is called.
struct SharedColumns {
  std::vector<bool> kept;            // per input column
  std::vector<std::string> dropped;  // headings of the dropped columns, in input order
};
// Where several columns stand for one shareable field, only the one the tools read is kept (a
// second id column, such as a ULN beside the UPN, is dropped). Throws Error(data) naming a `keep`
// entry the input has no column for.
SharedColumns shared_columns(const RecordReader& reader, std::span<const std::string> shareable_fields, std::span<const std::string> keep);
// "dropped 3 columns that are not shared under pseudonyms: Forename, Surname, DOB (--keep COLUMN
// adds one that is safe to share)", or "" if none was dropped. Names only, never values.
std::string describe_dropped(const SharedColumns& columns);

}  // namespace waymark
