// An Italian school's data: the register's headings and values (Sì/No, the codice fiscale),
// attendance worked out from hours of absence, and the shipped Italian rules with their Italian
// reasons (risk-check --rules italy --lang it).
#include <catch2/catch.hpp>

#include <cmath>
#include <string>

#include "helpers.hpp"
#include "waymark/fields.hpp"
#include "waymark/headings.hpp"
#include "waymark/risk/assess.hpp"
#include "waymark/risk/rules.hpp"

namespace {

using Catch::Matchers::Contains;

std::string codice_fiscale_error(std::string_view text) {
  const auto error = test::field_error_from([&] { waymark::check_codice_fiscale(text); });
  return error ? error->what() : "";
}

}  // namespace

TEST_CASE("Sì, Si, S and No, N are yes/no values as Italian registers write them", "[fields][bool][italy]") {
  using waymark::parse_bool;
  CHECK(parse_bool("Sì") == true);
  CHECK(parse_bool("SÌ") == true);
  CHECK(parse_bool("sì") == true);
  CHECK(parse_bool("Si") == true);
  CHECK(parse_bool("S") == true);
  CHECK(parse_bool("s") == true);
  CHECK(parse_bool("No") == false);
  CHECK(parse_bool("N") == false);
  // Other accented words are still refused, not guessed.
  CHECK(test::field_error_from([] { parse_bool("Sé"); }));
  CHECK(test::field_error_from([] { parse_bool("Sìì"); }));
}

TEST_CASE("a codice fiscale is checked for its shape and its check letter", "[fields][italy]") {
  // The usual worked example (Mario Rossi), and the same with omocodia: its last digit written as a letter (2 as N).
  CHECK(codice_fiscale_error("RSSMRA85T10A562S").empty());
  CHECK(codice_fiscale_error("rssmra85t10a562s").empty());
  CHECK(codice_fiscale_error("RSSMRA85T10A56NH").empty());
  CHECK(codice_fiscale_error("  RSSMRA85T10A562S ").empty());
  CHECK(codice_fiscale_error("").empty());  // unknown, not wrong
  // The provisional 11-digit code, with the check digit of the partita IVA.
  CHECK(codice_fiscale_error("12345678903").empty());
  CHECK_THAT(codice_fiscale_error("12345678904"), Contains("check digit does not match"));
  // A misplaced column: a date, a class, a name.
  CHECK_THAT(codice_fiscale_error("12/03/2011"), Contains("not a codice fiscale: 10 characters"));
  CHECK_THAT(codice_fiscale_error("3B"), Contains("2 characters"));
  CHECK_THAT(codice_fiscale_error("RSSMRA85T10A562S1"), Contains("17 characters"));
  CHECK_THAT(codice_fiscale_error("RSSMR185T10A562S"), Contains("a letter expected at character 6"));
  CHECK_THAT(codice_fiscale_error("RSSMRA85F10A562S"), Contains("a month letter"));
  CHECK_THAT(codice_fiscale_error("RSSMRA8KT10A562S"), Contains("a digit expected at character 8"));
  CHECK_THAT(codice_fiscale_error("RSSMRA85T10A562T"), Contains("the check letter does not match"));
  const auto error = test::field_error_from([] { waymark::check_codice_fiscale("RSSMRA85T10A562T"); });
  REQUIRE(error);
  CHECK_THAT(error->expected(), Contains("--columns"));
}

