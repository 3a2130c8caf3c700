// Documents: a Mustache template renders data to GitHub-flavoured Markdown, values escaped so that
// they print as written; cmark-gfm parses the Markdown once and a DocumentWriter writes the parsed
// document as Markdown, standalone HTML (print stylesheet), plain text, PDF or Word (.docx). One
// template, every format.
#pragma once

#include <filesystem>
#include <functional>
#include <map>
#include <memory>
#include <nlohmann/json.hpp>
#include <optional>
#include <set>
#include <span>
#include <string>
#include <string_view>
#include <vector>

#include "waymark/embedded.hpp"
#include "waymark/output.hpp"

struct cmark_node;

namespace waymark {

enum class DocumentFormat { md, html, txt, pdf, docx };
std::optional<DocumentFormat> parse_document_format(std::string_view name);
std::string_view file_extension(DocumentFormat format);  // "md", "html", "txt", "pdf", "docx"

// A template's text and where it came from (for error messages): "built-in plan.md.mustache" or a path.
struct Template {
  std::string name;    // "plan", "participation"
  std::string origin;  // shown in errors
  std::string text;
};

// A tool's templates: the built-in ones compiled into the binary, overridden by `--templates DIR`
// (DIR/<name>.md.mustache, where present) and by `--template FILE` (for the one being rendered).
class TemplateSet {
 public:
  void add_builtin(std::string name, std::string_view text);
  // Built-in translations: files "<lang>/<name>.md.mustache" (templates/<tool>/<lang>/...).
  void add_translations(std::span<const EmbeddedFile> files);
  // Uses the translations into `lang` in place of the built-in templates; returns the names of the
  // templates that have none (they stay English). Call before the overrides.
  std::vector<std::string> use_language(const std::string& lang);
  // Throws Error(no_input) if DIR is not a readable directory.
  void override_from_dir(const std::filesystem::path& dir);
  // Throws Error(no_input) if FILE cannot be read.
  void override_one(const std::string& name, const std::filesystem::path& file);
  // The template, checked (check_template) the first time it is asked for, so a tool that gets its
  // templates before writing anything fails before any output. Throws Error(usage) for a name that
  // has no template.
  const Template& get(const std::string& name) const;

 private:
  std::map<std::string, Template> templates_;
  std::map<std::string, std::map<std::string, std::string_view>> translations_;  // lang -> name -> text
  mutable std::set<std::string> checked_;
};

// Checks a template's tags before any rendering: every section closed in order, no stray closing
// tag, no empty or unterminated tag, and its Markdown nested no deeper than max_markdown_depth.
// Throws Error(data): "origin:line: tag '{{#x}}': ...".
void check_template(const Template& tmpl);

// Escapes text so that Markdown shows it literally: every ASCII punctuation mark backslash-escaped,
// line breaks folded to spaces (a value cannot start a new block or leave a table cell).
std::string escape_markdown(std::string_view text);

// Renders the template with `data`: {{x}} is escaped with escape_markdown, {{{x}}} is inserted as
// Markdown (for text the tool wrote itself). The template is one TemplateSet::get checked; this
// runs once per document, so it does not check again.
std::string render_markdown(const Template& tmpl, const nlohmann::json& data);

// How deep Markdown may nest (block quotes, lists and emphasis within each other, counting every
// level of the parsed tree): the writers walk the tree recursively, and no document needs more.
inline constexpr int max_markdown_depth = 100;
// The Markdown line where the parsed tree first goes deeper than max_markdown_depth, if it does.
std::optional<long> line_nested_too_deep(cmark_node* root);

// `text` as every document format can hold it (docs/conventions.md, Output): the characters
// XML 1.0 forbids (C0 controls other than tab and line breaks, U+FFFE, U+FFFF) left out, as they
// have no visible form and Word refuses a document holding one, and any byte that is not UTF-8
// replaced with U+FFFD. The one rule for the body of every document and for what the writers put
// around it (titles, the school's name).
std::string fit_for_documents(std::string_view text);

// Markdown parsed once by cmark-gfm with the table, strikethrough and autolink extensions. Raw HTML
// in the Markdown is never passed through to HTML output.
// Throws Error(data) for Markdown nested deeper than max_markdown_depth, or not UTF-8 text.
class ParsedDocument {
 public:
  ParsedDocument(std::string_view markdown, std::string title);
  ~ParsedDocument();
  ParsedDocument(ParsedDocument&&) noexcept;
  ParsedDocument& operator=(ParsedDocument&&) noexcept;
  ParsedDocument(const ParsedDocument&) = delete;
  ParsedDocument& operator=(const ParsedDocument&) = delete;

  cmark_node* root() const { return root_; }
  const std::string& title() const { return title_; }

