// Where packs go: a folder per learner (pack.json, settling-in.ics), NDJSON, or one calendar.
#pragma once

#include <string>
#include <vector>

#include <functional>

#include "documents.hpp"
#include "waymark/transition/pack.hpp"

namespace waymark::transition {

// DIR/<folder>/pack.json, settling-in.ics and the documents (profile, record, checklist) in each of
// `formats` for every pack; DIR and the folders are created (mode 0700) if missing, files written
// atomically with mode 0600. Folders are named by directory_names (ids that would share a folder
// gain a hash, with a warning), listed in DIR/index.json. Throws Error(cant_create) if DIR is a
// file or cannot be made.
void write_pack_folders(const std::string& dir, const std::vector<Pack>& packs, const std::string& timezone, const PackDocuments& documents,
                        const std::vector<DocumentFormat>& formats, const std::function<void(const std::string&)>& warn);

// Every pack's documents, one after another, in one format, to `path` ("" or "-": standard output).
void write_documents(const std::string& path, const std::vector<Pack>& packs, const PackDocuments& documents, DocumentFormat format);

// One pack a line, to `path` ("" or "-": standard output).
void write_ndjson(const std::string& path, const std::vector<Pack>& packs);

// Every pack's meetings in one calendar, to `path` ("" or "-": standard output).
void write_calendar(const std::string& path, const std::vector<Pack>& packs, const std::string& timezone);

}  // namespace waymark::transition
