#include "waymark/contract/contract_input.hpp"

#include <cstring>

#include "waymark/contract/json_values.hpp"
#include "waymark/csv.hpp"
#include "waymark/errors.hpp"
#include "waymark/input.hpp"

namespace waymark::contract {

namespace {

bool is_space(char c) { return c == ' ' || c == '\t' || c == '\n' || c == '\r'; }

// Reads until the first byte that is not white space is in the window (a pipe may deliver the
// start in pieces), skips a byte order mark, and returns that byte, or 0 for empty input.
char first_content_byte(ChunkedInput& input) {
  const auto first = [&]() -> const char* {
    const char* p = input.begin();
    if (input.end() - p >= 3 && std::memcmp(p, "\xEF\xBB\xBF", 3) == 0) p += 3;
    while (p < input.end() && is_space(*p)) ++p;
    return p;
  };
  while ((input.end() - input.begin() < 3 || first() == input.end()) && input.refill(input.begin())) {}
  if (input.end() - input.begin() >= 3 && std::memcmp(input.begin(), "\xEF\xBB\xBF", 3) == 0) input.consume_to(input.begin() + 3);
  const char* p = first();
  return p == input.end() ? '\0' : *p;
}

// A JSON row's value as a field: text stays text, a list stays a list of texts, null is unknown.
nlohmann::json row_value(const nlohmann::json& value) {
  if (value.is_null()) return "";
  if (value.is_string()) return value;
  if (value.is_array()) {
    nlohmann::json list = nlohmann::json::array();
    // A list inside a list is its JSON text, as an object is: every item is text (found by
    // checking nlohmann's type_error: [["a"]] ended in an internal error).
    for (const auto& item : value)
      list.push_back(item.is_string() ? item : item.is_array() ? nlohmann::json(item.dump()) : row_value(item));
    return list;
  }
  return value.dump();
}

void require_id(const ContractInput& input) {
  const auto it = input.fields.find("id");
  if (it == input.fields.end() || !it->is_string() || trim(it->get_ref<const std::string&>()).empty())
    throw data_error({input.source, input.line, "id"}, "every contract needs the learner's id", "a column 'id' with a value in every row");
}

}  // namespace

struct ContractSource::Impl {
  std::unique_ptr<JsonValues> json;
  std::unique_ptr<RecordReader> rows;
  Record record;
};

ContractSource::ContractSource(const InputOptions& options) : impl_(std::make_unique<Impl>()) {
  auto input = std::make_unique<ChunkedInput>(options.path);
  input->decode(options.encoding);
  const char first = first_content_byte(*input);
  if (first == '\0')
    throw data_error({input->name(), 1, {}}, "the file is empty", "plans from plan-gen, or a header row naming the columns");
  const bool json = options.format ? *options.format != RecordFormat::csv : first == '{' || first == '[';
  if (json)
    impl_->json = std::make_unique<JsonValues>(std::move(input));
  else
    impl_->rows = open_records(std::move(input), options);
}

ContractSource::~ContractSource() = default;

bool ContractSource::next(ContractInput& input) {
  input = ContractInput{};
  if (impl_->rows) {
    auto& reader = *impl_->rows;
    if (!reader.next(impl_->record)) return false;
    input.source = reader.source_name();
    input.line = impl_->record.line;
    // A heading that stands for a field of waymark's ('UPN') is read as that field (id).
    for (std::size_t i = 0; i < reader.columns().size(); ++i) {
      const auto& field = reader.field_of(i);
      input.fields[field.empty() || input.fields.contains(field) ? reader.columns()[i] : field] = std::string(impl_->record.values[i]);
    }
    require_id(input);
    return true;
  }
  nlohmann::json value;
  long line = 0;
  if (!impl_->json->next(value, line)) return false;
  const std::string& source = impl_->json->source_name();
  if (!value.is_object()) throw data_error({source, line, {}}, "this is not a JSON object", "a plan, or a row of field names and values");
  if (value.contains("schema") || value.contains("learner")) {
    input = plan_to_input(value, source, line);
    return true;
  }
  input.source = source;
  input.line = line;
  for (const auto& item : value.items()) input.fields[item.key()] = row_value(item.value());
  require_id(input);
  return true;
}

}  // namespace waymark::contract
