// Documents (waymark/render.hpp): templates, escaping, the writers and where documents go.
#include "waymark/render.hpp"

#include <catch2/catch.hpp>

#include "helpers.hpp"

namespace {

using Catch::Matchers::Contains;
using waymark::DocumentFormat;
using waymark::ErrorKind;
using waymark::Template;

const std::string hostile_name = "<b>Zoë *O'Neil*</b> [x](javascript:1)";

std::string convert(std::string_view markdown, DocumentFormat format, const waymark::PageSettings& page = {}) {
  test::TempDir dir;
  const auto path = dir / "doc";
  {
    waymark::Output out(path.string());
    auto writer = waymark::DocumentWriter::create(format, out, page);
    writer->begin("Title");
    writer->document(waymark::ParsedDocument(markdown, "Title"));
    writer->finish();
    out.commit();
  }
  return test::slurp(path);
}

std::string render(std::string_view text, const nlohmann::json& data) {
  return waymark::render_markdown(Template{"t", "t.md.mustache", std::string(text)}, data);
}

TEST_CASE("escape_markdown: punctuation escaped, line breaks folded", "[render]") {
  CHECK(waymark::escape_markdown("a*b_c") == "a\\*b\\_c");
  CHECK(waymark::escape_markdown("1. first") == "1\\. first");
  CHECK(waymark::escape_markdown("line one\r\n\r\nline two") == "line one line two");
  CHECK(waymark::escape_markdown("Zoë Ó Ceallaigh") == "Zoë Ó Ceallaigh");
}

TEST_CASE("A hostile name prints exactly as written in every format", "[render]") {
  const std::string markdown = render("# Plan for {{name}}\n\n| Name |\n|---|\n| {{name}} |\n", {{"name", hostile_name}});
  const std::string html = convert(markdown, DocumentFormat::html);
  CHECK_THAT(html, Contains("&lt;b&gt;Zoë *O'Neil*&lt;/b&gt; [x](javascript:1)"));
  CHECK_THAT(html, !Contains("<b>"));
  CHECK_THAT(html, !Contains("href"));
  CHECK_THAT(html, !Contains("<em>"));
  const std::string text = convert(markdown, DocumentFormat::txt);
  CHECK_THAT(text, Contains("Plan for " + hostile_name));
  CHECK_THAT(text, Contains("\n" + hostile_name + "\n"));  // the table's one cell
  // Markdown stays Markdown that shows the name literally when rendered again.
  const std::string md = convert(markdown, DocumentFormat::md);
  CHECK_THAT(convert(md, DocumentFormat::txt), Contains("Plan for " + hostile_name));
}

TEST_CASE("Raw HTML written in a template does not reach HTML output", "[render]") {
  const std::string html = convert("<script>alert(1)</script>\n\nText <img src=x onerror=y>\n", DocumentFormat::html);
  CHECK_THAT(html, !Contains("<script>"));
  CHECK_THAT(html, !Contains("<img"));
}

TEST_CASE("Triple mustache inserts Markdown; sections follow the data", "[render]") {
  const nlohmann::json data = {{"items", {{{"t", "one"}}, {{"t", "two"}}}}, {"md", "**bold**"}, {"empty", ""}, {"n", 2.5}};
  CHECK(render("{{#items}}- {{t}}\n{{/items}}{{{md}}}{{#empty}}x{{/empty}}{{^empty}}none{{/empty}} {{n}}", data) ==
        "- one\n- two\n**bold**none 2\\.5");
}

TEST_CASE("Template errors name the file, the line and the tag", "[render]") {
  const auto error_of = [](std::string text) {
    auto error = test::error_from([&] { waymark::check_template(Template{"plan", "my.mustache", std::move(text)}); });
    REQUIRE(error);
    CHECK(error->kind() == ErrorKind::bad_data);
    return std::string(error->what());
  };
  CHECK(error_of("# Plan\n\n{{#targets}}\n- {{target}}\n") ==
        "my.mustache:3: tag '{{#targets}}': the section is never closed (expected {{/targets}})");
  CHECK(error_of("a\n{{/targets}}") == "my.mustache:2: tag '{{/targets}}': closes a section that was never opened");
  CHECK(error_of("{{#a}}\n{{#b}}\n{{/a}}") == "my.mustache:3: tag '{{/a}}': closes 'a' but the section open is 'b' (opened on line 2)");
  CHECK(error_of("x\ny {{name\n") == "my.mustache:2: tag '{{name': is never closed with }}");
  CHECK(error_of("{{> header}}") == "my.mustache:1: tag '{{> header}}': partials are not supported: a document is one template");
  CHECK_NOTHROW(waymark::check_template(Template{"t", "t", "{{=<% %>=}}<%#a%><%b%><%/a%>{{ not a tag"}));
}

TEST_CASE("TemplateSet checks a template when it is first asked for, and again after an override", "[render]") {
  test::TempDir dir;
  waymark::TemplateSet templates;
  templates.add_builtin("plan", "# {{name}}\n");
  CHECK(templates.get("plan").text == "# {{name}}\n");
  templates.override_one("plan", dir.write("bad.md.mustache", "{{#targets}}\n"));
  const auto error = test::error_from([&] { templates.get("plan"); });
  REQUIRE(error);
  CHECK(error->kind() == ErrorKind::bad_data);
  CHECK_THAT(std::string(error->what()), Contains("bad.md.mustache:1: tag '{{#targets}}': the section is never closed"));
  const auto missing = test::error_from([&] { templates.get("contract"); });
  REQUIRE(missing);
  CHECK(missing->kind() == ErrorKind::usage);
}

TEST_CASE("Signature tables become lines to sign on", "[render]") {
  const std::string markdown = "| Who | Signature | Date |\n|---|---|---|\n| Young person: Amara | | |\n";
  CHECK_THAT(convert(markdown, DocumentFormat::html), Contains("<table class=\"signatures\">"));
  const std::string text = convert(markdown, DocumentFormat::txt);
  CHECK_THAT(text, Contains("Young person: Amara\n\nSignature: ____"));
  CHECK_THAT(convert("| A | B |\n|---|---|\n| 1 | 2 |\n", DocumentFormat::html), Contains("<table>"));
}

TEST_CASE("Plain text: underlined headings, wrapped paragraphs, aligned tables", "[render]") {
  const std::string text = convert("# Title\n\n## Part\n\n- one\n- two\n\n| Name | Due |\n|---|---|\n| Reading | 2026-10-01 |\n",
                                   DocumentFormat::txt, {"Hillside Academy", "", "a4"});
  CHECK(text ==
        "Hillside Academy\n\nTitle\n=====\n\nPart\n----\n\n- one\n- two\n\nName    | Due\n--------+-----------\nReading | 2026-10-01\n");
}

TEST_CASE("Plain text: a table wider than the page wraps its cells", "[render]") {
  const std::string text = convert(
      "| Target | Support |\n|---|---|\n| Be in school by 8:40 every day of the week, including Mondays after the weekend | "
      "Form tutor texts a reminder each morning for two weeks, then once a week |\n| Read | Library |\n",
      DocumentFormat::txt);
  CHECK(text ==
        "Target                                  | Support\n"
        "----------------------------------------+------------------------------------\n"
        "Be in school by 8:40 every day of the   | Form tutor texts a reminder each\n"
        "week, including Mondays after the       | morning for two weeks, then once a\n"
        "weekend                                 | week\n"
        "----------------------------------------+------------------------------------\n"
        "Read                                    | Library\n");
}

TEST_CASE("Bar charts: inline SVG in HTML, block characters in text, kept as written in Markdown", "[render]") {
  const std::string markdown = "```bar-chart\nBM1 <Stable> programme | 75\nBM2 | 120\nnot a bar\n```\n";
  const std::string html = convert(markdown, DocumentFormat::html);
  CHECK_THAT(html, Contains("<svg class=\"bar-chart\""));
  CHECK_THAT(html, Contains(">BM1 &lt;Stable&gt; programme</text>"));
  CHECK_THAT(html, Contains("width=\"225\""));                                 // 75% of 300
  CHECK_THAT(html, Contains("width=\"300\" height=\"16\" fill=\"#2f6f9f\""));  // 120 is clamped to 100%
  CHECK_THAT(html, !Contains("<pre>"));
  const std::string text = convert(markdown, DocumentFormat::txt);
  CHECK_THAT(text, Contains("BM1 <Stable> programme  ███████████████████████░░░░░░░  75%"));
  CHECK_THAT(text, Contains("BM2                     ██████████████████████████████ 100%"));
  CHECK_THAT(convert(markdown, DocumentFormat::md), Contains("``` bar-chart\nBM1 <Stable> programme | 75"));
}

TEST_CASE("Bar charts of signed points: bars from 0, an interval, a figure given, a withheld value", "[render][bar-chart]") {
  const std::string markdown =
      "```bar-chart points\n"
      "A02: received it | 7.5 | +7,5\n"
      "A02: difference | 5.5 | 3.0 | 8.0 | +5,5 (+3,0 a +8,0)\n"
      "Peers | -2 | -4 | 1\n"
      "A04 | withheld: fewer than 5 learners\n"
      "not a bar\n"
      "```\n";
  const std::string html = convert(markdown, DocumentFormat::html);
  // The axis runs to the largest value or interval end rounded up (8 -> 8, so -8 to +8): 0 at the
  // middle of the 300-pixel track, 7.5 points 140.6 pixels to its right.
  CHECK_THAT(html, Contains("<line x1=\"400\" y1=\"0\" x2=\"400\""));
  CHECK_THAT(html, Contains("<rect x=\"400\" y=\"1\" width=\"140.6\" height=\"16\" fill=\"#2f6f9f\"/>"));
  CHECK_THAT(html, Contains(">+7,5</text>"));                                                  // the figure as given, not the number
  CHECK_THAT(html, Contains("<path d=\"M456.2 33H550M456.2 28V38M550 28V38\""));               // 3 to 8 across the bar
  CHECK_THAT(html, Contains("<rect x=\"362.5\" y=\"49\" width=\"37.5\""));                     // -2: left of 0
  CHECK_THAT(html, Contains(">-2 [-4, 1]</text>"));                                            // no figure given: the value and interval
  CHECK_THAT(html, Contains("font-style=\"italic\">withheld: fewer than 5 learners</text>"));  // no bar, never a 0
  CHECK_THAT(html, Contains(">-8</text>"));
  CHECK_THAT(html, Contains(">+8</text>"));
  const std::string text = convert(markdown, DocumentFormat::txt);
  CHECK_THAT(text, Contains("A02: received it  ░░░░░░░░░░░░░░░██████████████░ +7,5"));
  CHECK_THAT(text, Contains("Peers             ░░░░░░░░───████│─░░░░░░░░░░░░░ -2 [-4, 1]"));
  CHECK_THAT(text, Contains("A04               withheld: fewer than 5 learners"));
  CHECK_THAT(text, !Contains("not a bar"));
  // Word: the bar set off from the left by an empty cell; the withheld value as italic text.
  const std::string docx = convert(markdown, DocumentFormat::docx);
  CHECK(docx.substr(0, 2) == "PK");
  const std::string pdf = convert(markdown, DocumentFormat::pdf);
  CHECK(pdf.substr(0, 5) == "%PDF-");
}

TEST_CASE("Bar charts of percentages take a figure and a withheld value too", "[render][bar-chart]") {
  const std::string markdown = "```bar-chart\nAll learners | 35.7 | 35,7%\nfsm: Y | withheld\n```\n";
  const std::string text = convert(markdown, DocumentFormat::txt);
  CHECK_THAT(text, Contains("All learners  ███████████░░░░░░░░░░░░░░░░░░░ 35,7%"));
  CHECK_THAT(text, Contains("fsm: Y        withheld"));
  const std::string html = convert(markdown, DocumentFormat::html);
  CHECK_THAT(html, Contains("width=\"107.1\" height=\"16\" fill=\"#2f6f9f\""));
  CHECK_THAT(html, Contains("<title>All learners: 35,7%; fsm: Y: withheld</title>"));
}

TEST_CASE("HTML is one standalone page with the school, title and paper size", "[render]") {
  const std::string html = convert("# Plan\n", DocumentFormat::html, {"Hillside <Academy>", "Ms Reid", "letter"});
  CHECK_THAT(html, Contains("<title>Title</title>"));
  CHECK_THAT(html, Contains("<meta name=\"author\" content=\"Ms Reid\">"));
  CHECK_THAT(html, Contains("size: letter"));
  CHECK_THAT(html, Contains("<p class=\"school\">Hillside &lt;Academy&gt;</p>"));
  CHECK_THAT(html, Contains("<h1>Plan</h1>"));
}

TEST_CASE("safe_file_name keeps documents inside their directory", "[render]") {
  CHECK(waymark::safe_file_name("L000123") == "L000123");
  CHECK(waymark::safe_file_name("../../etc/x") == "_.._.._etc_x");
  CHECK(waymark::safe_file_name("") == "_");
  CHECK(waymark::safe_file_name(".hidden") == "_.hidden");
  CHECK(waymark::safe_file_name("a b/c") == "a_b_c");
}

TEST_CASE("DocumentOutput to a directory: one private file each, nothing until finish", "[render]") {
  test::TempDir dir;
  const auto out_dir = (dir / "out/").string();
  {
    waymark::DocumentOutput out(out_dir, DocumentFormat::md, {}, "Plans");
    out.add("../../etc/x", "# One\n", "One");
    out.add("L2", "# Two\n", "Two");
    out.add("L2", "# Again\n", "Again");
    // Not yet: only a private staging folder exists.
    for (const auto& entry : std::filesystem::directory_iterator(out_dir)) CHECK(entry.path().filename().string().starts_with(".waymark-"));
    out.finish();
  }
  std::vector<std::string> names;
  for (const auto& entry : std::filesystem::directory_iterator(out_dir)) names.push_back(entry.path().filename().string());
  std::sort(names.begin(), names.end());
  CHECK(names == std::vector<std::string>{"L2-2.md", "L2.md", "_.._.._etc_x.md", "index.json"});
  CHECK(test::slurp(dir / "out/L2-2.md") == "# Again\n");
  CHECK(test::slurp(dir / "out/index.json") == "{\n  \"../../etc/x\": \"_.._.._etc_x.md\",\n  \"L2\": \"L2-2.md\"\n}\n");
}

TEST_CASE("directory_names never gives two learners one file, on any file system", "[render]") {
  using waymark::directory_names;
  SECTION("ids that make the same safe name: both gain a hash of their id") {
    const auto names = directory_names({"a/b", "L1", "a_b"}, "html");
    REQUIRE(names.names.size() == 3);
    CHECK(names.names[1] == "L1.html");
    CHECK(names.names[0].starts_with("a_b-"));
    CHECK(names.names[2].starts_with("a_b-"));
    CHECK(names.names[0] != names.names[2]);
    CHECK(names.names[0].size() == std::string("a_b-123456789abc.html").size());
    REQUIRE(names.collisions.size() == 1);
    CHECK(names.collisions[0] == std::vector<std::string>{"a/b", "a_b"});
    // The hash is of the id alone: the same id gets the same name whatever else is in the run.
    CHECK(directory_names({"a_b", "a/b"}, "html").names[0] == names.names[2]);
  }
  SECTION("ids that differ only in case: one file on Windows and macOS") {
    const auto names = directory_names({"T1", "t1"}, "pdf");
    CHECK(names.names[0].starts_with("T1-"));
    CHECK(names.names[1].starts_with("t1-"));
    CHECK(names.collisions.size() == 1);
  }
  SECTION("names Windows keeps for devices, and the index's own name") {
    const auto names = directory_names({"CON", "lpt1", "com10", "nul.x", "index.json"}, "");
    CHECK(names.names[0].starts_with("CON-"));
    CHECK(names.names[1].starts_with("lpt1-"));
    CHECK(names.names[2] == "com10");
    CHECK(names.names[3].starts_with("nul.x-"));
    CHECK(names.names[4].starts_with("index.json-"));
    CHECK(names.collisions.empty());  // reserved, not shared: no warning needed
  }
  SECTION("a repeated id still gets a file of its own") {
    CHECK(directory_names({"L1", "L1"}, "md").names == std::vector<std::string>{"L1.md", "L1-2.md"});
  }
}

TEST_CASE("DocumentOutput to a directory: colliding ids get hashed names and a warning, the index says which", "[render]") {
  test::TempDir dir;
  std::vector<std::string> warnings;
  {
    waymark::DocumentReporter reporter;
    reporter.warn = [&](const std::string& message) { warnings.push_back(message); };
    waymark::DocumentOutput out((dir / "out/").string(), DocumentFormat::md, {}, "Plans", reporter);
    out.add("a/b", "# First\n", "First");
    out.add("a_b", "# Second\n", "Second");
    CHECK(warnings.empty());  // said once the names are worked out, from all the ids
    out.finish();
  }
  REQUIRE(warnings.size() == 1);
  CHECK_THAT(warnings[0], Catch::Matchers::StartsWith("ids that would share a file name") && Catch::Matchers::Contains("a/b and a_b"));
  const auto index = nlohmann::json::parse(test::slurp(dir / "out/index.json"));
  const std::string first = index["a/b"], second = index["a_b"];
  CHECK(first != second);
  CHECK(test::slurp(dir / "out" / first) == "# First\n");
  CHECK(test::slurp(dir / "out" / second) == "# Second\n");
  CHECK_FALSE(std::filesystem::exists(dir / "out/a_b.md"));
}

TEST_CASE("DocumentOutput prints nothing itself: it reports each document, then the total, to its reporter", "[render]") {
  test::TempDir dir;
  for (const auto& output : {(dir / "out/").string(), (dir / "all.md").string()}) {
    INFO(output);
    std::vector<std::pair<std::size_t, bool>> calls;
    waymark::DocumentReporter reporter;
    reporter.progress = [&](std::size_t documents, bool done) { calls.emplace_back(documents, done); };
    waymark::DocumentOutput out(output, DocumentFormat::md, {}, "Plans", reporter);
    out.add("L1", "# One\n", "One");
    out.add("L2", "# Two\n", "Two");
    CHECK(calls == std::vector<std::pair<std::size_t, bool>>{{1, false}, {2, false}});
    out.finish();
    CHECK(calls == std::vector<std::pair<std::size_t, bool>>{{1, false}, {2, false}, {2, true}});
  }
  // Without a reporter, nothing is said and the documents are still written.
  waymark::DocumentOutput quiet((dir / "quiet/").string(), DocumentFormat::md, {}, "Plans");
  quiet.add("a/b", "# First\n", "First");
  quiet.add("a_b", "# Second\n", "Second");
  quiet.finish();
  CHECK(std::filesystem::exists(dir / "quiet/index.json"));
}

TEST_CASE("DocumentOutput creates its folders readable by their owner only", "[render]") {
  test::TempDir dir;
  {
    waymark::DocumentOutput out((dir / "a/b/").string(), DocumentFormat::md, {}, "Plans");
    out.add("L1", "# One\n", "One");
    out.finish();
  }
  for (const auto& folder : {dir / "a", dir / "a/b"}) {
    INFO(folder);
    CHECK(std::filesystem::status(folder).permissions() == std::filesystem::perms::owner_all);
  }
}

TEST_CASE("DocumentOutput without finish leaves nothing behind", "[render]") {
  test::TempDir dir;
  {
    waymark::DocumentOutput out((dir / "out/").string(), DocumentFormat::md, {}, "Plans");
    out.add("L1", "# One\n", "One");
  }
  CHECK_FALSE(std::filesystem::exists(dir / "out"));  // not even the folder it made
  {
    waymark::DocumentOutput out((dir / "all.md").string(), DocumentFormat::md, {}, "Plans");
    out.add("L1", "# One\n", "One");
  }
  CHECK_FALSE(std::filesystem::exists(dir / "all.md"));
}

TEST_CASE("Settings: dotted keys nest, files hold JSON or key=value lines", "[render]") {
  test::TempDir dir;
  waymark::DocumentSettings settings;
  settings.load_file(dir.write("s.txt", "# our school\nschool.name = Hillside Academy\nauthor=Ms Reid\n"));
  settings.set("school.phone=01234 567890");
  CHECK(settings.values() == nlohmann::json{{"school", {{"name", "Hillside Academy"}, {"phone", "01234 567890"}}}, {"author", "Ms Reid"}});
  CHECK(settings.page().school == "Hillside Academy");
  waymark::DocumentSettings json_settings;
  json_settings.load_file(dir.write("s.json", R"({"school": {"name": "Oak Lane"}})"));
  CHECK(json_settings.page().school == "Oak Lane");
  CHECK(json_settings.page().author == "Oak Lane");
  auto error = test::error_from([&] { json_settings.set("no equals sign"); });
  REQUIRE(error);
  CHECK(error->kind() == ErrorKind::usage);
  error = test::error_from([&] { settings.load_file(dir.write("bad.txt", "school.name\n")); });
  REQUIRE(error);
  CHECK(error->kind() == ErrorKind::bad_data);
}

}  // namespace

