// contract-print: the agreements a young person signs (Orienta4YEL Actions 1, 2, 7, 9 and 12),
// printed from plan-gen's plans or from rows. Options and wiring only; see run.cpp.
#include "run.hpp"

int main(int argc, char** argv) {
  using namespace waymark;
  using namespace waymark::contract;
  Tool tool("contract-print",
            "Print the agreements a young person signs with the adults who support them: a contract of\n"
            "participation, a mentoring agreement, a behaviour agreement, a restorative agreement or a community\n"
            "participation agreement, one per learner, from plan-gen's plans (JSON or NDJSON) or from CSV rows.");
  Options options;
  tool.add_common_options(options.common, {"md", "html", "txt", "pdf", "docx"});
  add_document_options(tool, options.documents);
  auto& app = tool.app();
  app.add_option("--kind", options.kind, "Which agreement: participation (default), mentoring, behaviour, restorative, community")
      ->check(CLI::IsMember({"participation", "mentoring", "behaviour", "restorative", "community"}));
  app.add_flag("--parent-signature", options.parent_signature, "Add a line for a parent or carer to sign");
  options.chosen.add_option(tool, "contracts", "an id the input does not have");
  // Which options take effect in which mode (docs/conventions.md, "Options by mode"); y takes
  // effect, - is refused.
  tool.set_option_modes({{"contracts", "--show-columns"},
                         {
                             {"input", "yy"},
                             {"--output", "y-"},
                             {"--format", "y-"},
                             {"--input-format", "yy"},
                             {"--delimiter", "yy"},
                             {"--encoding", "yy"},
                             {"--sheet", "yy"},
                             {"--columns", "yy"},
                             {"--show-columns", "-y"},
                             {"--date-format", "y-"},
                             {"--verbose", "y-"},
                             {"--template", "y-"},
                             {"--templates", "y-"},
                             {"--set", "y-"},
                             {"--settings", "y-"},
                             {"--paper", "y-"},
                             {"--lang", "y-"},
                             {"--kind", "y-"},
                             {"--parent-signature", "y-"},
                             {"--id", "y-"},
                         }});
  return tool.run(argc, argv, [&] {
    tool.check_options("contracts");
    return print_contracts(options, [&](const std::string& message) { tool.warn(message); });
  });
}