TEST_CASE("the vocabulary reads an Italian register's headings", "[headings][italy]") {
  const auto& vocabulary = waymark::HeadingVocabulary::builtin();
  const auto field = [&](std::string_view heading) {
    return vocabulary.meaning(heading).value_or(waymark::HeadingVocabulary::Meaning{}).field;
  };
  CHECK(field("Cognome") == "family_name");
  CHECK(field("COGNOME") == "family_name");
  CHECK(field("Nome") == "given_name");
  CHECK(field("Data di nascita") == "date_of_birth");
  CHECK(field("Sesso") == "gender");
  CHECK(field("Classe") == "tutor_group");
  CHECK(field("Matricola") == "id");
  CHECK(field("Codice fiscale") == "codice_fiscale");
  CHECK(field("CODICE FISCALE ALUNNO") == "codice_fiscale");
  CHECK(field("C.F.") == "codice_fiscale");
  CHECK(field("Cittadinanza") == "citizenship");
  CHECK(field("Ore di assenza") == "absence_hours");
  CHECK(field("Monte ore annuo personalizzato") == "annual_hours");
  CHECK(field("Percentuale assenze") == "absence_pct");
  CHECK(field("Giorni di assenza") == "absence_days");
  CHECK(field("Giorni di lezione") == "school_days");
  CHECK(field("Ritardi") == "lateness");
  CHECK(field("Note disciplinari") == "disciplinary_notes");
  CHECK(field("Sospensioni") == "suspensions");
  CHECK(field("Insufficienze") == "failing_subjects");
  CHECK(field("BES") == "bes");
  CHECK(field("DSA") == "dsa");
  CHECK(field("L. 104") == "disability_104");
  // Accented capitals fold as the small letters do.
  CHECK(field("DISABILITÀ") == "disability_104");
  CHECK(field("INVALSI Italiano") == "invalsi_italian");
  CHECK(field("INVALSI Matematica") == "invalsi_maths");
  CHECK(field("INVALSI Inglese Reading") == "invalsi_english_reading");
  CHECK(field("Area geografica") == "territorial_area");
  CHECK(field("Regione") == "region");
  // English headings of a field keep their preference over the Italian ones that follow.
  CHECK(field("Surname") == "family_name");
  // 'Assenze' alone (hours? days? '% Assenze' folds to it) is never guessed: it may be any of three.
  CHECK_FALSE(vocabulary.meaning("Assenze"));
  CHECK_FALSE(vocabulary.meaning("% Assenze"));
  const auto possible = vocabulary.may_be("% Assenze");
  CHECK(possible.size() == 3);
}

TEST_CASE("the Italian rules are shipped, parse, and give every reason in Italian", "[rules][italy]") {
  using namespace waymark::risk;
  const auto& catalogue = waymark::Catalogue::builtin();
  auto rules = Rules::italy(catalogue);
  CHECK(rules.targeted_from == 3);
  CHECK(rules.intensive_from == 8);
  CHECK(rules.context_max == 1);
  CHECK(Rules::shipped("italy"));
  CHECK(Rules::shipped("defaults"));
  CHECK_FALSE(Rules::shipped("Italy"));
  // Context never flags: BES, DSA, disability and citizenship are context, everything else is need.
  for (const auto& indicator : rules.indicators) {
    const bool characteristic = indicator.code == "bes" || indicator.code == "dsa" || indicator.code == "disabilita_104" ||
                                indicator.code == "cittadinanza_non_italiana";
    INFO(indicator.code);
    CHECK(indicator.context == characteristic);
  }
  CHECK(rules.use_language("it").empty());
  CHECK(rules.language == "it");
  // The English defaults give no Italian: every code is named, and the language stays English.
  auto defaults = Rules::builtin(catalogue);
  CHECK(defaults.use_language("it").size() == defaults.indicators.size() + defaults.overrides.size());
  CHECK(defaults.language == "en");
}

TEST_CASE("a reason in another language must name one", "[rules][italy]") {
  using namespace waymark::risk;
  const std::string text =
      "{\"tiers\": {\"targeted_from\": 2, \"intensive_from\": 4}, \"indicators\": [\n"
      "{\"code\": \"x\", \"field\": \"fsm\", \"test\": \"is_true\", \"points\": 1, \"reason\": \"r\",\n"
      " \"reason_italiano\": \"r\"}]}";
  const auto error = test::error_from([&] { Rules::parse(text, "my-rules.json", waymark::Catalogue::builtin()); });
  REQUIRE(error);
  CHECK_THAT(std::string(error->what()), Contains("my-rules.json:3: indicator x: 'reason_italiano' is not a reason in a language"));
}

TEST_CASE("a declared count field is read as a count and tested as one", "[rules][italy]") {
  using namespace waymark::risk;
  const std::string text =
      "{\"tiers\": {\"targeted_from\": 2, \"intensive_from\": 4}, \"fields\": [{\"name\": \"failing_subjects\", \"type\": \"count\"}],\n"
      "\"indicators\": [{\"code\": \"f\", \"field\": \"failing_subjects\", \"test\": \"at_least\", \"value\": 3, \"points\": 2, "
      "\"reason\": \"{value}\"}]}";
  const auto rules = Rules::parse(text, "my-rules.json", waymark::Catalogue::builtin());
  REQUIRE(rules.fields.size() == 1);
  CHECK(rules.fields[0].kind == Kind::count);
  CHECK(rules.indicators[0].when.low == 3);
}