 private:
  cmark_node* root_ = nullptr;
  std::string title_;
};

// What the page and the document's metadata say, whatever the format.
struct PageSettings {
  std::string school;                              // header line (--set school.name=...)
  std::string author;                              // document metadata
  std::string paper = "a4";                        // a4 or letter
  std::string lang = "en";                         // BCP 47 language of the documents: HTML lang, PDF and Word metadata
  std::string page_of = "page {page} of {pages}";  // page footers (PDF, Word), in that language
};

// A signature block in Markdown is recognised by its shape, in any language: a table of three columns
// (who, signature, date) whose every row names someone and leaves the signature cell empty:
//   | Who | Signature | Date |          | Pwy | Llofnod | Dyddiad |
//   | Young person: Sam | | |          | Person ifanc: Sam | | |
// Writers print it as lines to sign on, labelled with the header's second and third cells, kept
// together on one page.
bool is_signature_table(cmark_node* node);

// A bar chart in Markdown is a fenced code block with the info string `bar-chart` and one bar a line,
// `label | percentage`: HTML draws it as inline SVG, text with block characters, PDF as bars, Word
// as shaded cells. `bar-chart points` draws signed values from 0; a line may add an interval
// (`| low | high`) and a figure to print beside the bar, and a value given as text (`label |
// withheld`) is printed in place of its bar (bar_chart.hpp).

// Writes parsed documents in one format. Several documents in one output are separated by page
// breaks (HTML, PDF) or a rule (Markdown, text).
class DocumentWriter {
 public:
  virtual ~DocumentWriter() = default;
  static std::unique_ptr<DocumentWriter> create(DocumentFormat format, Output& out, const PageSettings& page);

  // `title` names the whole output (the HTML <title>, the PDF's metadata).
  virtual void begin(const std::string& title) = 0;
  virtual void document(const ParsedDocument& doc) = 0;
  virtual void finish() = 0;
};

// What a DocumentOutput has to tell the person running the tool. The library prints nothing: the
// tool shows these as it shows its own messages (document_reporter in the cli library). An empty
// function hears nothing.
struct DocumentReporter {
  // A warning, in words for the person: ids that would share a file name in `-o DIR/`.
  std::function<void(const std::string&)> warn;
  // After each document is written: how many are written so far, `done` false; and once all are
  // committed by finish, `done` true. Counts only, never names.
  std::function<void(std::size_t documents, bool done)> progress;
};

// Where a tool's documents go. `-o DIR` (an existing directory, or a path ending in '/'): one file per
// document named by directory_names, and DIR/index.json; `-o FILE`: one file holding them all;
// nothing: standard output.
// Files are written atomically with mode 0600. Warnings and progress go to `reporter`.
class DocumentOutput {
 public:
  DocumentOutput(const std::string& output, DocumentFormat format, PageSettings page, std::string collection_title,
                 DocumentReporter reporter = {});
  ~DocumentOutput();
  void add(std::string_view id, std::string_view markdown, const std::string& title);
  // Writes what is pending and commits the files. Without finish, nothing is left behind.
  void finish();
  std::size_t count() const { return count_; }

 private:
  struct Impl;
  std::unique_ptr<Impl> impl_;
  std::size_t count_ = 0;
};

// Whether `-o` names a directory of documents: an existing directory or a path ending in '/'.
bool names_directory(const std::string& output);

// An id made safe as a file name: letters, digits, '-', '_' and '.' kept, anything else '_', no
// leading '.', never empty ("../../etc/x" -> "_.._etc_x" stays inside the directory). An id longer
// than 100 characters keeps its first 80 and a hyphen and 12 hex digits of its SHA-256.
std::string safe_file_name(std::string_view id);

// The index every `-o DIR/` run writes beside the learners' files: a JSON object, id -> file name,
// in the order of the input, so that a script finds a learner's file by id, never by guessing.
inline constexpr const char* directory_index_name = "index.json";

// The file names of learners' files (or folders: `extension` empty) in one directory. Each id is
// made safe (safe_file_name); ids whose names would still be one file somewhere (the same letters
// in another case, as on Windows and macOS), a name Windows keeps for a device (CON, PRN, AUX, NUL,
// COM1-9, LPT1-9, with any extension) and the index's own name gain "-" and 12 hex digits of the
// id's SHA-256, every one of them, so neither learner gets the plain name. `collisions` lists the
// groups of ids that would have shared a name, for a warning.
struct DirectoryNames {
  std::vector<std::string> names;  // in the order of the ids, with the extension
  std::vector<std::vector<std::string>> collisions;
};
DirectoryNames directory_names(const std::vector<std::string>& ids, std::string_view extension);
// The index file's text for ids and their names.
std::string directory_index(const std::vector<std::string>& ids, const std::vector<std::string>& names);
// The warning for names.collisions, naming the ids.
std::string collision_warning(const DirectoryNames& names);
// Removes staging folders (DIR/.waymark-HOST-PID-XXXXXX) left in `dir` by runs on this machine
// whose process has gone, as after a SIGKILL.
void remove_stale_staging(const std::filesystem::path& dir);

// `--set key=value` (dotted keys make nested objects: school.name=X -> {"school":{"name":"X"}}) and
// `--settings FILE` (a JSON object, or lines of key=value); later values win.
class DocumentSettings {
 public:
  void load_file(const std::filesystem::path& file);  // Throws Error(no_input) / Error(data)
  void set(std::string_view assignment);              // Throws Error(usage) without '='
  const nlohmann::json& values() const { return values_; }
  PageSettings page() const;  // school.name, author

 private:
  nlohmann::json values_ = nlohmann::json::object();
};

}  // namespace waymark
