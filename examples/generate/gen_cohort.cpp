// gen_cohort — synthetic cohort generator for waymark.
//
// Writes a realistic but entirely SYNTHETIC cohort of English secondary-school
// learners (Years 7–11, academic year 2026/27) as CSV on stdout, and optionally
// a matching `id,outcome` file (left_early | neet | stayed) for evaluating
// early-warning rules. Every person in the output is fictional: names are drawn
// at random from common-name lists and all attributes are simulated.
//
// Output is deterministic for a given --seed on every platform: it uses
// std::mt19937_64 with hand-written distributions (the std:: distributions are
// implementation-defined). Row i depends only on the seed and rows before it,
// so a larger --count extends a smaller one.
//
// The last four columns (child_in_need, child_protection_plan, ks2_reading,
// ks2_maths) come from a second random stream, so the columns before them are
// the same, value for value, as those of the generator before they were added.
// They reach the outcome (see draw_outcome), so outcomes differ for a few
// learners.
//
// CSV: RFC 4180, UTF-8, LF line endings, header row; a field is quoted only if
// it contains a comma, a double quote or a newline.
//
// Usage: gen_cohort [--count N] [--seed S] [--outcomes FILE] [--start-id K]
// Exit status: 0 ok, 1 I/O error, 2 bad command line.
//
// Build: g++ -std=c++20 -O2 -Wall -Wextra -Wpedantic gen_cohort.cpp -o gen_cohort

#include <algorithm>
#include <array>
#include <bit>
#include <charconv>
#include <chrono>
#include <cmath>
#include <cstdint>
#include <cstdio>
#include <cstdlib>
#include <cstring>
#include <optional>
#include <random>
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

// Risk-factor codes for `reported_factors`. These MUST be codes of the
// catalogue's taxonomy (the lead engineer may rename them); keep them in sync.
constexpr std::array<std::string_view, 12> kReportedFactorCodes = {
    "personal.low_motivation",
    "personal.low_self_esteem",
    "personal.low_achievement",
    "personal.disengagement",
    "personal.irregular_transitions",
    "family.low_family_support",
    "family.low_socio_economic_level",
    "social.difficult_relationships",
    "social.peer_pressure",
    "social.isolation",
    "institutional.absenteeism_exclusion",
    "institutional.school_environment",
};
enum FactorIndex : std::size_t {
  kLowMotivation,
  kLowSelfEsteem,
  kLowAchievement,
  kDisengagement,
  kIrregularTransitions,
  kLowFamilySupport,
  kLowSocioEconomic,
  kDifficultRelationships,
  kPeerPressure,
  kBullying,
  kAbsenteeismExclusion,
  kSchoolEnvironment,
};

constexpr int kAcademicYearStart = 2026;  // academic year 2026/27
constexpr int kFormsPerYear = 6;          // tutor groups A..F

// Latent-threshold cut-offs giving the target marginal rates. Where England publishes a rate it
// is cited; the rest are waymark assumptions, marked so, chosen to be plausible for a secondary
// school and small enough not to drive the results.
struct Cutoffs {
  // 22.7% of state-funded secondary pupils were eligible for free school meals in January 2023
  // (DfE, "Schools, pupils and their characteristics" 2022/23).
  double fsm = upper_z(0.227);
  // 70 children looked after per 10,000 children on 31 March 2024 (DfE, "Children looked after
  // in England including adoptions", 2024): 0.7%.
  double looked_after = upper_z(0.007);
  // 4.8% of pupils had an EHC plan and 13.6% SEN support in January 2024 (DfE, "Special
  // educational needs in England" 2023/24): 18.4% with either.
  double ehcp = upper_z(0.048);
  double any_sen = upper_z(0.184);
  // "More than one in five pupils" use English as an additional language (The Bell Foundation,
  // 2023, on DfE's school census); secondary schools have fewer than primary: 20%.
  double eal = upper_z(0.20);
  double young_carer = upper_z(0.03);      // assumption
  double young_parent = upper_z(0.0075);   // assumption: of Years 10-11, ~0.3% overall
  double youth_justice = upper_z(0.005);   // assumption
  double off_site = upper_z(0.01);         // assumption
  double moves_one_plus = upper_z(0.08);   // assumption
  double moves_two_plus = upper_z(0.015);  // assumption
  // Failing (not merely below target): assumption, about one pupil in sixteen per subject.
  double failing_english = upper_z(0.06);
  double failing_maths = upper_z(0.07);
  // DfE recorded 11.31 suspensions per 100 pupils in 2023/24 ("Suspensions and permanent
  // exclusions in England" 2023/24), mostly in secondary schools and often several for one
  // pupil; about 6% of secondary pupils with one or more is an assumption consistent with it.
  double suspended = upper_z(0.06);
  double suspended_twice = upper_z(0.025);
  double suspended_often = upper_z(0.008);
  // Permanent exclusions: about 0.1 per 100 pupils (the same publication; assumption for a
  // secondary school).
  double permanently_excluded = upper_z(0.001);
  double has_factors = upper_z(0.08);  // assumption: needs raised by the pupil or tutor
  // Children in need (Children Act 1989, s17): 332.9 per 10,000 children at 31 March 2024, "around
  // 1 in every 30" (DfE, "Children in need" 2024), looked-after children among them (70 per 10,000,
  // above), so 2.6% are in need and not looked after. Child protection plans: about 42 per 10,000
  // (51,510 children, 42.8 per 10,000, at 31 March 2020; DfE, "Characteristics of children in need"
  // 2020): 0.4%, each of them also a child in need.
  double child_in_need = upper_z(0.026);
  double child_protection_plan = upper_z(0.004);
};
const Cutoffs kCut;

