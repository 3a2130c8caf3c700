// transition-pack's Common Transfer File reader: each section it reads into the record (header,
// pupil, languages, looked after, FSM, SEN, contacts, attendance, assessments, school history),
// the warnings it gives, and the files it refuses, with the line a school would look at.
#include <catch2/catch.hpp>

#include <string>

#include "helpers.hpp"
#include "waymark/transition/ctf.hpp"

using namespace waymark::transition;
using json = nlohmann::ordered_json;

namespace {

// A CTF 25 of one pupil whose children of Pupil (after the UPN) are `pupil`.
std::string ctf(const std::string& pupil, const std::string& version = "25.0") {
  return "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n"
         "<CTfile>\n"
         "  <Header>\n"
         "    <CTFversion>" +
         version +
         "</CTFversion>\n"
         "    <DateTime>2027-07-16T15:42:10</DateTime>\n"
         "    <SourceSchool><LEA>823</LEA><Estab>2145</Estab><SchoolName>Riverside Primary School</SchoolName></SourceSchool>\n"
         "    <DestSchool><LEA>823</LEA><Estab>4102</Estab></DestSchool>\n"
         "  </Header>\n"
         "  <CTFpupilData>\n"
         "    <Pupil>\n"
         "      <UPN>F823214524001</UPN>\n" +
         pupil +
         "    </Pupil>\n"
         "  </CTFpupilData>\n"
         "</CTfile>\n";
}

CtfFile read(const test::TempDir& dir, const std::string& text) { return read_ctf(dir.write("transfer.xml", text).string(), false); }

const json& record_of(const CtfFile& file) {
  REQUIRE(file.learners.size() == 1);
  return file.learners.begin()->second.record;
}

// The bad_data message reading `text` throws, with the temporary directory's path cut off.
std::string refusal(const test::TempDir& dir, const std::string& text) {
  const auto error = test::error_from([&] { read(dir, text); });
  if (!error) FAIL("the CTF was read:\n" + text);
  CHECK(error->kind() == waymark::ErrorKind::bad_data);
  std::string message = error->what();
  const std::string prefix = (dir / "").string();
  if (message.starts_with(prefix)) message.erase(0, prefix.size());
  return message;
}

}  // namespace

TEST_CASE("the header gives the version, both schools and the export date; pupils keep file order", "[ctf]") {
  test::TempDir dir;
  auto text =
      ctf("      <Surname>Okafor</Surname><Forename>Amara</Forename><DOB>2015-03-02</DOB><Sex>F</Sex>\n"
          "      <BasicDetails><PreferredForename>Mara</PreferredForename><NCyearActual>6</NCyearActual>\n"
          "        <EnrolStatus>C</EnrolStatus></BasicDetails>\n");
  // A second pupil before the first in UPN order: file order is kept.
  text.replace(text.find("  </CTFpupilData>"), 0, "    <Pupil><UPN>A823214524002</UPN><Gender>M</Gender></Pupil>\n");
  const auto file = read(dir, text);
  CHECK(file.version == "25.0");
  CHECK(file.source_school == "Riverside Primary School");
  CHECK(file.dest_school == "823/4102");
  REQUIRE(file.exported.has_value());
  CHECK(waymark::format_date(*file.exported) == "2027-07-16");
  CHECK(file.ids == std::vector<std::string>{"F823214524001", "A823214524002"});
  CHECK(file.warnings.empty());
  const auto& amara = file.learners.at("F823214524001");
  CHECK(amara.family_name == "Okafor");
  CHECK(amara.given_name == "Amara");
  CHECK(amara.preferred_given_name == "Mara");
  CHECK(amara.date_of_birth == "2015-03-02");
  CHECK(amara.gender == "F");
  CHECK(amara.year_group == "6");
  CHECK(amara.record["nc_year"] == "6");
  CHECK(amara.record["enrol_status"] == "C");
  CHECK(amara.line == 10);
  CHECK(file.learners.at("A823214524002").gender == "M");  // older exports say Gender
}

