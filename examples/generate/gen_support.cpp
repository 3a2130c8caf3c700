// gen_support: a synthetic two-term cohort with a support log, to test risk-check --impact.
//
// Writes DIR/autumn.csv (learners as of 2026-10-23), DIR/spring.csv (as of 2027-03-26, without
// the learners who left), DIR/support.csv (the support given between them) and DIR/truth.csv
// (each action's effect as it was realised: attendance cannot pass 100%, so a learner near it gains
// less than the parameter; the mean over those who received it and stayed is what --impact
// estimates). Every person is
// fictional. Support is given on need, as schools give it: the lower a learner's autumn attendance
// (and with a suspension), the likelier they are offered an action; so the supported learners'
// attendance would rise in spring even with no effect at all (regression to the mean: part of a
// low autumn figure is bad luck that does not recur), and a naive comparison of the supported with
// everyone else is badly biased. The true effect of each action, in attendance points, is a
// parameter (--effect A02=4); risk-check --impact should find it within its interval.
//
// The model: each learner has a lasting attendance level (from a latent need), and each term's
// attendance is that level plus the term's own luck (sd 4 points), plus, in spring, the effects of
// the support received. Who is offered support depends only on what the autumn file records (the
// attendance band at the default rules' thresholds, and suspensions), so comparing learners in the
// same starting tier and band removes the bias; a school's real referrals also follow what no file
// records, which no comparison of files can remove (risk-check(1), IMPACT).
//
// Deterministic for a given --seed on every platform (rng.hpp).
// Usage: gen_support --dir DIR [--count N] [--seed S] [--effect ACTION=POINTS]...
// Exit status: 0 ok, 1 I/O error, 2 bad command line.

#include <algorithm>
#include <charconv>
#include <cmath>
#include <cstdint>
#include <cstdio>
#include <cstdlib>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include "rng.hpp"

namespace {

using generate::Rng;

struct Options {
  std::uint64_t count = 20000;
  std::uint64_t seed = 1;
  std::string dir;
  // The actions offered, and their true effect on spring attendance (points). A02 (mentoring)
  // helps; A04 (peer support) is offered as often and does nothing.
  std::vector<std::pair<std::string, double>> effects{{"A02", 4.0}, {"A04", 0.0}};
};

constexpr std::string_view kUsage =
    "usage: gen_support --dir DIR [--count N] [--seed S] [--effect ACTION=POINTS]...\n"
    "  Writes DIR/autumn.csv, DIR/spring.csv and DIR/support.csv: a synthetic (fictional) two-term\n"
    "  cohort whose support was given on need, with known effects; DIR/truth.csv holds each action's\n"
    "  effect as realised (under the 100% ceiling) among those who received it and stayed.\n"
    "  --count N               learners in autumn (default 20000)\n"
    "  --seed S                random seed (default 1)\n"
    "  --effect ACTION=POINTS  an action offered and its true effect on attendance (default A02=4,\n"
    "                          A04=0); given once or more, replaces the defaults\n";

[[noreturn]] void usage_error(const std::string& message) {
  std::fprintf(stderr, "gen_support: %s\n%s", message.c_str(), kUsage.data());
  std::exit(2);
}

Options parse_options(int argc, char** argv) {
  Options opt;
  bool effects_given = false;
  for (int i = 1; i < argc; ++i) {
    const std::string_view arg = argv[i];
    if (arg == "--help" || arg == "-h") {
      std::fputs(kUsage.data(), stdout);
      std::exit(0);
    }
    if (arg != "--count" && arg != "--seed" && arg != "--dir" && arg != "--effect")
      usage_error("unknown option '" + std::string(arg) + "'");
    if (i + 1 >= argc) usage_error("option " + std::string(arg) + " needs a value");
    const std::string value = argv[++i];
    if (arg == "--dir") {
      opt.dir = value;
    } else if (arg == "--effect") {
      const auto equals = value.find('=');
      char* end = nullptr;
      const double points = equals == std::string::npos ? 0 : std::strtod(value.c_str() + equals + 1, &end);
      if (equals == std::string::npos || equals == 0 || end == value.c_str() + equals + 1 || *end != '\0')
        usage_error("--effect needs ACTION=POINTS, such as A02=4");
      if (!effects_given) opt.effects.clear();
      effects_given = true;
      opt.effects.emplace_back(value.substr(0, equals), points);
    } else {
      std::uint64_t number = 0;
      const auto [end, ec] = std::from_chars(value.data(), value.data() + value.size(), number);
      if (value.empty() || ec != std::errc{} || end != value.data() + value.size())
        usage_error("option " + std::string(arg) + " needs an unsigned integer");
      (arg == "--count" ? opt.count : opt.seed) = number;
    }
  }
  if (opt.dir.empty()) usage_error("--dir is required");
  return opt;
}

std::string learner_id(std::uint64_t number) {
  char digits[24];
  std::snprintf(digits, sizeof digits, "S%07llu", static_cast<unsigned long long>(number));
  return digits;
}

double clamp_percent(double value) { return std::clamp(value, 0.0, 100.0); }

// The chance of being offered support, from what the autumn file shows: the attendance band at
// the default rules' thresholds (severe absence at 50%, then below 80, at most 85, at most 90) and
// a suspension.
double offer_chance(double attendance, int suspensions) {
  double p = attendance <= 50   ? 0.6
             : attendance < 80  ? 0.5
             : attendance <= 85 ? 0.4
             : attendance <= 90 ? 0.25
             : attendance <= 95 ? 0.04
                                : 0.01;
  if (suspensions > 0) p = std::min(0.8, p + 0.2);
  return p;
}

}  // namespace

