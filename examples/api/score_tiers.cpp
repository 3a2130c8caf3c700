// Scores learners through waymark's library and prints each id with its support tier, as
// `risk-check --format csv` would in its id and tier columns.
//   score-tiers LEARNERS.csv
#include <cstdio>
#include <exception>

#include "waymark/catalogue.hpp"
#include "waymark/errors.hpp"
#include "waymark/records.hpp"
#include "waymark/risk/assess.hpp"
#include "waymark/risk/learner.hpp"
#include "waymark/risk/rules.hpp"

int main(int argc, char** argv) {
  if (argc != 2) {
    std::fprintf(stderr, "usage: score-tiers LEARNERS.csv\n");
    return 2;
  }
  try {
    const waymark::MessageSink warn = [](const std::string& warning) {
      std::fprintf(stderr, "score-tiers: warning: %s\n", waymark::printable(warning).c_str());
    };
    waymark::InputOptions input;
    input.path = argv[1];
    input.warn = warn;
    const auto records = waymark::open_records(input);  // CSV, JSON, NDJSON or .xlsx; school headings

    // The toolkit's 13 actions and the risk factors they address, which the rules name.
    const waymark::Catalogue& catalogue = waymark::Catalogue::builtin();
    const auto rules = waymark::risk::Rules::builtin(catalogue);  // or Rules::load("my-rules.json", catalogue)
    const waymark::risk::LearnerReader reader(*records, catalogue, waymark::DateOrder::dmy);
    // A file with no column the rules test is refused, never scored as "nothing fired".
    reader.check_columns(rules, warn);
    const waymark::risk::Assessor assessor(rules, catalogue, 3);

    waymark::Record record;
    waymark::risk::Learner learner;
    waymark::risk::Assessment assessment;
    while (records->next(record)) {
      learner = {};
      reader.read(record, learner);
      assessor.assess(learner, assessment);
      std::printf("%.*s,%.*s\n", static_cast<int>(learner.id.size()), learner.id.data(),
                  static_cast<int>(to_string(assessment.tier).size()), to_string(assessment.tier).data());
    }
  } catch (const waymark::Error& e) {
    // The library says what kind of failure it was; the program decides what to do with it.
    std::fprintf(stderr, "score-tiers: %s\n", waymark::printable(e.what()).c_str());
    return e.kind() == waymark::ErrorKind::usage ? 2 : 1;
  }
  return 0;
}