// ---------------------------------------------------------------------------
// Names (weights are relative frequencies within each list).

constexpr WeightedName kFemaleNames[] = {
    {"Olivia", 5},    {"Amelia", 5}, {"Isla", 4},    {"Ava", 4},     {"Mia", 4},      {"Sophia", 4},   {"Grace", 4},    {"Lily", 4},
    {"Emily", 4},     {"Freya", 3},  {"Ella", 3},    {"Evie", 3},    {"Poppy", 3},    {"Chloe", 3},    {"Jessica", 3},  {"Hannah", 3},
    {"Ruby", 3},      {"Leah", 3},   {"Aisha", 3},   {"Fatima", 3},  {"Maryam", 3},   {"Zainab", 2},   {"Amira", 2},    {"Ayesha", 2},
    {"Priya", 2},     {"Anjali", 1}, {"Sienna", 2},  {"Tia", 2},     {"Jasmine", 2},  {"Maisie", 2},   {"Phoebe", 2},   {"Imogen", 1},
    {"Niamh", 2},     {"Aoife", 1},  {"Siobhán", 1}, {"Zoë", 2},     {"Precious", 1}, {"Blessing", 1}, {"Chiamaka", 1}, {"Keisha", 1},
    {"Chantelle", 1}, {"Ionela", 1}, {"Maja", 1},    {"Zuzanna", 1}, {"Oliwia", 1},   {"Elif", 1},     {"Mei", 1},      {"Linh", 1},
};

constexpr WeightedName kMaleNames[] = {
    {"Oliver", 5},  {"Noah", 5},    {"Muhammad", 5}, {"George", 4},  {"Leo", 4},    {"Harry", 4},    {"Jack", 4},
    {"Oscar", 3},   {"Charlie", 3}, {"Jacob", 3},    {"Thomas", 3},  {"Alfie", 3},  {"Joshua", 3},   {"Ethan", 3},
    {"Mason", 3},   {"Daniel", 3},  {"Samuel", 3},   {"Ibrahim", 3}, {"Yusuf", 3},  {"Ahmed", 2},    {"Omar", 2},
    {"Ali", 2},     {"Hassan", 1},  {"Riley", 2},    {"Kai", 2},     {"Tyler", 2},  {"Callum", 2},   {"Liam", 2},
    {"Connor", 2},  {"Jayden", 2},  {"Emmanuel", 2}, {"Arjun", 2},   {"Rohan", 1},  {"Jaskaran", 1}, {"Kwame", 1},
    {"Tobi", 1},    {"Chidi", 1},   {"Reuben", 1},   {"Darragh", 1}, {"Seán", 1},   {"Łukasz", 1},   {"Jakub", 1},
    {"Mateusz", 1}, {"Andrei", 1},  {"Ștefan", 1},   {"Deniz", 1},   {"Mehmet", 1}, {"Minh", 1},     {"Γιώργος", 1},
};

constexpr WeightedName kUnisexNames[] = {
    {"Alex", 3},  {"Sam", 3},    {"Jordan", 2}, {"Charlie", 2}, {"Riley", 2}, {"Jamie", 2},
    {"Robin", 1}, {"Ashley", 1}, {"Morgan", 1}, {"Eden", 1},    {"Rowan", 1}, {"Sasha", 1},
};

