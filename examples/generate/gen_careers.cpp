// gen_careers: a synthetic school's pupils and careers log for gatsby-audit (examples and benchmark).
//
// The school keeps N pupils on roll, N/7 in each of Years 7 to 13, and its log covers the last
// --years academic years (ending with the one --as-of falls in). Every cohort that was on roll in
// those years is in the pupils file: those who have finished Year 13 are leavers, with destinations
// (some not yet recorded). Each pupil gets exactly --per-year activities in every academic year of
// the log they were on roll, so the log has N x years x per-year rows; their kinds, dates and
// details are drawn at random. Every person is fictional.
//
// Output is deterministic for a given --seed: std::mt19937_64 with hand-written draws (the std::
// distributions are implementation-defined).
//
// Usage: gen_careers --pupils-out FILE [--pupils N] [--years Y] [--per-year A] [--seed S] [--as-of DATE]
//   writes the pupils to FILE and the log (CSV) to standard output.
// Exit status: 0 ok, 1 I/O error, 2 bad command line.
#include <array>
#include <charconv>
#include <chrono>
#include <cstdint>
#include <cstdio>
#include <cstring>
#include <random>
#include <string>
#include <string_view>
#include <vector>

namespace {

using namespace std::chrono;

struct Settings {
  long pupils = 1500;
  int years = 7;
  int per_year = 20;
  std::uint64_t seed = 1;
  year_month_day as_of{year{2026}, July, day{15}};
  std::string pupils_out;
};

class Random {
 public:
  explicit Random(std::uint64_t seed) : engine_(seed) {}
  std::uint64_t below(std::uint64_t n) { return engine_() % n; }
  bool chance(int percent) { return below(100) < static_cast<std::uint64_t>(percent); }
  template <typename T, std::size_t N>
  const T& pick(const std::array<T, N>& items) {
    return items[below(N)];
  }

 private:
  std::mt19937_64 engine_;
};

struct KindShare {
  std::string_view kind;
  int percent;
};
// Roughly how a school's log divides between kinds of activity.
constexpr std::array<KindShare, 8> kinds{{{"employer_encounter", 24},
                                          {"curriculum_link", 24},
                                          {"advice_record", 12},
                                          {"lmi_session", 10},
                                          {"provider_encounter", 10},
                                          {"workplace_experience", 8},
                                          {"guidance_interview", 7},
                                          {"university_visit", 5}}};
constexpr std::array<std::string_view, 10> employers{"NHS Trust",  "Network Rail", "Dyson", "Thames Water", "Arup",
                                                     "Nationwide", "Local garage", "Tesco", "Council",      "BAE Systems"};
constexpr std::array<std::string_view, 5> provider_types{"sixth_form", "college", "university", "apprenticeship_provider", "itp"};
constexpr std::array<std::string_view, 5> providers{"St Mary's Sixth Form", "New College", "University of Bath", "Babcock Training", "JTL"};
constexpr std::array<std::string_view, 12> subjects{"maths", "english", "science", "computing", "history",  "geography",
                                                    "art",   "music",   "physics", "biology",   "business", "languages"};
constexpr std::array<std::string_view, 6> destinations{"sixth_form", "college", "apprenticeship", "university", "employment", "neet"};

int academic_year_of(year_month_day date) { return static_cast<int>(date.year()) - (date.month() >= September ? 0 : 1); }

std::string format(year_month_day date) {
  char text[16];
  std::snprintf(text, sizeof text, "%04d-%02u-%02u", static_cast<int>(date.year()), static_cast<unsigned>(date.month()),
                static_cast<unsigned>(date.day()));
  return text;
}

// A school day (Monday to Friday) in academic year `ay`, not after `last`.
year_month_day school_day(Random& random, int ay, sys_days last) {
  const sys_days start = sys_days{year{ay} / September / day{3}};
  const sys_days end = std::min(sys_days{year{ay + 1} / July / day{20}}, last);
  const auto span = static_cast<std::uint64_t>((end - start).count()) + 1;
  sys_days day_chosen = start + days{static_cast<long>(random.below(span))};
  const weekday wd{day_chosen};
  if (wd == Saturday) day_chosen -= days{1};
  if (wd == Sunday) day_chosen -= days{2};
  return year_month_day{std::max(day_chosen, start)};
}

std::string_view draw_kind(Random& random) {
  int roll = static_cast<int>(random.below(100));
  for (const auto& share : kinds) {
    if (roll < share.percent) return share.kind;
    roll -= share.percent;
  }
  return kinds.back().kind;
}

bool parse_long(const char* text, long& value) {
  const char* end = text + std::strlen(text);
  const auto [ptr, ec] = std::from_chars(text, end, value);
  return ec == std::errc{} && ptr == end && value >= 0;
}

int usage(const char* message) {
  std::fprintf(
      stderr,
      "gen_careers: %s\nusage: gen_careers --pupils-out FILE [--pupils N] [--years Y] [--per-year A] [--seed S] [--as-of YYYY-MM-DD]\n",
      message);
  return 2;
}

}  // namespace

