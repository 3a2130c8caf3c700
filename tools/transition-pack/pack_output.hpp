// Where packs go: a folder per learner (pack.json, settling-in.ics), NDJSON, or one calendar.
#pragma once

#include <string>
#include <vector>

#include "pack.hpp"

namespace waymark::transition {

// The folder name of a learner: letters, digits, '-', '_' and '.' kept, anything else '_', no
// leading '.', never empty, so that "../x" or "a/b" stays inside the output directory.
std::string folder_name(std::string_view id);

// DIR/<folder>/pack.json and DIR/<folder>/settling-in.ics for every pack; DIR and the folders are
// created (mode 0700) if missing, files written atomically with mode 0600. Throws
// Error(cant_create) if DIR is a file or cannot be made.
void write_pack_folders(const std::string& dir, const std::vector<Pack>& packs, const std::string& timezone);

// One pack a line, to `path` ("" or "-": standard output).
void write_ndjson(const std::string& path, const std::vector<Pack>& packs);

// Every pack's meetings in one calendar, to `path` ("" or "-": standard output).
void write_calendar(const std::string& path, const std::vector<Pack>& packs, const std::string& timezone);

}  // namespace waymark::transition