constexpr WeightedName kFamilyNames[] = {
    {"Smith", 6},         {"Jones", 5},
    {"Taylor", 4},        {"Brown", 4},
    {"Williams", 4},      {"Wilson", 3},
    {"Johnson", 3},       {"Davies", 3},
    {"Robinson", 2},      {"Wright", 2},
    {"Thompson", 2},      {"Evans", 2},
    {"Walker", 2},        {"White", 2},
    {"Roberts", 2},       {"Green", 2},
    {"Hall", 2},          {"Wood", 2},
    {"Jackson", 2},       {"Clarke", 2},
    {"Hughes", 2},        {"Edwards", 2},
    {"Lewis", 2},         {"Campbell", 2},
    {"Murphy", 2},        {"Kelly", 2},
    {"Patel", 5},         {"Khan", 5},
    {"Ahmed", 3},         {"Hussain", 3},
    {"Ali", 3},           {"Begum", 2},
    {"Islam", 2},         {"Rahman", 2},
    {"Akhtar", 2},        {"Shah", 2},
    {"Singh", 3},         {"Kaur", 2},
    {"Sharma", 1},        {"Mistry", 1},
    {"Mohamed", 2},       {"Abdi", 1},
    {"Warsame", 1},       {"Haddad", 1},
    {"Okafor", 1},        {"Adeyemi", 1},
    {"Mensah", 1},        {"Boateng", 1},
    {"Osei", 1},          {"Francis", 1},
    {"Baptiste", 1},      {"O'Neil", 1},
    {"O'Brien", 1},       {"Ó Ceallaigh", 1},
    {"McCarthy", 1},      {"Nowak", 1},
    {"Kowalski", 1},      {"Wiśniewski", 1},
    {"Popescu", 1},       {"Ionescu", 1},
    {"Kovács", 1},        {"Novák", 1},
    {"Nguyễn", 1},        {"Tran", 1},
    {"Chen", 1},          {"Wang", 1},
    {"Yılmaz", 1},        {"Demir", 1},
    {"Papadopoulos", 1},  {"Costa", 1},
    {"Silva", 1},         {"Fernández", 1},
    {"Smith-Jones", 1},   {"Ashworth-Clarke", 1},
    {"Bennett-Okoro", 1}, {"Lloyd-Williams", 1},
};

// ---------------------------------------------------------------------------
// The learner model.

enum class Sen { none, sen_support, ehcp };
enum class Outcome { stayed, left_early, neet };
enum class AttendanceReport { full, sessions_only, unknown };

// A boolean attribute whose true value is always known to the generator but
// may be left blank (unknown) in the output.
struct Flag {
  bool value = false;
  bool known = true;
};

struct Attendance {
  int possible = 0;
  int attended = 0;
  AttendanceReport report = AttendanceReport::full;
  // Attendance in tenths of a percent, rounded half up (e.g. 947 = 94.7%).
  int tenths() const { return (2000 * attended + possible) / (2 * possible); }
};

struct Learner {
  std::uint64_t number = 0;
  std::string_view given_name, family_name, gender;
  std::chrono::year_month_day date_of_birth;
  int year_group = 7;
  char form = 'A';
  Attendance attendance;
  int suspensions = 0;
  int permanent_exclusions = 0;
  Sen sen = Sen::none;
  Flag eal, looked_after, young_carer, young_parent, fsm, youth_justice, custody, off_site, failing_english, failing_maths;
  int mid_term_moves = 0;
  std::uint32_t factors = 0;  // bit i set => kReportedFactorCodes[i]
  Flag child_in_need, child_protection_plan;
  // Key stage 2 scaled scores (80 to 120), 0 when there is none (not taken in England, or below
  // the range of the test).
  int ks2_reading = 0, ks2_maths = 0;
  Outcome outcome = Outcome::stayed;
};

class CohortGenerator {
 public:
  explicit CohortGenerator(std::uint64_t seed)
      : rng_(seed),
        later_(seed ^ 0x9E3779B97F4A7C15u),
        female_(kFemaleNames),
        male_(kMaleNames),
        unisex_(kUnisexNames),
        family_(kFamilyNames) {}

  Learner next(std::uint64_t number) {
    Learner l;
    l.number = number;
    l.year_group = rng_.between(7, 11);
    l.form = static_cast<char>('A' + rng_.between(0, kFormsPerYear - 1));
    l.date_of_birth = draw_date_of_birth(l.year_group);
    draw_identity(l);

    // One latent "disadvantage" score drives the correlated attributes;
    // a second, correlated score drives attendance and behaviour.
    const double disadvantage = rng_.normal();
    const double absence_risk = rng_.correlated(disadvantage, 0.55);
    draw_circumstances(l, disadvantage);
    draw_attendance(l, absence_risk);
    draw_behaviour(l, absence_risk);
    draw_attainment(l, disadvantage);
    draw_reported_factors(l, absence_risk);
    draw_social_care(l, disadvantage, absence_risk);
    draw_prior_attainment(l, disadvantage);
    // Drawn even without --outcomes, so the learners CSV is the same
    // whether or not the outcomes file is requested.
    l.outcome = draw_outcome(l, absence_risk);
    mask_unknowns(l);
    return l;
  }