TEST_CASE("Signature blocks are found by their shape, in any language") {
  const std::string welsh = "| Pwy | Llofnod | Dyddiad |\n|---|---|---|\n| Person ifanc: Elin | | |\n| Rhiant: | | 1 Medi |\n";
  CHECK_THAT(convert(welsh, DocumentFormat::txt), Contains("Llofnod: ______________________________   Dyddiad: ______________"));
  // A table with something in its second column is data, not lines to sign on.
  const std::string data = "| Date | Time | Meeting |\n|---|---|---|\n| 1 Medi | 10:00 | Review |\n";
  CHECK_THAT(convert(data, DocumentFormat::txt), !Contains("______"));
  // Nor is a blank grid with no one named in its rows.
  const std::string blank = "| Who | Signature | Date |\n|---|---|---|\n| | | |\n";
  CHECK_THAT(convert(blank, DocumentFormat::txt), !Contains("______"));
}

TEST_CASE("The template checker reads tags as mstch does and refuses what mstch cannot read", "[render]") {
  const auto error_of = [](std::string text) {
    auto error = test::error_from([&] { waymark::check_template(Template{"plan", "my.mustache", std::move(text)}); });
    REQUIRE(error);
    CHECK(error->kind() == ErrorKind::bad_data);
    return std::string(error->what());
  };
  // mstch ends a tag opened with four braces at the first '}}': the tags after it are tags.
  CHECK(error_of("{{{{name}}\n{{#targets}}\n}}}") ==
        "my.mustache:2: tag '{{#targets}}': the section is never closed (expected {{/targets}})");
  CHECK(error_of("a {{{{name}} {{# }} }}}") == "my.mustache:1: tag '{{# }}': has no name");
  // The kind is the first character that is not a space.
  CHECK(error_of("{{ # }}") == "my.mustache:1: tag '{{ # }}': has no name");
  CHECK(error_of("{{ ! }}") == "my.mustache:1: tag '{{ ! }}': the comment holds only spaces (words in it, or no comment)");
  CHECK(error_of("{{ #a}}x") == "my.mustache:1: tag '{{ #a}}': the section is never closed (expected {{/a}})");
  CHECK(error_of("{{   }}") == "my.mustache:1: tag '{{   }}': holds only spaces (a name, or no tag)");
  CHECK(error_of("{{{ }}}") == "my.mustache:1: tag '{{{ }}}': has no name");
  CHECK(error_of("{{#a\n}}{{/a}}") == "my.mustache:1: tag '{{#a\n}}': the name holds a tab or a line break (the whole tag on one line)");
  CHECK(error_of("{{=}}") ==
        "my.mustache:1: tag '{{=}}': a delimiter change needs two delimiters separated by spaces, such as {{=<% %>=}}");
  CHECK_THAT(error_of("{{=<%\t%>=}}<%a%>"), Contains("a delimiter change needs two delimiters"));
  CHECK_THAT(error_of("{{=<%%>=}}"), Contains("a delimiter change needs two delimiters"));
  CHECK_THAT(error_of("{{=<% x %>=}}"), Contains("a delimiter change needs two delimiters"));
  CHECK(error_of("{{=<% %>=}}<%>") == "my.mustache:1: tag '<%>': its closing delimiter overlaps the opening one");
  // What mstch reads well passes, as before.
  for (const char* fine : {"{{!}}", "{{! a comment\nover lines }}", "{{{name}}}", "{{& name}}", "{{ name }}", "{{{{name}}}}",
                           "{{#a}}{{/a}}", "{{ #a }}{{ /a }}", "{{=<% %>=}}<%#a%><%b%><%/a%>", "{{=  [[   ]]  =}}[[x]]", "{{full^name}}"}) {
    INFO(fine);
    CHECK_NOTHROW(waymark::check_template(Template{"t", "t", fine}));
  }
}

