// Files compiled into a binary as a set (the languages' message catalogues, a tool's translated
// templates), so that adding a language means adding files: the build picks up every file of the
// folder (CMake's waymark_embed_set).
#pragma once

#include <span>
#include <string_view>

namespace waymark {

struct EmbeddedFile {
  std::string_view path;  // relative to the folder embedded: "cy.json", "it/participation.md.mustache"
  std::string_view text;
};

}  // namespace waymark