 private:
  std::chrono::year_month_day draw_date_of_birth(int year_group) {
    using namespace std::chrono;
    const int born_from = kAcademicYearStart - 12 - (year_group - 7);
    const sys_days first{year{born_from} / September / 1};
    const sys_days last{year{born_from + 1} / August / 31};
    const auto span = static_cast<std::uint64_t>((last - first).count() + 1);
    return year_month_day{first + days{static_cast<int>(rng_.below(span))}};
  }

  void draw_identity(Learner& l) {
    const double g = rng_.uniform();
    l.gender = g < 0.49 ? "female" : g < 0.98 ? "male" : "other";
    if (l.gender == "other" ? rng_.chance(0.6) : rng_.chance(0.04)) {
      l.given_name = unisex_.pick(rng_);
    } else if (l.gender == "other") {
      l.given_name = (rng_.chance(0.5) ? female_ : male_).pick(rng_);
    } else {
      l.given_name = (l.gender == "female" ? female_ : male_).pick(rng_);
    }
    l.family_name = family_.pick(rng_);
  }

  bool above(double latent, double rho, double cutoff) { return rng_.correlated(latent, rho) > cutoff; }

  void draw_circumstances(Learner& l, double d) {
    l.fsm.value = above(d, 0.60, kCut.fsm);
    l.looked_after.value = above(d, 0.50, kCut.looked_after);
    const double need = rng_.correlated(d, 0.35);
    l.sen = need > kCut.ehcp ? Sen::ehcp : need > kCut.any_sen ? Sen::sen_support : Sen::none;
    // Independent of disadvantage and of need: a language is not a risk (seeds/000 calls
    // linguistic diversity a resource), and secondary pupils with EAL are, if anything, less
    // often persistently absent (12.4% against 15.3% in 2020/21, DfE pupil absence statistics
    // as quoted by The Bell Foundation, written evidence PA103, 2023).
    l.eal.value = rng_.normal() > kCut.eal;
    l.young_carer.value = above(d, 0.30, kCut.young_carer);
    const bool can_be_parent = l.year_group >= 10;
    l.young_parent.value = above(d, 0.40, kCut.young_parent) && can_be_parent;
    l.youth_justice.value = above(d, 0.50, kCut.youth_justice);
    l.custody.value = l.youth_justice.value && rng_.chance(0.10);
    l.off_site.value = above(d, 0.40, kCut.off_site);
    const double mobility = rng_.correlated(d, 0.30);
    l.mid_term_moves = mobility > kCut.moves_two_plus ? rng_.between(2, 3) : mobility > kCut.moves_one_plus ? 1 : 0;
  }

  // Attendance percentage at quantile u (0 = worst), piecewise linear.
  // Targets: 22% at or below 90% (persistent absence: 20.1% of pupils in the autumn term and
  // 21.8% in the spring term of 2023/24, DfE "Pupil absence in schools in England", higher in
  // secondary schools); 2.2% at or below 50% (severe absence, spring 2023/24, the same
  // statistics as summarised by the Education Policy Institute, "Absence rates fall but
  // concerns remain", 2024); 4.5% below 80% and 8.5% at or below 85% (assumptions between
  // them); the rest mostly 92-100%.
  static double attendance_at_quantile(double u) {
    static constexpr std::array<std::array<double, 2>, 10> knots = {{
        {0.0, 8.0},
        {0.022, 50.0},
        {0.045, 80.0},
        {0.085, 85.0},
        {0.22, 90.0},
        {0.27, 92.5},
        {0.50, 95.8},
        {0.75, 97.9},
        {0.92, 99.4},
        {1.0, 100.0},
    }};
    return at_quantile(knots, u);
  }

  void draw_attendance(Learner& l, double absence_risk) {
    // Half-day sessions so far: similar per year group, fewer for
    // learners who joined mid-year.
    Attendance& a = l.attendance;
    a.possible = 326 - 2 * (l.year_group - 7) - rng_.between(0, 4);
    if (l.mid_term_moves > 0) a.possible -= rng_.between(0, 18);
    const double pct = attendance_at_quantile(normal_cdf(-absence_risk));
    a.attended = static_cast<int>(std::lround(a.possible * pct / 100.0));
    const double r = rng_.uniform();
    a.report = r < 0.02 ? AttendanceReport::unknown : r < 0.05 ? AttendanceReport::sessions_only : AttendanceReport::full;
  }

  void draw_behaviour(Learner& l, double absence_risk) {
    const double conduct = rng_.correlated(absence_risk, 0.50);
    if (conduct > kCut.suspended_often)
      l.suspensions = rng_.between(3, 6);
    else if (conduct > kCut.suspended_twice)
      l.suspensions = 2;
    else if (conduct > kCut.suspended)
      l.suspensions = 1;
    l.permanent_exclusions = conduct > kCut.permanently_excluded ? 1 : 0;
  }