int main(int argc, char** argv) {
  const Options opt = parse_options(argc, argv);
  const auto open = [&](const char* name) {
    const std::string path = opt.dir + "/" + name;
    std::FILE* file = std::fopen(path.c_str(), "wb");
    if (!file) {
      std::fprintf(stderr, "gen_support: cannot open '%s' for writing\n", path.c_str());
      std::exit(1);
    }
    return file;
  };
  std::FILE* autumn = open("autumn.csv");
  std::FILE* spring = open("spring.csv");
  std::FILE* log = open("support.csv");
  std::FILE* truth = open("truth.csv");
  std::vector<double> realised(opt.effects.size(), 0.0);
  std::vector<long> received(opt.effects.size(), 0);
  const char* header = "id,gender,fsm,year_group,attendance_pct,suspensions\n";
  std::fputs(header, autumn);
  std::fputs(header, spring);
  // The school's own headings, as an intervention log holds them.
  std::fputs("UPN,Intervention,Start Date,End Date,Sessions Offered,Sessions Attended,Status\n", log);

  Rng rng(opt.seed);
  for (std::uint64_t n = 1; n <= opt.count; ++n) {
    const std::string id = learner_id(n);
    const char* gender = rng.chance(0.5) ? "female" : "male";
    const double need = rng.normal();
    const bool fsm = rng.correlated(need, 0.5) > 0.75;
    const int year_group = 7 + static_cast<int>(rng.below(5));
    // A lasting level: most learners in the mid-90s, a long tail below.
    const double level = 95.5 - 3.0 * need - (need > 1.0 ? 6.0 * (need - 1.0) : 0.0);
    const double autumn_attendance = clamp_percent(level + 4.0 * rng.normal());
    const int autumn_suspensions = rng.correlated(need, 0.5) > 2.0 ? 1 : 0;
    std::fprintf(autumn, "%s,%s,%s,%d,%.1f,%d\n", id.c_str(), gender, fsm ? "Y" : "N", year_group, autumn_attendance, autumn_suspensions);

    double effect = 0;
    std::size_t given = opt.effects.size();  // none
    if (rng.chance(offer_chance(std::round(autumn_attendance * 10) / 10, autumn_suspensions))) {
      const std::size_t chosen = rng.below(opt.effects.size());
      const auto& [action, points] = opt.effects[chosen];
      const double u = rng.uniform();
      if (u < 0.08) {  // offered and declined: no support given
        std::fprintf(log, "%s,%s,%02d/11/2026,,,,declined\n", id.c_str(), action.c_str(), 2 + static_cast<int>(rng.below(20)));
      } else {
        effect = points;
        given = chosen;
        const int offered = 10 + static_cast<int>(rng.below(10));
        const int attended = offered - static_cast<int>(rng.below(4));
        if (u < 0.5)
          std::fprintf(log, "%s,%s,%02d/11/2026,12/02/2027,%d,%d,completed\n", id.c_str(), action.c_str(),
                       2 + static_cast<int>(rng.below(20)), offered, attended);
        else
          std::fprintf(log, "%s,%s,%02d/11/2026,,%d,%d,active\n", id.c_str(), action.c_str(), 2 + static_cast<int>(rng.below(20)), offered,
                       attended);
      }
    }
    // Some leave before spring, more of those attending least.
    if (rng.chance(autumn_attendance < 80 ? 0.08 : 0.02)) continue;
    const double luck = 4.0 * rng.normal();
    const double spring_attendance = clamp_percent(level + effect + luck);
    if (given < opt.effects.size()) {
      realised[given] += std::round(spring_attendance * 10) / 10 - std::round(clamp_percent(level + luck) * 10) / 10;
      ++received[given];
    }
    const int spring_suspensions = rng.correlated(need, 0.5) > 2.0 ? 1 : 0;
    std::fprintf(spring, "%s,%s,%s,%d,%.1f,%d\n", id.c_str(), gender, fsm ? "Y" : "N", year_group, spring_attendance, spring_suspensions);
  }
  std::fputs("action,effect,learners,realised\n", truth);
  for (std::size_t i = 0; i < opt.effects.size(); ++i)
    std::fprintf(truth, "%s,%.1f,%ld,%.2f\n", opt.effects[i].first.c_str(), opt.effects[i].second, received[i],
                 received[i] > 0 ? realised[i] / static_cast<double>(received[i]) : 0.0);
  bool failed = false;
  for (std::FILE* file : {autumn, spring, log, truth}) failed = std::fclose(file) != 0 || failed;
  if (failed) {
    std::fprintf(stderr, "gen_support: write error\n");
    return 1;
  }
  return 0;
}
