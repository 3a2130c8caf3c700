// The DfE Common Transfer File (CTF), versions 24 and 25: the XML that school systems (SIMS,
// Arbor, Bromcom) export when a pupil moves. Read with pugixml; the sections and codes it knows are
// in ctf_codes.json, and elements it does not know are named in one warning, never dropped silently.
#pragma once

#include <optional>
#include <string>
#include <vector>

#include "waymark/transition/checklist.hpp"
#include "waymark/transition/learners.hpp"

namespace waymark::transition {

struct CtfFile {
  std::string source;                            // file name, for messages
  std::string version;                           // Header/CTFversion, "25.0"
  std::string source_school;                     // Header/SourceSchool: its name, else "LEA/Estab"
  std::string dest_school;                       // Header/DestSchool: "LEA/Estab" (a CTF gives no name)
  std::string source_authority, dest_authority;  // the schools' LEA numbers: a Welsh one says the setting is in Wales
  std::optional<Date> exported;                  // Header/DateTime: nothing is scheduled before it
  std::vector<std::string> ids;                  // UPNs in file order
  Learners learners;
  std::vector<std::string> warnings;
};

// Reads the whole file. Throws Error(no_input) if it cannot be read; Error(data) if it is not XML
// ("file:line:column: ..."), is truncated, is not a CTF (its root is not CTfile), or holds a pupil
// without a UPN or with a date or count that does not parse ("file:line: element 'DOB': ...").
// `verbose`: messages may quote values.
CtfFile read_ctf(const std::string& ctf_path, bool verbose);

}  // namespace waymark::transition
