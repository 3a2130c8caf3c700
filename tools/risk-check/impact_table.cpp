// --impact with --format csv, json or ndjson: the table (lib/risk, impact.cpp) to -o.
#include <memory>
#include <optional>

#include "options.hpp"
#include "waymark/output.hpp"
#include "waymark/record_writer.hpp"
#include "waymark/risk/support.hpp"

namespace waymark::risk_check {

namespace {

// --impact's table as records to -o: the output is opened when the table begins, once every input
// has been read, so a bad input leaves no file and writes nothing.
class ImpactRecords final : public RecordWriter {
 public:
  explicit ImpactRecords(const Options& options) : options_(options) {}
  void begin(const std::vector<std::string>& columns) override {
    const auto format = options_.common.format.empty() ? RecordFormat::csv : *parse_record_format(options_.common.format);
    out_.emplace(options_.common.output);
    writer_ = RecordWriter::create(format, *out_);
    writer_->begin(columns);
  }
  void start_record() override { writer_->start_record(); }
  void text(std::string_view value) override { writer_->text(value); }
  void cells(std::span<const std::string_view> values) override { writer_->cells(values); }
  void json_or_text(std::string_view json, std::string_view text) override { writer_->json_or_text(json, text); }
  void integer(long long value) override { writer_->integer(value); }
  void list(std::span<const std::string> items) override { writer_->list(items); }
  void list(std::span<const std::string_view> items) override { writer_->list(items); }
  bool holds_structure() const override { return writer_->holds_structure(); }
  void structured(const nlohmann::ordered_json& value) override { writer_->structured(value); }
  void end_record() override { writer_->end_record(); }
  void finish() override {
    writer_->finish();
    out_->commit();
  }

 private:
  const Options& options_;
  std::optional<Output> out_;
  std::unique_ptr<RecordWriter> writer_;
};

}  // namespace

void write_impact_table(const Options& options, const Rules& rules) {
  ImpactRecords table(options);
  write_impact(options.risk, rules, table);
}

}  // namespace waymark::risk_check
