// How one of transition-pack's inputs is read: the file with its format and headings, the order
// of day and month in its dates, and whether messages may quote its values.
#pragma once

#include "waymark/fields.hpp"
#include "waymark/records.hpp"

namespace waymark::transition {

struct InputFile {
  InputOptions input;
  DateOrder dates = DateOrder::dmy;
  bool verbose = false;
};

}  // namespace waymark::transition
