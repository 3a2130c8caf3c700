// gen_cohort_it — synthetic cohort of an Italian upper secondary school (scuola secondaria di
// secondo grado, classes 1 to 5, a.s. 2026/27), shaped like an electronic register's export at the
// final scrutinio, for calibrating risk-check's Italian rules (risk-check --rules italy).
//
// Every pupil is fictional: names are drawn at random, and the codice fiscale is worked out from
// them as the decree says (so it has the right shape and check letter) with the place code Z999,
// which no comune or country has, so that it is nobody's.
// Deterministic for a given --seed on every platform (rng.hpp); row i depends only on the seed and
// the rows before it.
//
// The export: ';' between cells as Italian Excel saves CSV, Italian headings, dates day first,
// Sì/No, hours of absence beside the personalised annual hours (monte ore), and a regione and
// area geografica (Nord, Centro, Sud e Isole) column so that risk-check --summary and --evaluate
// can break the figures down by territory. --outcomes FILE writes `id,outcome` (left_early or
// stayed): whether the pupil later leaves education early, drawn from their needs only.
//
// Usage: gen_cohort_it [--count N] [--seed S] [--outcomes FILE] [--start-id K]
// Exit status: 0 ok, 1 I/O error, 2 bad command line.

#include <algorithm>
#include <array>
#include <charconv>
#include <cmath>
#include <cstdint>
#include <cstdio>
#include <cstring>
#include <span>
#include <string>
#include <string_view>
#include <vector>

#include "rng.hpp"

