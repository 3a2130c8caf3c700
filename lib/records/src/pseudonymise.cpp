#include "waymark/pseudonymise.hpp"

#include <algorithm>
#include <array>
#include <cerrno>
#include <cstring>
#include <fmt/format.h>
#include <fstream>
#include <iterator>
#include <openssl/evp.h>
#include <openssl/hmac.h>
#include <sys/stat.h>

#include "waymark/errors.hpp"
#include "waymark/records.hpp"

namespace waymark {

namespace {

constexpr std::size_t key_digits = 64;
constexpr std::string_view make_a_key = "make one with: (umask 077; openssl rand -hex 32 > KEYFILE)";

bool is_lower_hex(char c) { return (c >= '0' && c <= '9') || (c >= 'a' && c <= 'f'); }

// The key protects every pseudonym made with it, so it must be as private as the records.
void check_private(const std::string& path) {
  struct stat info {};
  if (::stat(path.c_str(), &info) != 0) {
    throw Error(ErrorKind::missing_input, fmt::format("cannot open key file {}: {}", path, std::strerror(errno)));
  }
  if (S_ISDIR(info.st_mode)) throw Error(ErrorKind::missing_input, "cannot read key file " + path + ": it is a directory");
  if (!S_ISREG(info.st_mode)) throw Error(ErrorKind::missing_input, "cannot read key file " + path + ": it is not a regular file");
  if ((info.st_mode & 077) != 0) {
    throw Error(ErrorKind::missing_input, fmt::format("key file {} may be read or changed by others (mode {:04o}): refusing to use it "
                                                      "(make it private: chmod 600 {})",
                                                      path, info.st_mode & 07777, path));
  }
}

}  // namespace

Pseudonymiser Pseudonymiser::from_key_file(const std::string& path) {
  check_private(path);
  std::ifstream in(path, std::ios::binary);
  if (!in) throw Error(ErrorKind::missing_input, "cannot open key file " + path);
  // Read one byte more than the longest valid key, so a huge file is not read whole.
  std::string key(key_digits + 2, '\0');
  in.read(key.data(), static_cast<std::streamsize>(key.size()));
  key.resize(static_cast<std::size_t>(in.gcount()));
  if (!key.empty() && key.back() == '\n') key.pop_back();
  const auto bad = [&](const std::string& problem) {
    return Error(ErrorKind::bad_data,
                 fmt::format("{}: {} (64 lowercase hexadecimal digits and nothing else; {})", path, problem, make_a_key));
  };
  if (key.empty()) throw bad("the key file is empty");
  if (!std::all_of(key.begin(), key.end(), is_lower_hex)) {
    throw bad(std::any_of(key.begin(), key.end(), [](char c) { return c >= 'A' && c <= 'F'; })
                  ? "the key has upper-case digits"
                  : "the key holds characters that are not hexadecimal digits");
  }
  if (key.size() != key_digits)
    throw bad(fmt::format("the key has {} digits", key.size() > key_digits ? "more than 64" : std::to_string(key.size())));
  // A key of one repeated digit is a placeholder, not a secret.
  if (std::all_of(key.begin(), key.end(), [&](char c) { return c == key.front(); })) {
    throw bad("the key is one digit repeated, not a random key");
  }
  return Pseudonymiser(std::move(key));
}

std::string Pseudonymiser::pseudonym(std::string_view id) const {
  std::array<unsigned char, EVP_MAX_MD_SIZE> digest{};
  unsigned int length = 0;
  HMAC(EVP_sha256(), key_.data(), static_cast<int>(key_.size()), reinterpret_cast<const unsigned char*>(id.data()), id.size(),
       digest.data(), &length);
  static constexpr char hex[] = "0123456789abcdef";
  std::string text;
  text.reserve(length * 2);
  for (unsigned int i = 0; i < length; ++i) {
    text += hex[digest[i] >> 4];
    text += hex[digest[i] & 0xF];
  }
  return text;
}

SharedColumns shared_columns(const RecordReader& reader, std::span<const std::string> shareable_fields, std::span<const std::string> keep) {
  SharedColumns shared;
  shared.kept.assign(reader.columns().size(), false);
  for (const auto& field : shareable_fields)
    if (const auto at = reader.find_column(field)) shared.kept[*at] = true;
  for (const auto& name : keep) {
    const auto at = reader.find_column(name);
    if (!at) throw data_error({reader.source_name(), 1, name}, "--keep names a column the input does not have", "a column of the header");
    // The codice fiscale spells out a child's name, birth date and birthplace: never shared.
    if (at == reader.find_column("codice_fiscale"))
      throw Error(ErrorKind::usage, "--keep " + name +
                                        ": the codice fiscale identifies a child (it spells out name, date and place of birth), so "
                                        "--pseudonymise never keeps it");
    shared.kept[*at] = true;
  }
  for (std::size_t i = 0; i < shared.kept.size(); ++i)
    if (!shared.kept[i]) shared.dropped.push_back(reader.columns()[i]);
  return shared;
}

std::string describe_dropped(const SharedColumns& columns) {
  if (columns.dropped.empty()) return {};
  std::string names;
  for (const auto& name : columns.dropped) names += (names.empty() ? "'" : ", '") + name + "'";
  return fmt::format("--pseudonymise: dropped {} column{} not known to be safe to share: {} (--keep COLUMN keeps one)",
                     columns.dropped.size(), columns.dropped.size() == 1 ? "" : "s", names);
}

}  // namespace waymark
