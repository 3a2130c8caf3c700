#include "run.hpp"

#include <fmt/format.h>

#include <optional>
#include <set>

#include "waymark/errors.hpp"
#include "waymark/fields.hpp"
#include "waymark/render.hpp"

namespace waymark::embedded {
extern const std::string_view participation_template;
extern const std::string_view mentoring_template;
extern const std::string_view behaviour_template;
extern const std::string_view restorative_template;
extern const std::string_view community_template;
extern const std::span<const EmbeddedFile> contract_translations;  // templates/contract-print/<lang>/
}  // namespace waymark::embedded

namespace waymark::contract {

namespace {

BuiltinTemplates builtin_templates() {
  return {{{"participation", embedded::participation_template},
           {"mentoring", embedded::mentoring_template},
           {"behaviour", embedded::behaviour_template},
           {"restorative", embedded::restorative_template},
           {"community", embedded::community_template}},
          embedded::contract_translations};
}

// --format, else the extension of -o FILE (contract.html), else Markdown.
DocumentFormat output_format(const Options& options) {
  if (!options.common.format.empty()) return options.documents.document_format(options.common.format);
  const std::string& output = options.common.output;
  if (!names_directory(output)) {
    if (const auto dot = output.rfind('.'); dot != std::string::npos && output.find('/', dot) == std::string::npos)
      if (const auto format = parse_document_format(output.substr(dot + 1))) return *format;
  }
  return DocumentFormat::md;
}

std::string document_title(const nlohmann::json& view) {
  const auto& name = view["full_name"].get_ref<const std::string&>();
  return view["title"].get<std::string>() + ": " + (name.empty() ? view["id"].get<std::string>() : name);
}

}  // namespace

int print_contracts(const Options& options, const std::function<void(const std::string&)>& warn) {
  const Kind kind = parse_kind(options.kind).value();  // the option accepts only the kinds
  options.documents.check_paper({output_format(options)});
  const DocumentSettings settings = options.documents.settings();
  const std::string name(kind_name(kind));
  auto [templates, messages] = options.documents.templates(builtin_templates(), {name}, name, warn);
  const Template& tmpl = templates.get(name);
  // A broken template is reported before any input is read or any file is created.

  const ViewOptions view_options{kind, options.parent_signature, options.common.date_order(), std::move(messages)};
  ContractSource source(options.common.input_options());
  ContractInput input;
  // The output is opened once the first contract has been read, so input that fails at once
  // (missing, empty, not JSON) leaves no file or directory behind.
  std::optional<DocumentOutput> output;
  // --id: the learners asked for; the others are passed over before anything is said about them.
  while (source.next(input)) {
    if (!options.chosen.everyone() && !options.chosen.take(trim(input.fields.at("id").get_ref<const std::string&>()))) continue;
    const nlohmann::json view = build_view(input, settings.values(), view_options);
    const std::string markdown = render_markdown(tmpl, view);
    if (!output)
      output.emplace(options.common.output, output_format(options), options.documents.page(settings),
                     collection_title(kind, view_options.messages), document_reporter("contract-print", options.common.warn));
    output->add(view["id"].get<std::string>(), markdown, document_title(view));
  }
  options.chosen.check_found(options.common.input == "-" ? "standard input" : options.common.input, "no learner with this id",
                             "expected an id in the plans or rows");
  if (!output) throw Error(ErrorKind::bad_data, "the input holds no plans or rows");
  output->finish();
  return 0;
}

}  // namespace waymark::contract