namespace {

using generate::at_quantile;
using generate::NamePicker;
using generate::normal_cdf;
using generate::Rng;
using generate::upper_z;
using generate::WeightedName;

enum class Area { nord, centro, sud_isole };
constexpr std::array<std::string_view, 3> kAreaNames = {"Nord", "Centro", "Sud e Isole"};

struct Region {
  std::string_view name;
  Area area;
  int weight;  // pupils, per mille of Italy's (approximately its share of 14-18 year olds, ISTAT)
};

constexpr Region kRegions[] = {
    {"Piemonte", Area::nord, 68},       {"Valle d'Aosta", Area::nord, 2},
    {"Lombardia", Area::nord, 168},     {"Trentino-Alto Adige", Area::nord, 19},
    {"Veneto", Area::nord, 82},         {"Friuli-Venezia Giulia", Area::nord, 19},
    {"Liguria", Area::nord, 23},        {"Emilia-Romagna", Area::nord, 74},
    {"Toscana", Area::centro, 59},      {"Umbria", Area::centro, 14},
    {"Marche", Area::centro, 25},       {"Lazio", Area::centro, 96},
    {"Abruzzo", Area::sud_isole, 21},   {"Molise", Area::sud_isole, 5},
    {"Campania", Area::sud_isole, 107}, {"Puglia", Area::sud_isole, 68},
    {"Basilicata", Area::sud_isole, 9}, {"Calabria", Area::sud_isole, 33},
    {"Sicilia", Area::sud_isole, 84},   {"Sardegna", Area::sud_isole, 24},
};

// Rates. Where ISTAT, MIM or INVALSI publish one it is cited; the rest are waymark assumptions,
// marked so.
struct Rates {
  // Pupils without Italian citizenship: 11.2% of pupils in 2022/23, 65.2% of them in the North,
  // 23.3% in the Centre, 11.5% in the South and Islands (MIM, "Gli alunni con cittadinanza non
  // italiana, a.s. 2022/23", 2024); with the North about 46%, the Centre 19.5% and the South and
  // Islands 34.5% of pupils, that is 15.9%, 13.4% and 3.7% of each area's pupils.
  std::array<double, 3> non_italian = {0.159, 0.134, 0.037};
  // Pupils behind their age group: 7.9% of Italians, 26.4% of others (MIM, the same, 2022/23).
  double behind_italian = 0.079, behind_other = 0.264;
  // Disability under Law 104/1992: about 4.5% of pupils (ISTAT, "L'inclusione scolastica degli
  // alunni con disabilità", a.s. 2022/23). DSA: 5.4% of pupils (MIM, "I principali dati relativi
  // agli alunni con DSA", a.s. 2020/21). Other BES without certification: assumption, 2.5%.
  double disability = upper_z(0.045), dsa = upper_z(0.054), bes = upper_z(0.025);
  // Attendance below three quarters of the monte ore: 2.7% of upper secondary pupils were not
  // assessed for it in 2017/18 (MIUR, "Esiti degli scrutini", as reported by ANSA, 30 May 2019).
  // The rest of the distribution is an assumption around it (absence_at_quantile).
  // Failing subjects at the final scrutinio: 21.5% with judgement suspended on one or more
  // subjects, 7.4% not admitted (MIUR, the same, 2017/18); suspended judgement covers up to
  // about three subjects, non-admission usually more (assumption).
  double failing_any = upper_z(0.215 + 0.074), failing_many = upper_z(0.074);
  // Suspensions: Italy publishes no national rate; assumption, 3% of pupils with one or more
  // and 1% with two or more.
  double suspended = upper_z(0.03), suspended_twice = upper_z(0.01);
};
const Rates kRate;

// INVALSI at the end of lower secondary (grade 8, on every pupil's certificate of competences):
// 62% reached at least level 3 in Italian and 56% in mathematics in 2023 (INVALSI, Rapporto
// nazionale 2023); in the South and Islands 39% in mathematics in 2024 (Rapporto 2024). English:
// assumption near INVALSI's reports, 80% reaching A2 in reading and 65% in listening. The area
// shift of the latent attainment below makes mathematics about 39% in the South and Islands.
constexpr double kItalianBase = 0.62, kMathsBase = 0.56, kReadingA2 = 0.80, kListeningA2 = 0.65;

constexpr WeightedName kFemale[] = {{"Sofia", 6},   {"Giulia", 6},   {"Aurora", 5},   {"Alice", 5},  {"Ginevra", 4},   {"Emma", 4},
                                    {"Giorgia", 4}, {"Beatrice", 4}, {"Martina", 4},  {"Chiara", 4}, {"Francesca", 3}, {"Sara", 3},
                                    {"Anna", 3},    {"Noemi", 2},    {"Federica", 2}, {"Ilaria", 2}};
constexpr WeightedName kMale[] = {{"Leonardo", 6}, {"Francesco", 6}, {"Alessandro", 5}, {"Lorenzo", 5}, {"Mattia", 5},   {"Andrea", 4},
                                  {"Gabriele", 4}, {"Riccardo", 4},  {"Tommaso", 4},    {"Matteo", 4},  {"Giuseppe", 3}, {"Antonio", 3},
                                  {"Marco", 3},    {"Davide", 3},    {"Simone", 2},     {"Luca", 2}};
constexpr WeightedName kFamily[] = {{"Rossi", 6},    {"Russo", 5},   {"Ferrari", 5},  {"Esposito", 5}, {"Bianchi", 4},  {"Romano", 4},
                                    {"Colombo", 4},  {"Ricci", 3},   {"Marino", 3},   {"Greco", 3},    {"Bruno", 3},    {"Gallo", 3},
                                    {"Conti", 3},    {"De Luca", 3}, {"Mancini", 2},  {"Costa", 2},    {"Giordano", 2}, {"Rizzo", 2},
                                    {"Lombardi", 2}, {"Moretti", 2}, {"D'Angelo", 2}, {"Fontana", 2},  {"Caruso", 2},   {"Santoro", 1}};
// Pupils without Italian citizenship: the most frequent citizenships are Romania, Albania and
// Morocco (MIM, 2022/23), then China.
struct Origin {
  std::array<std::string_view, 3> female, male, family;
};
constexpr Origin kOrigins[] = {
    {{"Ioana", "Andreea", "Elena"}, {"Andrei", "Mihai", "Ionut"}, {"Popescu", "Ionescu", "Dumitru"}},
    {{"Klea", "Sara", "Anisa"}, {"Arber", "Erion", "Kristian"}, {"Hoxha", "Shehu", "Leka"}},
    {{"Fatima", "Salma", "Yasmine"}, {"Youssef", "Amine", "Ayoub"}, {"El Amrani", "Benali", "Idrissi"}},
    {{"Mei", "Xin", "Lin"}, {"Wei", "Hao", "Jun"}, {"Chen", "Hu", "Zhou"}},
};

// ---------------------------------------------------------------------------
// The codice fiscale (DM 23 dicembre 1976): surname and name letters, year, month letter, day
// (plus 40 for women), the comune or country code, and the check letter.

std::string letters_of(std::string_view text) {
  std::string out;
  for (const char c : text) {
    if (c >= 'a' && c <= 'z')
      out += static_cast<char>(c - 'a' + 'A');
    else if (c >= 'A' && c <= 'Z')
      out += c;
  }
  return out;
}
bool is_vowel(char c) { return std::strchr("AEIOU", c) != nullptr; }

std::string name_part(std::string_view text, bool given) {
  std::string consonants, vowels;
  for (const char c : letters_of(text)) (is_vowel(c) ? vowels : consonants) += c;
  if (given && consonants.size() >= 4) return {consonants[0], consonants[2], consonants[3]};
  std::string part = consonants + vowels + "XXX";
  return part.substr(0, 3);
}

std::string codice_fiscale(std::string_view family, std::string_view given, int year, int month, int day, bool female) {
  static constexpr std::string_view months = "ABCDEHLMPRST";
  char digits[8];
  std::snprintf(digits, sizeof digits, "%02d", year % 100);
  std::string code = name_part(family, false) + name_part(given, true) + digits + months[static_cast<std::size_t>(month - 1)];
  std::snprintf(digits, sizeof digits, "%02d", day + (female ? 40 : 0));
  code += digits;
  code += "Z999";  // no comune or country: the code is nobody's
  static constexpr std::array<int, 26> odd{1, 0, 5, 7, 9, 13, 15, 17, 19, 21, 2, 4, 18, 20, 11, 3, 6, 8, 12, 14, 16, 10, 22, 25, 24, 23};
  int sum = 0;
  for (std::size_t i = 0; i < 15; ++i) {
    const char c = code[i];
    const int value = c >= '0' && c <= '9' ? c - '0' : c - 'A';
    sum += i % 2 == 0 ? odd[static_cast<std::size_t>(value)] : value;
  }
  return code + static_cast<char>('A' + sum % 26);
}

// ---------------------------------------------------------------------------

struct Pupil {
  std::uint64_t number = 0;
  std::string family, given, codice;
  bool female = false, italian = true;
  int year = 2012, month = 1, day = 1;
  int classe = 1;
  char section = 'A';
  const Region* region = nullptr;
  int monte_ore = 1056;
  int absent_hours = 0;
  bool absence_known = true;
  int lateness = 0, notes = 0, suspensions = 0, failing = 0;
  bool bes = false, dsa = false, disability = false;
  int invalsi_italian = 3, invalsi_maths = 3;
  std::string_view reading = "A2", listening = "A2";
  bool invalsi_known = true;
  bool left_early = false;
};

// Share of the year's hours missed at quantile u of the absence latent (0 = least absence), piecewise
// linear. 2.7% above 25% (cited above); the rest are assumptions: 1% at or above 50%, 6% above
// 20%, 11% at or above 15%, 25% at or above 10%, a median of 6%.
double absence_at_quantile(double u) {
  static constexpr std::array<std::array<double, 2>, 9> knots = {{
      {0.0, 0.0},
      {0.25, 2.5},
      {0.50, 6.0},
      {0.75, 10.0},
      {0.89, 15.0},
      {0.94, 20.0},
      {0.973, 25.0},
      {0.99, 50.0},
      {1.0, 80.0},
  }};
  return at_quantile(knots, u);
}

class Generator {
 public:
  explicit Generator(std::uint64_t seed) : rng_(seed), female_(kFemale), male_(kMale), family_(kFamily) {
    int total = 0;
    for (const auto& r : kRegions) region_cumulative_.push_back(total += r.weight);
  }