  void draw_attainment(Learner& l, double d) {
    const double sen_penalty = l.sen == Sen::ehcp ? 0.8 : l.sen == Sen::sen_support ? 0.4 : 0.0;
    // Subtracting the SEN effect keeps the marginal rates near target.
    l.failing_english.value = above(d, 0.40, kCut.failing_english + 0.12 - sen_penalty);
    l.failing_maths.value = above(d, 0.40, kCut.failing_maths + 0.12 - sen_penalty);
  }

  // From the second stream (later_), so that adding these left every earlier column as it was.
  // Social care comes with disadvantage and with absence: children in need are "around three
  // times more likely to be persistently absent and between two to four times more likely to be
  // permanently excluded" (DfE, "Help, protection, education: concluding the Children in Need
  // review", 2019); 44% of them were persistently absent in 2022/23, against about a fifth of all
  // pupils (DfE, "Outcomes for children in need, including children looked after", 2024, as
  // reported by Tes, April 2025). The weights give about 2.8 times the cohort's persistent absence.
  void draw_social_care(Learner& l, double d, double absence_risk) {
    if (l.looked_after.value) return;  // a looked-after child is counted as looked after
    const double need =
        0.45 * d + 0.20 * absence_risk + std::sqrt(1.0 - 0.45 * 0.45 - 0.20 * 0.20 - 2 * 0.45 * 0.20 * 0.55) * later_.normal();
    l.child_in_need.value = need > kCut.child_in_need;
    l.child_protection_plan.value = l.child_in_need.value && need > kCut.child_protection_plan;
  }

  // Key stage 2 scaled scores, 80 to 120, the expected standard 100: in 2024, 74% reached it in
  // reading and 73% in maths, with average scores of 105 and 104 (DfE, "Key stage 2 attainment:
  // national headlines" 2023/24). Scores follow disadvantage, SEN and the subject the learner is
  // failing now (prior attainment is the best single predictor of attainment later); EAL has no
  // term (a waymark assumption: in maths EAL pupils do as well as others nationally). A pupil
  // below the range of the test has no scaled score, nor has one who was not in an English
  // primary school in Year 6: assumed 4% of pupils, 15% of those with EAL (recent arrivals).
  void draw_prior_attainment(Learner& l, double d) {
    const double sen = l.sen == Sen::ehcp ? 1.2 : l.sen == Sen::sen_support ? 0.6 : 0.0;
    const double shared = later_.normal();
    const auto score = [&](double mean, double sd, bool failing) {
      const double z = -0.30 * d - sen - (failing ? 0.9 : 0.0) + 0.55 * shared + 0.65 * later_.normal();
      const long points = std::lround(mean + sd * (z + 0.12));
      return points < 80 ? 0 : static_cast<int>(std::min(points, 120L));
    };
    l.ks2_reading = score(105.0, 8.0, l.failing_english.value);
    l.ks2_maths = score(104.0, 7.0, l.failing_maths.value);
    if (later_.chance(l.eal.value ? 0.15 : 0.04)) l.ks2_reading = l.ks2_maths = 0;
  }

  void draw_reported_factors(Learner& l, double absence_risk) {
    if (!above(absence_risk, 0.60, kCut.has_factors)) return;
    const double c = rng_.uniform();
    const int count = c < 0.50 ? 1 : c < 0.80 ? 2 : c < 0.95 ? 3 : 4;

    std::array<double, kReportedFactorCodes.size()> weight;
    weight.fill(1.0);
    const bool low_attendance = l.attendance.tenths() <= 900;
    if (low_attendance) weight[kDisengagement] = weight[kAbsenteeismExclusion] = 4.0;
    if (l.suspensions > 0) weight[kAbsenteeismExclusion] = 5.0;
    if (l.failing_english.value || l.failing_maths.value) weight[kLowAchievement] = 4.0;
    if (l.mid_term_moves > 0) weight[kIrregularTransitions] = 4.0;
    if (l.looked_after.value || l.young_carer.value) weight[kLowFamilySupport] = 4.0;
    if (l.fsm.value) weight[kLowSocioEconomic] = 4.0;
    if (l.youth_justice.value) weight[kPeerPressure] = 4.0;

    for (int k = 0; k < count; ++k) {  // weighted, without replacement
      double total = 0.0;
      for (double w : weight) total += w;
      double target = rng_.uniform() * total;
      std::size_t i = 0;
      while (i + 1 < weight.size() && (target -= weight[i]) >= 0.0) ++i;
      while (weight[i] == 0.0) --i;  // guard against rounding at the end
      l.factors |= 1u << i;
      weight[i] = 0.0;
    }
  }