TEST_CASE("languages decide EAL, looked after and FSM are read as recorded", "[ctf]") {
  test::TempDir dir;
  const auto record = record_of(read(dir, ctf(R"(      <BasicDetails>
        <Languages>
          <Type><LanguageType>H</LanguageType><Language>ENG</Language></Type>
          <Type><LanguageType>F</LanguageType><Language>POL</Language></Type>
        </Languages>
        <MedicalFlag>true</MedicalFlag>
        <Disabilities><Disability>VIS</Disability></Disabilities>
      </BasicDetails>
      <LookedAfter><InCare>true</InCare><CareAuthority>823</CareAuthority></LookedAfter>
      <FSMhistory>
        <FSMreviewDate>2027-04-01</FSMreviewDate>
        <FSMinstance><FSMstartDate>2020-01-10</FSMstartDate><FSMendDate>2021-01-10</FSMendDate></FSMinstance>
        <FSMinstance><FSMstartDate>2022-01-10</FSMstartDate><FSMendDate></FSMendDate></FSMinstance>
      </FSMhistory>
)")));
  // Polish as first language: English is additional. The home language does not decide it.
  CHECK(record["english_additional_language"] == true);
  REQUIRE(record["languages"].size() == 2);
  CHECK(record["languages"][1]["language"] == "POL");
  CHECK(record["languages"][1]["code"] == "F");
  CHECK(record["medical_flag"] == true);
  CHECK(record["disabilities"] == json::array({"VIS"}));
  CHECK(record["looked_after"] == true);
  CHECK(record["care_authority"] == "823");
  // The instance without an end date is the current one.
  CHECK(record["fsm_current"] == true);
  CHECK(record["fsm_review_date"] == "2027-04-01");
  CHECK(record["fsm_history"].size() == 2);
  CHECK(record["fsm_history"][0]["end"] == "2021-01-10");
  CHECK(record["fsm_history"][1]["end"].is_null());

  // No first language recorded: EAL is unknown, never "no"; no InCare is unknown too.
  const auto bare = record_of(read(dir, ctf("")));
  CHECK(bare["english_additional_language"].is_null());
  CHECK(bare["looked_after"].is_null());
  CHECK_FALSE(bare.contains("fsm_current"));
}

TEST_CASE("SEN history oldest first, the EHC plan from the latest provision, needs by rank", "[ctf]") {
  test::TempDir dir;
  const auto record = record_of(read(dir, ctf(R"(      <SENhistory>
        <SEN><StartDate>2025-09-01</StartDate><SENprovision>E</SENprovision>
          <SENneeds>
            <SENneed><NeedTypeRank>2</NeedTypeRank><NeedType>SLCN</NeedType></SENneed>
            <SENneed><NeedTypeRank>1</NeedTypeRank><NeedType>ASD</NeedType></SENneed>
          </SENneeds></SEN>
        <SEN><StartDate>2022-09-01</StartDate><SENprovision>K</SENprovision></SEN>
      </SENhistory>
)")));
  REQUIRE(record["sen_history"].size() == 2);
  CHECK(record["sen_history"][0]["provision"] == "K");
  CHECK(record["sen_history"][1]["provision"] == "E");
  CHECK(record["ehc_plan"] == true);
  const auto& needs = record["sen_history"][1]["needs"];
  REQUIRE(needs.size() == 2);
  CHECK(needs[0]["code"] == "ASD");  // rank 1 first
  CHECK(needs[0]["rank"] == 1);
  CHECK(needs[1]["code"] == "SLCN");
  CHECK(needs[0]["label"].is_string());  // words from ctf_codes.json

  // The latest provision is SEN support: no EHC plan, whatever came before.
  const auto support = record_of(read(dir, ctf(R"(      <SENhistory>
        <SEN><StartDate>2022-09-01</StartDate><SENprovision>E</SENprovision></SEN>
        <SEN><StartDate>2025-09-01</StartDate><SENprovision>K</SENprovision></SEN>
      </SENhistory>
)")));
  CHECK(support["ehc_plan"] == false);
}

TEST_CASE("contacts in their order, attendance per year to one decimal, results and schools", "[ctf]") {
  test::TempDir dir;
  const auto record = record_of(read(dir, ctf(R"(      <Contacts>
        <Contact><Order>2</Order><Forename>Piotr</Forename><Relationship>PAF</Relationship><Responsibility>true</Responsibility>
          <Phones><Phone><TelephoneType>M</TelephoneType><PhoneNo>07700 900123</PhoneNo></Phone></Phones></Contact>
        <Contact><Order>1</Order><Forename>Anna</Forename><Relationship>XYZ</Relationship><Responsibility>false</Responsibility></Contact>
      </Contacts>
      <Attendance>
        <YearData><Year>2026</Year><SchoolName>Riverside</SchoolName><SessionsPossible>378</SessionsPossible>
          <SessionsAuthorised>12</SessionsAuthorised><SessionsUnauthorised>4</SessionsUnauthorised></YearData>
        <YearData><Year>2025</Year><SessionsPossible></SessionsPossible></YearData>
      </Attendance>
      <StageAssessments><KeyStage><Stage>KS2</Stage>
        <StageAssessment><Year>2027</Year><Subject>MAT</Subject><Method>TT</Method><Component>MAT</Component>
          <ResultStatus>R</ResultStatus><ResultQualifier>SS</ResultQualifier><Result>102</Result><ResultDate>2027-07-06</ResultDate></StageAssessment>
      </KeyStage></StageAssessments>
      <SchoolHistory><School><LEA>823</LEA><Estab>2145</Estab><SchoolName>Riverside</SchoolName>
        <EntryDate>2019-09-04</EntryDate><LeavingReason>Transfer</LeavingReason></School></SchoolHistory>
)")));
  REQUIRE(record["contacts"].size() == 2);
  CHECK(record["contacts"][0]["forename"] == "Anna");
  CHECK(record["contacts"][0]["relationship"]["code"] == "XYZ");
  CHECK(record["contacts"][0]["relationship"]["label"].is_null());  // a code not listed prints as written
  CHECK(record["contacts"][0]["parental_responsibility"] == false);
  CHECK(record["contacts"][1]["relationship"]["label"] == "father");
  CHECK(record["contacts"][1]["phones"][0]["number"] == "07700 900123");
  // (378 - 12 - 4) / 378 = 95.767...%: 95.8.
  REQUIRE(record["attendance"].size() == 2);
  CHECK(record["attendance"][0]["attendance_pct"] == 95.8);
  CHECK(record["attendance"][0]["sessions_unauthorised_absence"] == 4);
  CHECK_FALSE(record["attendance"][1].contains("attendance_pct"));  // no sessions possible: no share
  REQUIRE(record["assessments"].size() == 1);
  CHECK(record["assessments"][0]["key_stage"] == "KS2");
  CHECK(record["assessments"][0]["result"] == "102");
  CHECK(record["assessments"][0]["result_date"] == "2027-07-06");
  REQUIRE(record["school_history"].size() == 1);
  CHECK(record["school_history"][0]["number"] == "823/2145");
  CHECK(record["school_history"][0]["leaving_date"].is_null());
}

TEST_CASE("what the reader does not know is warned about, never dropped silently", "[ctf]") {
  test::TempDir dir;
  const auto unknown = read(dir, ctf("      <TopUpFunding>yes</TopUpFunding>\n"
                                     "      <BasicDetails><TravelArrangements>bus</TravelArrangements></BasicDetails>\n"));
  REQUIRE(unknown.warnings.size() == 1);
  CHECK_THAT(
      unknown.warnings[0],
      Catch::Matchers::EndsWith("transfer.xml: 2 elements this tool does not know, not read into the pack: Pupil/TopUpFunding (line 12), "
                                "Pupil/BasicDetails/TravelArrangements (line 13)"));
  const auto old = read(dir, ctf("", "19.0"));
  REQUIRE(old.warnings.size() == 1);
  CHECK_THAT(old.warnings[0],
             Catch::Matchers::EndsWith("transfer.xml: CTF version 19.0 is read as version 25 (this tool knows versions 24 and 25)"));
}

TEST_CASE("a CTF with a bad value is refused at the element's line", "[ctf]") {
  test::TempDir dir;
  CHECK(refusal(dir, ctf("      <DOB>2015-02-30</DOB>\n")) ==
        "transfer.xml:12: element 'DOB': not a date: day out of range for the month at character 9 (a real date such as 2026-09-07)");
  CHECK(refusal(dir, ctf("      <LookedAfter><InCare>perhaps</InCare></LookedAfter>\n")) ==
        "transfer.xml:12: element 'InCare': not a yes/no value (true/false, yes/no, y/n, sì/no, s/n, t/f or 1/0, or empty if unknown)");
  CHECK(
      refusal(dir,
              ctf("      <Attendance><YearData><SessionsPossible>10</SessionsPossible>\n"
                  "        "
                  "<SessionsAuthorised>8</SessionsAuthorised><SessionsUnauthorised>3</SessionsUnauthorised></YearData></Attendance>\n")) ==
      "transfer.xml:12: element 'YearData': more sessions missed than possible (SessionsAuthorised + SessionsUnauthorised <= "
      "SessionsPossible)");
  auto twice = ctf("");
  twice.replace(twice.find("  </CTFpupilData>"), 0, "    <Pupil><UPN>F823214524001</UPN></Pupil>\n");
  CHECK(refusal(dir, twice) == "transfer.xml:13: element 'UPN': the pupil appears twice (first on line 10) (one Pupil per UPN)");
  auto no_upn = ctf("");
  no_upn.replace(no_upn.find("<UPN>F823214524001</UPN>"), 24, "<Surname>Okafor</Surname>");
  CHECK(refusal(dir, no_upn) == "transfer.xml:10: element 'Pupil': there is no UPN (every Pupil with its unique pupil number)");
}

TEST_CASE("a file that is not a whole, well-formed CTF is refused", "[ctf]") {
  test::TempDir dir;
  const auto whole = ctf("");
  // Cut off inside the pupil, after the UPN's line.
  CHECK(refusal(dir, whole.substr(0, whole.find("    </Pupil>"))) ==
        "transfer.xml:11:31: the XML ends before its elements are closed: the file looks truncated (a complete CTF export)");
  CHECK(
      refusal(dir, "<?xml version=\"1.0\"?>\n<Pupils>\n</Pupils>\n") ==
      "transfer.xml:2: not a Common Transfer File: the root element is 'Pupils' (CTfile, as in a CTF export from SIMS, Arbor or Bromcom)");
  CHECK(refusal(dir, "<CTfile>\n  <CTFpupilData/>\n</CTfile>\n") ==
        "transfer.xml:1: element 'CTfile': there is no Header (a CTF with its Header (CTFversion, SourceSchool, DestSchool))");
  CHECK(refusal(dir, ctf("      <Surname>Smith & Sons</Surname>\n")) ==
        "transfer.xml:12: element 'Surname': an '&' that does not start a reference (&amp; &lt; &gt; &quot; &apos; or a "
        "character reference such as &#233; to a character XML allows)");
  CHECK(refusal(dir, "<?xml version=\"1.0\"?>\n<!DOCTYPE CTfile [<!ENTITY x \"y\">]>\n<CTfile/>\n") ==
        "transfer.xml:2: a DOCTYPE declaration, which could define entities of its own (a CTF export without one)");
  CHECK(refusal(dir, ctf("      <Surname>Ok\xC3\x28</Surname>\n")) ==
        "transfer.xml:12: element 'Surname': invalid UTF-8 (a CTF export as the school system wrote it: UTF-8 XML)");
  const auto missing = test::error_from([&] { read_ctf((dir / "absent.xml").string(), false); });
  REQUIRE(missing);
  CHECK(missing->kind() == waymark::ErrorKind::missing_input);
}