  Pupil next(std::uint64_t number) {
    Pupil p;
    p.number = number;
    p.region = &kRegions[static_cast<std::size_t>(
        std::upper_bound(region_cumulative_.begin(), region_cumulative_.end(),
                         static_cast<int>(rng_.below(static_cast<std::uint64_t>(region_cumulative_.back())))) -
        region_cumulative_.begin())];
    const auto area = static_cast<std::size_t>(p.region->area);
    p.classe = rng_.between(1, 5);
    p.section = static_cast<char>('A' + rng_.between(0, 5));
    p.female = rng_.chance(0.49);
    p.italian = !rng_.chance(kRate.non_italian[area]);
    // Born in the calendar year of the class (class 1 of 2026/27: 2012), a year earlier when behind.
    const bool behind = rng_.chance(p.italian ? kRate.behind_italian : kRate.behind_other);
    p.year = 2026 - 14 - (p.classe - 1) - (behind ? 1 : 0);
    p.month = rng_.between(1, 12);
    p.day = rng_.between(1, p.month == 2 ? 28 : (p.month == 4 || p.month == 6 || p.month == 9 || p.month == 11) ? 30 : 31);
    if (p.italian) {
      p.given = (p.female ? female_ : male_).pick(rng_);
      p.family = family_.pick(rng_);
    } else {
      const auto& origin = kOrigins[rng_.below(std::size(kOrigins))];
      p.given = (p.female ? origin.female : origin.male)[rng_.below(3)];
      p.family = origin.family[rng_.below(3)];
    }
    p.codice = codice_fiscale(p.family, p.given, p.year, p.month, p.day, p.female);

    // One latent disadvantage drives the correlated needs; the South and Islands start higher
    // (ISTAT's early leaving, 14.6% in the Mezzogiorno against 8.5% in the North and 7.0% in
    // the Centre, 2023), and so do pupils without Italian citizenship (their delay above).
    const double area_shift = p.region->area == Area::sud_isole ? 0.35 : p.region->area == Area::centro ? -0.05 : 0.0;
    const double disadvantage = rng_.normal() + area_shift + (p.italian ? 0.0 : 0.35) + (behind ? 0.4 : 0.0);
    const double absence_risk = rng_.correlated(disadvantage / 1.15, 0.5);

    p.disability = rng_.correlated(disadvantage / 1.15, 0.2) > kRate.disability;
    p.dsa = !p.disability && rng_.normal() > kRate.dsa;
    p.bes = !p.disability && !p.dsa && rng_.correlated(disadvantage / 1.15, 0.3) > kRate.bes;

    static constexpr std::array<int, 3> kMonteOre = {891, 990, 1056};  // 27, 30 or 32 hours a week for 33 weeks
    const double kind = rng_.uniform();
    p.monte_ore = kMonteOre[kind < 0.35 ? 0 : kind < 0.60 ? 1 : 2] - (rng_.chance(0.08) ? 33 : 0);  // a pupil's own: without Religion
    const double share = absence_at_quantile(normal_cdf(absence_risk));
    p.absent_hours = static_cast<int>(std::lround(share / 100.0 * p.monte_ore));
    p.absence_known = !rng_.chance(0.01);
    p.lateness = static_cast<int>(std::max(0.0, std::round(4.0 + 5.0 * rng_.correlated(absence_risk, 0.5))));

    const double conduct = rng_.correlated(absence_risk, 0.5);
    p.suspensions = conduct > kRate.suspended_twice ? rng_.between(2, 3) : conduct > kRate.suspended ? 1 : 0;
    p.notes = static_cast<int>(std::max(0.0, std::round(1.0 + 2.5 * conduct)));

    // Difficulty with learning: its own latent, correlated with disadvantage, higher with a specific need.
    const double difficulty = rng_.correlated(disadvantage / 1.15, 0.5) + (p.disability ? 0.5 : p.dsa ? 0.3 : 0.0);
    const double failing = rng_.correlated(difficulty, 0.7);
    p.failing = failing > kRate.failing_many ? rng_.between(4, 6) : failing > kRate.failing_any ? 1 + static_cast<int>(rng_.below(3)) : 0;
    const double language_gap = p.italian ? 0.0 : 0.5;
    p.invalsi_italian = level(rng_.correlated(difficulty, 0.7) + language_gap, kItalianBase);
    p.invalsi_maths = level(rng_.correlated(difficulty, 0.7), kMathsBase);
    p.reading = cefr(rng_.correlated(difficulty, 0.6), kReadingA2);
    p.listening = cefr(rng_.correlated(difficulty, 0.6), kListeningA2);
    p.invalsi_known = !rng_.chance(0.03);  // absent on the day, or came from abroad

    p.left_early = draw_outcome(p, absence_risk);
    return p;
  }