int main(int argc, char** argv) {
  Settings settings;
  for (int i = 1; i < argc; ++i) {
    const std::string_view option = argv[i];
    if (i + 1 >= argc) return usage("an option needs a value");
    const char* value = argv[++i];
    long number = 0;
    if (option == "--pupils-out")
      settings.pupils_out = value;
    else if (option == "--as-of") {
      int y = 0;
      unsigned m = 0, d = 0;
      if (std::sscanf(value, "%d-%u-%u", &y, &m, &d) != 3) return usage("--as-of takes YYYY-MM-DD");
      settings.as_of = year{y} / month{m} / day{d};
      if (!settings.as_of.ok()) return usage("--as-of is not a real date");
    } else if (!parse_long(value, number))
      return usage("a count must be a whole number");
    else if (option == "--pupils")
      settings.pupils = number;
    else if (option == "--years")
      settings.years = static_cast<int>(number);
    else if (option == "--per-year")
      settings.per_year = static_cast<int>(number);
    else if (option == "--seed")
      settings.seed = static_cast<std::uint64_t>(number);
    else
      return usage("unknown option");
  }
  if (settings.pupils_out.empty()) return usage("--pupils-out is required");
  if (settings.pupils < 7 || settings.years < 1 || settings.years > 20) return usage("need at least 7 pupils and 1 to 20 years");

  Random random(settings.seed);
  const int current = academic_year_of(settings.as_of);
  const int first_log_year = current - settings.years + 1;
  const sys_days as_of_days{settings.as_of};

  // Cohorts by the academic year they started Year 7: on roll from then until Year 13.
  struct Pupil {
    std::string id;
    int year7_in;
  };
  std::vector<Pupil> pupils;
  const long per_cohort = settings.pupils / 7;
  const long extra = settings.pupils % 7;
  std::FILE* pupil_file = std::fopen(settings.pupils_out.c_str(), "w");
  if (!pupil_file) return std::perror(settings.pupils_out.c_str()), 1;
  std::fputs("id,year_group,date_of_birth,send,considering_he,left_on,destination_1y,destination_2y,destination_3y\n", pupil_file);
  long next_id = 1;
  for (int year7_in = first_log_year - 6; year7_in <= current; ++year7_in) {
    // The N/7 remainder goes to `extra` cohorts in every seven, so the roll is exactly N every year.
    const long size = per_cohort + (((year7_in % 7) + 7) % 7 < extra ? 1 : 0);
    for (long k = 0; k < size; ++k) {
      char id[24];
      std::snprintf(id, sizeof id, "S%07ld", next_id++);
      pupils.push_back({id, year7_in});
      const bool leaver = year7_in + 6 < current;
      const int year_group = leaver ? 13 : current - year7_in + 7;
      const year_month_day born =
          year{year7_in - 11} / month{static_cast<unsigned>(1 + random.below(12))} / day{static_cast<unsigned>(1 + random.below(28))};
      std::string row;
      row.append(id).append(",").append(std::to_string(year_group)).append(",").append(format(born)).append(",");
      row.append(random.chance(15) ? "yes" : random.chance(3) ? "" : "no").append(",");
      row.append(year_group >= 10 ? (random.chance(45) ? "yes" : "no") : "");
      if (leaver) {
        const year_month_day left = year{year7_in + 7} / July / day{20};
        row.append(",").append(format(left));
        for (int k2 = 1; k2 <= 3; ++k2) {
          const bool due = sys_days{year{year7_in + 7 + k2} / July / day{20}} <= as_of_days;
          row.append(",");
          if (due && random.chance(85)) row.append(random.pick(destinations));
        }
      } else {
        row.append(",,,,");
      }
      row.append("\n");
      std::fputs(row.c_str(), pupil_file);
    }
  }
  if (std::fclose(pupil_file) != 0) return std::perror(settings.pupils_out.c_str()), 1;

  std::vector<char> buffer(1 << 20);
  std::setvbuf(stdout, buffer.data(), _IOFBF, buffer.size());
  std::fputs("pupil_id,date,kind,provider,provider_type,meaningful,subject,notes\n", stdout);
  std::string row;
  for (int ay = first_log_year; ay <= current; ++ay) {
    for (const auto& pupil : pupils) {
      const int year_group = ay - pupil.year7_in + 7;
      if (year_group < 7 || year_group > 13) continue;
      for (int a = 0; a < settings.per_year; ++a) {
        const std::string_view kind = draw_kind(random);
        std::string_view provider, provider_type, meaningful, subject;
        if (kind == "employer_encounter" || kind == "workplace_experience") {
          provider = random.pick(employers);
          meaningful = random.chance(85) ? "yes" : random.chance(60) ? "no" : "";
          if (random.chance(30)) subject = random.pick(subjects);
        } else if (kind == "provider_encounter") {
          const auto which = random.below(providers.size());
          provider = providers[which];
          provider_type = provider_types[which];
          meaningful = random.chance(85) ? "yes" : "no";
        } else if (kind == "university_visit") {
          provider = "University of Bath";
          provider_type = "university";
          meaningful = "yes";
        } else if (kind == "curriculum_link") {
          subject = random.pick(subjects);
        }
        row.clear();
        row.append(pupil.id).append(",").append(format(school_day(random, ay, as_of_days))).append(",").append(kind);
        row.append(",").append(provider).append(",").append(provider_type).append(",").append(meaningful);
        row.append(",").append(subject).append(",\n");
        if (std::fputs(row.c_str(), stdout) == EOF) return 1;
      }
    }
  }
  return std::fflush(stdout) == 0 ? 0 : 1;
}