  // Leaving outcome (left early or NEET) from the learner's needs and their latent
  // disengagement, never from who they are: free school meals, SEN provision and EAL have no
  // term of their own (disadvantage reaches the outcome only through the needs it makes more
  // likely). The weights are waymark assumptions, not published figures: about 4% leave
  // early or become NEET, most of them after showing signs of need (as early-warning research
  // assumes), and a few with none, so that no rule can find them all. What risk-check's
  // defaults achieve on these outcomes shows the rules behave as designed, not how well they
  // predict in a real school: run risk-check --evaluate on your own outcomes for that.
  Outcome draw_outcome(const Learner& l, double absence_risk) {
    const int pct10 = l.attendance.tenths();
    double logit = -5.5 + 0.4 * absence_risk;
    if (pct10 <= 900) logit += 0.8;
    if (pct10 <= 850) logit += 1.6;
    if (pct10 < 800) logit += 0.6;
    if (pct10 <= 500) logit += 0.8;
    if (l.suspensions >= 1) logit += 0.9;
    if (l.suspensions >= 2) logit += 0.5;
    logit += 2.0 * l.permanent_exclusions;
    if (l.failing_english.value) logit += 0.8;
    if (l.failing_maths.value) logit += 0.8;
    if (l.mid_term_moves >= 1) logit += 0.9;
    if (l.mid_term_moves >= 2) logit += 0.5;
    if (l.off_site.value) logit += 1.5;
    if (l.looked_after.value) logit += 1.5;
    if (l.young_carer.value) logit += 1.2;
    if (l.young_parent.value) logit += 1.8;
    if (l.youth_justice.value) logit += 1.3;
    if (l.custody.value) logit += 1.0;
    logit += 0.5 * std::popcount(l.factors);
    // Beyond the absence that comes with it: a child in need is more likely to be long-term NEET
    // (DfE, "Characteristics of young people who are long-term NEET", 2018, names ever being a
    // child in need among the characteristics that raise the likelihood), a protection plan more
    // so. Prior attainment reaches the outcome mostly through attainment now (failing English or
    // maths, above); a small term of its own. The weights are waymark assumptions.
    if (l.child_in_need.value) logit += 0.5;
    if (l.child_protection_plan.value) logit += 0.5;
    if ((l.ks2_reading > 0 && l.ks2_reading < 100) || (l.ks2_maths > 0 && l.ks2_maths < 100)) logit += 0.2;

    const double p_leave = 1.0 / (1.0 + std::exp(-logit));
    const double u = rng_.uniform();
    const double v = rng_.uniform();
    if (u >= p_leave) return Outcome::stayed;
    double p_neet = 0.40;
    if (l.young_parent.value || l.young_carer.value) p_neet = 0.60;
    return v < p_neet ? Outcome::neet : Outcome::left_early;
  }

  void mask_unknowns(Learner& l) {
    for (Flag* f : {&l.eal, &l.looked_after, &l.young_carer, &l.young_parent, &l.youth_justice, &l.custody, &l.off_site, &l.failing_english,
                    &l.failing_maths}) {
      f->known = !rng_.chance(0.015);
    }
    l.fsm.known = !rng_.chance(0.03);
    // Schools often do not hold a child's social care plan (a waymark assumption: 3% unknown).
    l.child_in_need.known = l.child_protection_plan.known = !later_.chance(0.03);
  }

  Rng rng_;
  Rng later_;  // the columns added after the first release of this generator
  NamePicker female_, male_, unisex_, family_;
};

// ---------------------------------------------------------------------------
// Buffered CSV output.

class CsvWriter {
 public:
  explicit CsvWriter(std::FILE* out) : out_(out) { buffer_.resize(kCapacity); }
  CsvWriter(const CsvWriter&) = delete;
  CsvWriter& operator=(const CsvWriter&) = delete;
  ~CsvWriter() { flush(); }

  void raw(std::string_view s) {
    if (used_ + s.size() > buffer_.size()) flush();
    if (s.size() > buffer_.size()) {
      write_out(s.data(), s.size());
      return;
    }
    std::memcpy(buffer_.data() + used_, s.data(), s.size());
    used_ += s.size();
  }

  void raw(char c) {
    if (used_ == buffer_.size()) flush();
    buffer_[used_++] = c;
  }

  // A text field, quoted only when it contains a comma, quote or newline.
  void field(std::string_view s) {
    separate();
    if (s.find_first_of(",\"\r\n") == std::string_view::npos) {
      raw(s);
      return;
    }
    raw('"');
    for (char c : s) {
      if (c == '"') raw('"');
      raw(c);
    }
    raw('"');
  }