 private:
  // Levels 1 to 5 where the share at level 3 or above is `base` (the latent is a need: high is low).
  int level(double need, double base) {
    const double below = 1.0 - base;
    const double u = normal_cdf(need);
    if (u > 1.0 - below * 0.45) return 1;
    if (u > 1.0 - below) return 2;
    if (u > 1.0 - below - 0.30) return 3;
    if (u > 0.12) return 4;
    return 5;
  }
  std::string_view cefr(double need, double a2) {
    const double u = normal_cdf(need);
    if (u > 1.0 - (1.0 - a2) * 0.35) return "pre-A1";
    if (u > a2) return "A1";
    return "A2";
  }

  // Leaving early from needs only: attendance, failing subjects, basic competences, suspensions
  // and the latent disengagement; never citizenship or special needs themselves (they reach it
  // only through the needs they make more likely). Weights are waymark assumptions, set so that
  // about 8% of pupils leave early, 6% in the North and Centre and 11% in the South and Islands,
  // below ISTAT's early leaving of young adults (10.5% in 2023), which also counts those who
  // never reached upper secondary school.
  bool draw_outcome(const Pupil& p, double absence_risk) {
    const double share = 100.0 * p.absent_hours / p.monte_ore;
    double logit = -4.3 + 0.35 * absence_risk;
    if (share >= 10) logit += 0.6;
    if (share >= 15) logit += 0.7;
    if (share > 20) logit += 0.6;
    if (share > 25) logit += 1.0;
    if (p.failing >= 1) logit += 0.5;
    if (p.failing >= 3) logit += 0.7;
    if (p.invalsi_italian <= 2) logit += 0.35;
    if (p.invalsi_maths <= 2) logit += 0.35;
    if (p.reading == "pre-A1" || p.listening == "pre-A1") logit += 0.2;
    if (p.suspensions >= 1) logit += 0.8;
    if (p.suspensions >= 2) logit += 0.4;
    return rng_.uniform() < 1.0 / (1.0 + std::exp(-logit));
  }

