#include "waymark/pseudonymise.hpp"

#include <array>
#include <filesystem>
#include <fstream>
#include <iterator>
#include <openssl/evp.h>
#include <openssl/hmac.h>

#include "waymark/errors.hpp"

namespace waymark {

Pseudonymiser Pseudonymiser::from_key_file(const std::string& path) {
  std::error_code ignored;
  if (std::filesystem::is_directory(path, ignored)) throw Error(Exit::no_input, "cannot read key file " + path + ": it is a directory");
  std::ifstream in(path, std::ios::binary);
  if (!in) throw Error(Exit::no_input, "cannot open key file " + path);
  std::string key((std::istreambuf_iterator<char>(in)), std::istreambuf_iterator<char>());
  while (!key.empty() && (key.back() == '\n' || key.back() == '\r')) key.pop_back();
  if (key.size() < 16) {
    throw Error(Exit::data, path + ": the key is too short (at least 16 bytes, e.g. from 'openssl rand -hex 32')");
  }
  return Pseudonymiser(std::move(key));
}

std::string Pseudonymiser::pseudonym(std::string_view id) const {
  std::array<unsigned char, EVP_MAX_MD_SIZE> digest{};
  unsigned int length = 0;
  HMAC(EVP_sha256(), key_.data(), static_cast<int>(key_.size()), reinterpret_cast<const unsigned char*>(id.data()),
       id.size(), digest.data(), &length);
  static constexpr char hex[] = "0123456789abcdef";
  std::string text;
  text.reserve(length * 2);
  for (unsigned int i = 0; i < length; ++i) {
    text += hex[digest[i] >> 4];
    text += hex[digest[i] & 0xF];
  }
  return text;
}

bool Pseudonymiser::is_identifying_column(std::string_view column) {
  static constexpr std::array<std::string_view, 14> identifying{
      "given_name", "family_name", "preferred_name", "legal_name", "middle_names", "name", "date_of_birth",
      "upn", "uln", "address", "postcode", "email", "phone", "nhs_number"};
  for (const auto name : identifying)
    if (column == name) return true;
  return false;
}

}  // namespace waymark