  void field(std::uint64_t n) {
    separate();
    char digits[24];
    const auto end = std::to_chars(digits, digits + sizeof digits, n).ptr;
    raw(std::string_view(digits, static_cast<std::size_t>(end - digits)));
  }

  void empty_field() { separate(); }

  void end_row() {
    raw('\n');
    at_row_start_ = true;
  }

  void flush() {
    write_out(buffer_.data(), used_);
    used_ = 0;
  }

  bool failed() const { return failed_; }

 private:
  static constexpr std::size_t kCapacity = std::size_t{1} << 20;

  void separate() {
    if (!at_row_start_) raw(',');
    at_row_start_ = false;
  }

  void write_out(const char* data, std::size_t n) {
    if (n > 0 && std::fwrite(data, 1, n, out_) != n) failed_ = true;
  }

  std::FILE* out_;
  std::vector<char> buffer_;
  std::size_t used_ = 0;
  bool at_row_start_ = true;
  bool failed_ = false;
};

constexpr std::string_view kLearnerHeader =
    "id,given_name,family_name,date_of_birth,year_group,gender,attendance_pct,"
    "sessions_possible,sessions_attended,suspensions,permanent_exclusions,sen,"
    "eal,looked_after,young_carer,young_parent,fsm,youth_justice,custody,"
    "off_site,mid_term_moves,failing_english,failing_maths,reported_factors,"
    "tutor_group,child_in_need,child_protection_plan,ks2_reading,ks2_maths\n";

std::string learner_id(std::uint64_t number) {
  char digits[24];
  const auto end = std::to_chars(digits, digits + sizeof digits, number).ptr;
  const auto len = static_cast<std::size_t>(end - digits);
  std::string id = "L";
  if (len < 6) id.append(6 - len, '0');
  id.append(digits, len);
  return id;
}

void write_flag(CsvWriter& w, const Flag& f, std::string_view yes, std::string_view no) {
  if (f.known)
    w.field(f.value ? yes : no);
  else
    w.empty_field();
}

void write_date(CsvWriter& w, const std::chrono::year_month_day& d) {
  char text[16];
  std::snprintf(text, sizeof text, "%04d-%02u-%02u", static_cast<int>(d.year()), static_cast<unsigned>(d.month()),
                static_cast<unsigned>(d.day()));
  w.field(text);
}

void write_attendance(CsvWriter& w, const Attendance& a) {
  if (a.report == AttendanceReport::full) {
    const int t = a.tenths();
    char text[16];
    std::snprintf(text, sizeof text, "%d.%d", t / 10, t % 10);
    w.field(text);
  } else {
    w.empty_field();
  }
  if (a.report == AttendanceReport::unknown) {
    w.empty_field();
    w.empty_field();
  } else {
    w.field(static_cast<std::uint64_t>(a.possible));
    w.field(static_cast<std::uint64_t>(a.attended));
  }
}

std::string_view sen_text(Sen s) {
  switch (s) {
    case Sen::sen_support: return "sen_support";
    case Sen::ehcp: return "ehcp";
    case Sen::none: break;
  }
  return "none";
}

std::string_view outcome_text(Outcome o) {
  switch (o) {
    case Outcome::left_early: return "left_early";
    case Outcome::neet: return "neet";
    case Outcome::stayed: break;
  }
  return "stayed";
}

std::string factors_text(std::uint32_t bits) {
  std::string text;
  for (std::size_t i = 0; i < kReportedFactorCodes.size(); ++i) {
    if (!(bits & (1u << i))) continue;
    if (!text.empty()) text += ';';
    text += kReportedFactorCodes[i];
  }
  return text;
}

void write_learner(CsvWriter& w, const Learner& l) {
  w.field(learner_id(l.number));
  w.field(l.given_name);
  w.field(l.family_name);
  write_date(w, l.date_of_birth);
  w.field(static_cast<std::uint64_t>(l.year_group));
  w.field(l.gender);
  write_attendance(w, l.attendance);
  w.field(static_cast<std::uint64_t>(l.suspensions));
  w.field(static_cast<std::uint64_t>(l.permanent_exclusions));
  w.field(sen_text(l.sen));
  write_flag(w, l.eal, "Y", "N");
  write_flag(w, l.looked_after, "true", "false");
  write_flag(w, l.young_carer, "yes", "no");
  write_flag(w, l.young_parent, "yes", "no");
  write_flag(w, l.fsm, "true", "false");
  write_flag(w, l.youth_justice, "yes", "no");
  write_flag(w, l.custody, "yes", "no");
  write_flag(w, l.off_site, "yes", "no");
  w.field(static_cast<std::uint64_t>(l.mid_term_moves));
  write_flag(w, l.failing_english, "true", "false");
  write_flag(w, l.failing_maths, "true", "false");
  w.field(factors_text(l.factors));
  char tutor_group[16];
  std::snprintf(tutor_group, sizeof tutor_group, "%d%c", l.year_group, l.form);
  w.field(tutor_group);
  write_flag(w, l.child_in_need, "yes", "no");
  write_flag(w, l.child_protection_plan, "yes", "no");
  if (l.ks2_reading > 0)
    w.field(static_cast<std::uint64_t>(l.ks2_reading));
  else
    w.empty_field();
  if (l.ks2_maths > 0)
    w.field(static_cast<std::uint64_t>(l.ks2_maths));
  else
    w.empty_field();
  w.end_row();
}