  Rng rng_;
  NamePicker female_, male_, family_;
  std::vector<int> region_cumulative_;
};

void put_cell(std::FILE* out, std::string_view text) {
  if (text.find_first_of(";\"\n") == std::string_view::npos) {
    std::fwrite(text.data(), 1, text.size(), out);
    return;
  }
  std::fputc('"', out);
  for (const char c : text) {
    if (c == '"') std::fputc('"', out);
    std::fputc(c, out);
  }
  std::fputc('"', out);
}

bool parse_number(const char* text, std::uint64_t& value) {
  const auto end = text + std::strlen(text);
  const auto [ptr, ec] = std::from_chars(text, end, value);
  return ec == std::errc{} && ptr == end;
}

}  // namespace

int main(int argc, char** argv) {
  std::uint64_t count = 1000, seed = 1, start = 1;
  const char* outcomes_path = nullptr;
  for (int i = 1; i < argc; ++i) {
    const std::string_view arg = argv[i];
    const bool has_value = i + 1 < argc;
    if (arg == "--count" && has_value && parse_number(argv[++i], count)) continue;
    if (arg == "--seed" && has_value && parse_number(argv[++i], seed)) continue;
    if (arg == "--start-id" && has_value && parse_number(argv[++i], start)) continue;
    if (arg == "--outcomes" && has_value) {
      outcomes_path = argv[++i];
      continue;
    }
    std::fprintf(stderr, "usage: gen_cohort_it [--count N] [--seed S] [--outcomes FILE] [--start-id K]\n");
    return 2;
  }
  std::FILE* outcomes = nullptr;
  if (outcomes_path && !(outcomes = std::fopen(outcomes_path, "w"))) {
    std::fprintf(stderr, "gen_cohort_it: cannot create %s\n", outcomes_path);
    return 1;
  }
  if (outcomes) std::fputs("id,outcome\n", outcomes);
  std::FILE* out = stdout;
  std::fputs(
      "Matricola;Cognome;Nome;Codice fiscale;Data di nascita;Sesso;Classe;Cittadinanza;Regione;Area geografica;"
      "Monte ore annuo;Ore di assenza;Ritardi;Note disciplinari;Sospensioni;Insufficienze;BES;DSA;L. 104;"
      "INVALSI Italiano;INVALSI Matematica;INVALSI Inglese Reading;INVALSI Inglese Listening\n",
      out);
  Generator generator(seed);
  const auto yes_no = [](bool value) { return value ? std::string_view("Sì") : std::string_view("No"); };
  for (std::uint64_t n = 0; n < count; ++n) {
    const Pupil p = generator.next(start + n);
    char id[16], date[16], cls[8];
    std::snprintf(id, sizeof id, "IT%06llu", static_cast<unsigned long long>(p.number));
    std::snprintf(date, sizeof date, "%02d/%02d/%04d", p.day, p.month, p.year);
    std::snprintf(cls, sizeof cls, "%d%c", p.classe, p.section);
    const std::string absent = p.absence_known ? std::to_string(p.absent_hours) : std::string();
    const std::string cells[] = {id,
                                 p.family,
                                 p.given,
                                 p.codice,
                                 date,
                                 p.female ? "F" : "M",
                                 cls,
                                 p.italian ? "Italiana" : "Non italiana",
                                 std::string(p.region->name),
                                 std::string(kAreaNames[static_cast<std::size_t>(p.region->area)]),
                                 std::to_string(p.monte_ore),
                                 absent,
                                 std::to_string(p.lateness),
                                 std::to_string(p.notes),
                                 std::to_string(p.suspensions),
                                 std::to_string(p.failing),
                                 std::string(yes_no(p.bes)),
                                 std::string(yes_no(p.dsa)),
                                 std::string(yes_no(p.disability)),
                                 p.invalsi_known ? std::to_string(p.invalsi_italian) : std::string(),
                                 p.invalsi_known ? std::to_string(p.invalsi_maths) : std::string(),
                                 p.invalsi_known ? std::string(p.reading) : std::string(),
                                 p.invalsi_known ? std::string(p.listening) : std::string()};
    for (std::size_t i = 0; i < std::size(cells); ++i) {
      if (i) std::fputc(';', out);
      put_cell(out, cells[i]);
    }
    std::fputc('\n', out);
    if (outcomes) std::fprintf(outcomes, "%s,%s\n", id, p.left_early ? "left_early" : "stayed");
  }
  if (std::fflush(out) != 0 || std::ferror(out) || (outcomes && std::fclose(outcomes) != 0)) {
    std::fprintf(stderr, "gen_cohort_it: write error\n");
    return 1;
  }
  return 0;
}