TEST_CASE("Every template the checker passes, mstch renders", "[render]") {
  // Random templates from the characters mstch's tokenizer looks at, as a fuzzer would build them:
  // the checker must refuse each one mstch cannot read, whatever the class.
  const nlohmann::json data = {{"name", "Sam"}, {"a", {{{"b", "x"}}}}, {"t", true}};
  constexpr std::string_view alphabet = "{{}}{}#^/&!=<%> \n\tab.";
  std::uint32_t state = 2463534242U;  // xorshift32: the same templates on every run
  const auto next = [&] {
    state ^= state << 13;
    state ^= state >> 17;
    state ^= state << 5;
    return state;
  };
  int passed = 0;
  for (int n = 0; n < 200000; ++n) {
    std::string text;
    const std::size_t length = 2 + next() % 14;
    for (std::size_t i = 0; i < length; ++i) text += alphabet[next() % alphabet.size()];
    const Template tmpl{"t", "t", text};
    try {
      waymark::check_template(tmpl);
    } catch (const waymark::Error&) {
      continue;
    }
    ++passed;
    INFO(text);
    CHECK_NOTHROW(waymark::render_markdown(tmpl, data));
  }
  CHECK(passed > 1000);
}

TEST_CASE("Documents leave out what XML 1.0 cannot hold, in every format", "[render]") {
  CHECK(waymark::fit_for_documents("Zo\xC3\xAB\x01\x1B[1m\xEF\xBF\xBE\xEF\xBF\xBF\t\n\r!") == "Zo\xC3\xAB[1m\t\n\r!");
  CHECK(waymark::fit_for_documents("plain") == "plain");
  CHECK(waymark::fit_for_documents("a\xFF"
                                   "b\xEF\xBF") ==
        "a\xEF\xBF\xBD"
        "b\xEF\xBF\xBD\xEF\xBF\xBD");
  CHECK(waymark::fit_for_documents("\xEF\xBF\xBD\xEF\xBF\xBC") == "\xEF\xBF\xBD\xEF\xBF\xBC");  // U+FFFD, U+FFFC are fine
  const std::string name = "Zo\xC3\xAB\x01\xEF\xBF\xBE O'Neil";
  for (const auto format : {DocumentFormat::md, DocumentFormat::html, DocumentFormat::txt}) {
    const auto text = convert("# " + name + "\n\n" + name + "\n", format);
    INFO(static_cast<int>(format));
    CHECK(text.find('\x01') == std::string::npos);
    CHECK(text.find("\xEF\xBF\xBE") == std::string::npos);
    CHECK_THAT(text, Contains("Zo\xC3\xAB"));
  }
  waymark::PageSettings page;
  page.school = "Hill\xEF\xBF\xBE School";
  const auto html = convert("x", DocumentFormat::html, page);
  CHECK(html.find("\xEF\xBF\xBE") == std::string::npos);
  CHECK_THAT(html, Contains("Hill School"));
}