// ---------------------------------------------------------------------------
// Command line.

struct Options {
  std::uint64_t count = 1500;
  std::uint64_t seed = 1;
  std::uint64_t start_id = 1;
  std::string outcomes_path;
};

constexpr std::string_view kUsage =
    "usage: gen_cohort [--count N] [--seed S] [--outcomes FILE] [--start-id K]\n"
    "  Writes a synthetic (fictional) learner cohort as CSV to stdout.\n"
    "  --count N       number of learners (default 1500)\n"
    "  --seed S        random seed, unsigned 64-bit (default 1)\n"
    "  --outcomes FILE also write id,outcome (left_early|neet|stayed) to FILE\n"
    "  --start-id K    first id number, giving L000001 for 1 (default 1)\n";

std::optional<std::uint64_t> parse_unsigned(std::string_view text) {
  std::uint64_t value = 0;
  const auto [end, ec] = std::from_chars(text.data(), text.data() + text.size(), value);
  if (text.empty() || ec != std::errc{} || end != text.data() + text.size()) return std::nullopt;
  return value;
}

[[noreturn]] void usage_error(const std::string& message) {
  std::fprintf(stderr, "gen_cohort: %s\n%s", message.c_str(), kUsage.data());
  std::exit(2);
}

Options parse_options(int argc, char** argv) {
  Options opt;
  for (int i = 1; i < argc; ++i) {
    const std::string_view arg = argv[i];
    if (arg == "--help" || arg == "-h") {
      std::fputs(kUsage.data(), stdout);
      std::exit(0);
    }
    if (arg != "--count" && arg != "--seed" && arg != "--outcomes" && arg != "--start-id") {
      usage_error("unknown option '" + std::string(arg) + "'");
    }
    if (i + 1 >= argc) usage_error("option " + std::string(arg) + " needs a value");
    const std::string_view value = argv[++i];
    if (arg == "--outcomes") {
      if (value.empty()) usage_error("--outcomes needs a file name");
      opt.outcomes_path = value;
      continue;
    }
    const auto number = parse_unsigned(value);
    if (!number) {
      usage_error("option " + std::string(arg) + " needs an unsigned integer, got '" + std::string(value) + "'");
    }
    if (arg == "--count")
      opt.count = *number;
    else if (arg == "--seed")
      opt.seed = *number;
    else
      opt.start_id = *number;
  }
  if (opt.count > 0 && opt.start_id > UINT64_MAX - (opt.count - 1)) {
    usage_error("--start-id + --count overflows");
  }
  return opt;
}

}  // namespace

int main(int argc, char** argv) {
  const Options opt = parse_options(argc, argv);

  std::FILE* outcomes_file = nullptr;
  if (!opt.outcomes_path.empty()) {
    outcomes_file = std::fopen(opt.outcomes_path.c_str(), "wb");
    if (!outcomes_file) {
      std::fprintf(stderr, "gen_cohort: cannot open '%s' for writing\n", opt.outcomes_path.c_str());
      return 1;
    }
  }

  bool failed = false;
  {
    CsvWriter learners(stdout);
    std::optional<CsvWriter> outcomes;
    if (outcomes_file) outcomes.emplace(outcomes_file);

    learners.raw(kLearnerHeader);
    if (outcomes) outcomes->raw("id,outcome\n");

    CohortGenerator generator(opt.seed);
    for (std::uint64_t i = 0; i < opt.count; ++i) {
      const Learner l = generator.next(opt.start_id + i);
      write_learner(learners, l);
      if (outcomes) {
        outcomes->field(learner_id(l.number));
        outcomes->field(outcome_text(l.outcome));
        outcomes->end_row();
      }
    }
    learners.flush();
    if (outcomes) outcomes->flush();
    failed = learners.failed() || (outcomes && outcomes->failed());
  }
  if (std::fflush(stdout) != 0) failed = true;
  if (outcomes_file && std::fclose(outcomes_file) != 0) failed = true;
  if (failed) {
    std::fprintf(stderr, "gen_cohort: write error\n");
    return 1;
  }
  return 0;
}
