// The pack's documents: one-page profile, academic record and checklist, each a Mustache template
// (templates/transition-pack/<name>.md.mustache, compiled in) rendered to Markdown and written as
// md, html, txt or pdf by the documents library (lib/documents).
#pragma once

#include <functional>
#include <set>
#include <string>
#include <vector>

#include "waymark/cli.hpp"
#include "waymark/document_options.hpp"
#include "waymark/messages.hpp"
#include "waymark/render.hpp"
#include "waymark/transition/pack.hpp"

namespace waymark::transition {

// The documents of a pack, in the order they are printed.
inline constexpr std::array<std::string_view, 3> document_names{"profile", "record", "checklist"};

class PackDocuments {
 public:
  // Loads the built-in templates in --lang (what is not translated stays English, with one
  // warning), applies --templates, and checks them all before anything is read. Throws
  // Error(usage) for --template (there are three templates: use --templates DIR).
  PackDocuments(const DocumentOptions& options, const std::function<void(const std::string&)>& warn);

  struct Rendered {
    std::string name;   // profile, record, checklist
    std::string title;  // "One-page profile: L000136"
    std::string markdown;
  };
  // Warns once per run about words the language lacks (printed in English).
  std::vector<Rendered> render(const Pack& pack) const;
  // The title of a file holding every pack ("Transition packs"), in the messages' language where
  // they have it ("titles/collection"), else English.
  std::string collection_title() const;
  const PageSettings& page() const { return page_; }

 private:
  TemplateSet templates_;
  DocumentSettings settings_;
  PageSettings page_;
  Messages messages_;
  std::function<void(const std::string&)> warn_;
  mutable bool warned_ = false;
};

// What the templates see: the pack, with lists grouped and flags set for Mustache sections, its
// titles, kinds, profile headings and note in the messages' language where they have them
// ("transition-pack" in lib/documents/data/messages/<lang>.json), else English, the English kept
// named in `lacking`; move.date_text is the move date written out ("31 Ionawr 2027").
nlohmann::json document_data(const Pack& pack, const DocumentSettings& settings, const Messages& messages, std::set<std::string>& lacking);

}  // namespace waymark::transition
