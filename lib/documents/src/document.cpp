// Parsed documents (cmark-gfm) and where they go: stdout, one file, or one file per document.
#include <cmark-gfm-core-extensions.h>
#include <cmark-gfm-extension_api.h>
#include <cmark-gfm.h>
#include <fmt/format.h>
#include <openssl/evp.h>
#include <sys/stat.h>
#include <unistd.h>

#include <algorithm>
#include <cctype>
#include <cerrno>
#include <csignal>
#include <cstdlib>
#include <cstring>
#include <fstream>
#include <map>
#include <set>
#include <sstream>

#include "document_writers.hpp"
#include "waymark/cleanup.hpp"
#include "waymark/csv.hpp"
#include "waymark/errors.hpp"
#include "waymark/fields.hpp"
#include "waymark/json_input.hpp"
#include "waymark/render.hpp"

namespace waymark {

cmark_llist* gfm_extensions() {
  static cmark_llist* const extensions = [] {
    cmark_gfm_core_extensions_ensure_registered();
    cmark_llist* list = nullptr;
    for (const char* name : {"table", "strikethrough", "autolink"})
      list = cmark_llist_append(cmark_get_default_mem_allocator(), list, cmark_find_syntax_extension(name));
    return list;
  }();
  return extensions;
}

std::string text_problem(std::string_view text, std::size_t& offset) {
  if (!is_valid_utf8(text, &offset)) return "invalid UTF-8";
  for (offset = 0; offset < text.size(); ++offset) {
    const auto byte = static_cast<unsigned char>(text[offset]);
    if (byte == 0) return "a NUL byte";
    if (byte < 0x20 && byte != '\t' && byte != '\n' && byte != '\r') return fmt::format("the control byte \\x{:02X}", byte);
  }
  return "";
}

namespace {

// The length of what starts at text[i] that XML 1.0 cannot hold (docs/conventions.md, Output):
// a C0 control character other than tab and line breaks, or the noncharacters U+FFFE and U+FFFF
// (EF BF BE, EF BF BF); 0 for anything else.
std::size_t unfit_length(std::string_view text, std::size_t i) {
  const auto byte = static_cast<unsigned char>(text[i]);
  if (byte < 0x20) return byte == '\t' || byte == '\n' || byte == '\r' ? 0 : 1;
  if (byte == 0xEF && i + 2 < text.size() && static_cast<unsigned char>(text[i + 1]) == 0xBF &&
      (static_cast<unsigned char>(text[i + 2]) & 0xFE) == 0xBE)
    return 3;
  return 0;
}

}  // namespace

std::string fit_for_documents(std::string_view text) {
  std::string fit;
  std::size_t bad = 0;
  if (!is_valid_utf8(text, &bad)) {
    // Not reachable from the tools (every input is checked as UTF-8), but a writer must still
    // write a document its readers open: each stray byte becomes U+FFFD.
    std::string repaired;
    for (std::string_view rest = text; !rest.empty();) {
      if (is_valid_utf8(rest, &bad)) {
        repaired += rest;
        break;
      }
      repaired += rest.substr(0, bad);
      repaired += "\xEF\xBF\xBD";
      rest.remove_prefix(bad + 1);
    }
    return fit_for_documents(repaired);
  }
  std::size_t kept = 0;  // start of the run of characters kept as they are
  for (std::size_t i = 0; i < text.size();) {
    const std::size_t length = unfit_length(text, i);
    if (length == 0) {
      ++i;
      continue;
    }
    fit.append(text.substr(kept, i - kept));
    i += length;
    kept = i;
  }
  if (kept == 0) return std::string(text);
  fit.append(text.substr(kept));
  return fit;
}

std::optional<long> line_nested_too_deep(cmark_node* root) {
  std::optional<long> line;
  cmark_iter* iter = cmark_iter_new(root);
  for (auto event = cmark_iter_next(iter); event != CMARK_EVENT_DONE && !line; event = cmark_iter_next(iter)) {
    if (event != CMARK_EVENT_ENTER) continue;
    // Counting ancestors stops at the limit, so a tree nested 100,000 deep costs no more than 100 a node.
    cmark_node* node = cmark_iter_get_node(iter);
    int depth = 0;
    for (cmark_node* up = node; up && depth <= max_markdown_depth; up = cmark_node_parent(up)) ++depth;
    if (depth > max_markdown_depth) {
      // Inlines carry no line of their own: the line is their block's.
      cmark_node* block = node;
      while (block && cmark_node_get_start_line(block) == 0) block = cmark_node_parent(block);
      line = block ? cmark_node_get_start_line(block) : 1;
    }
  }
  cmark_iter_free(iter);
  return line;
}

ParsedDocument::ParsedDocument(std::string_view markdown_text, std::string title) : title_(fit_for_documents(title)) {
  // Inputs, settings and templates are checked as they are read; this keeps anything else (text a
  // tool inserts) from reaching a writer that would copy it, or fail in PDF layout.
  std::size_t offset = 0;
  const std::string_view markdown = markdown_text;
  const std::string problem = !is_valid_utf8(markdown, &offset)                          ? "invalid UTF-8"
                              : (offset = markdown.find('\0')) != std::string_view::npos ? "a NUL byte"
                                                                                         : "";
  if (!problem.empty()) {
    const auto line = 1 + std::count(markdown.begin(), markdown.begin() + static_cast<std::ptrdiff_t>(offset), '\n');
    throw Error(ErrorKind::bad_data, fmt::format("document: Markdown line {}: {} (UTF-8 text)", line, problem));
  }
  // What no document can hold (a control character or U+FFFE from a value) is left out here, once,
  // so every writer, Word's above all, writes what its readers open.
  const std::string fit = fit_for_documents(markdown);
  cmark_parser* parser = cmark_parser_new(CMARK_OPT_DEFAULT);
  for (cmark_llist* item = gfm_extensions(); item; item = item->next)
    cmark_parser_attach_syntax_extension(parser, static_cast<cmark_syntax_extension*>(item->data));
  cmark_parser_feed(parser, fit.data(), fit.size());
  root_ = cmark_parser_finish(parser);
  cmark_parser_free(parser);
  // Values are escaped and templates checked, so only text a tool inserts as Markdown could get here.
  if (const auto line = line_nested_too_deep(root_)) {
    cmark_node_free(std::exchange(root_, nullptr));
    throw Error(ErrorKind::bad_data, fmt::format("document: Markdown line {}: nested more than {} deep (block quotes, lists or "
                                                 "emphasis within each other) (expected at most {} levels)",
                                                 *line, max_markdown_depth, max_markdown_depth));
  }
}

ParsedDocument::~ParsedDocument() {
  if (root_) cmark_node_free(root_);
}

ParsedDocument::ParsedDocument(ParsedDocument&& other) noexcept
    : root_(std::exchange(other.root_, nullptr)), title_(std::move(other.title_)) {}

ParsedDocument& ParsedDocument::operator=(ParsedDocument&& other) noexcept {
  std::swap(root_, other.root_);
  std::swap(title_, other.title_);
  return *this;
}

std::string plain_text(cmark_node* node) {
  std::string text;
  cmark_iter* iter = cmark_iter_new(node);
  for (auto event = cmark_iter_next(iter); event != CMARK_EVENT_DONE; event = cmark_iter_next(iter)) {
    cmark_node* current = cmark_iter_get_node(iter);
    if (event != CMARK_EVENT_ENTER) continue;
    const auto type = cmark_node_get_type(current);
    if (type == CMARK_NODE_TEXT || type == CMARK_NODE_CODE)
      text += cmark_node_get_literal(current);
    else if (type == CMARK_NODE_SOFTBREAK || type == CMARK_NODE_LINEBREAK)
      text += ' ';
  }
  cmark_iter_free(iter);
  return text;
}

bool is_table(cmark_node* node) { return std::string_view(cmark_node_get_type_string(node)) == "table"; }

bool is_signature_table(cmark_node* node) {
  if (!is_table(node)) return false;
  cmark_node* header = cmark_node_first_child(node);
  if (!header) return false;
  const auto columns = [](cmark_node* row) {
    std::vector<std::string> cells;
    for (cmark_node* cell = cmark_node_first_child(row); cell; cell = cmark_node_next(cell))
      cells.push_back(std::string(trim(plain_text(cell))));
    return cells;
  };
  if (columns(header).size() != 3 || !cmark_node_next(header)) return false;
  for (cmark_node* row = cmark_node_next(header); row; row = cmark_node_next(row)) {
    const auto cells = columns(row);
    if (cells.size() != 3 || cells[0].empty() || !cells[1].empty()) return false;
  }
  return true;
}

bool names_directory(const std::string& output) {
  if (output.empty() || output == "-") return false;
  return output.back() == '/' || std::filesystem::is_directory(output);
}

namespace {

// 12 hex digits of the id's SHA-256: enough to tell apart any two ids a school will have.
std::string short_hash(std::string_view id) {
  unsigned char digest[EVP_MAX_MD_SIZE];
  unsigned int length = 0;
  EVP_Digest(id.data(), id.size(), digest, &length, EVP_sha256(), nullptr);
  std::string hex;
  for (unsigned int i = 0; i < 6; ++i) hex += fmt::format("{:02x}", digest[i]);
  return hex;
}

}  // namespace

std::string safe_file_name(std::string_view id) {
  std::string name;
  for (const char c : id) {
    const bool kept = (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') || c == '-' || c == '_' || c == '.';
    name += kept ? c : '_';
  }
  if (name.empty() || name.front() == '.') name = "_" + name;
  // File systems refuse names over 255 bytes, and one such id would fail the whole run: a long id
  // keeps its start and gains a short hash of the whole id, so two long ids stay apart.
  constexpr std::size_t longest = 100, kept = 80;
  if (name.size() > longest) {
    name.resize(kept);
    name += '-' + short_hash(id);
  }
  return name;
}

namespace {

std::string folded(std::string_view name) {
  std::string out(name);
  for (auto& c : out) c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
  return out;
}

// Names Windows keeps for devices, whatever their case or extension ("con.html" opens the console).
bool reserved_on_windows(std::string_view name) {
  const std::string stem = folded(name.substr(0, name.find('.')));
  if (stem == "con" || stem == "prn" || stem == "aux" || stem == "nul") return true;
  return stem.size() == 4 && (stem.starts_with("com") || stem.starts_with("lpt")) && stem[3] >= '1' && stem[3] <= '9';
}

// This machine's name, for staging folders: another machine sharing the folder has its own processes.
std::string host_name() {
  char name[256] = {};
  if (::gethostname(name, sizeof name - 1) != 0) return "host";
  std::string safe = safe_file_name(name);
  std::replace(safe.begin(), safe.end(), '-', '_');
  return safe;
}

}  // namespace

DirectoryNames directory_names(const std::vector<std::string>& ids, std::string_view extension) {
  const std::string suffix = extension.empty() ? std::string() : "." + std::string(extension);
  DirectoryNames result;
  std::vector<std::string> stems;
  std::map<std::string, std::vector<std::size_t>> by_name;  // folded name -> positions in ids
  for (std::size_t i = 0; i < ids.size(); ++i) {
    stems.push_back(safe_file_name(ids[i]));
    by_name[folded(stems.back() + suffix)].push_back(i);
  }
  std::vector<bool> hashed(ids.size(), false);
  for (const auto& [name, positions] : by_name) {
    std::set<std::string> distinct;
    for (const auto i : positions) distinct.insert(ids[i]);
    const bool reserved = reserved_on_windows(name) || name == directory_index_name;
    if (distinct.size() < 2 && !reserved) continue;
    std::vector<std::string> group(distinct.begin(), distinct.end());
    if (distinct.size() > 1) result.collisions.push_back(std::move(group));
    for (const auto i : positions) hashed[i] = true;
  }
  std::set<std::string> taken{directory_index_name};
  for (std::size_t i = 0; i < ids.size(); ++i) {
    std::string name = hashed[i] ? stems[i] + "-" + short_hash(ids[i]) : stems[i];
    // A repeated id (or, beyond all odds, a hash that meets another name) still gets a file of its own.
    std::string unique = name;
    for (int n = 2; !taken.insert(folded(unique + suffix)).second; ++n) unique = fmt::format("{}-{}", name, n);
    result.names.push_back(unique + suffix);
  }
  return result;
}

std::string directory_index(const std::vector<std::string>& ids, const std::vector<std::string>& names) {
  nlohmann::ordered_json index = nlohmann::ordered_json::object();
  for (std::size_t i = 0; i < ids.size(); ++i) index[ids[i]] = names[i];
  return index.dump(2, ' ', false, nlohmann::ordered_json::error_handler_t::replace) + "\n";
}

std::string collision_warning(const DirectoryNames& names) {
  std::string groups;
  for (const auto& group : names.collisions) {
    std::string ids;
    for (const auto& id : group) ids += (ids.empty() ? "" : " and ") + printable(id);
    groups += (groups.empty() ? "" : "; ") + ids;
  }
  return fmt::format(
      "ids that would share a file name (after making them safe and ignoring case): {}; each file name "
      "gains a hash of its id: find them by id in {}",
      groups, directory_index_name);
}

void remove_stale_staging(const std::filesystem::path& dir) {
  const std::string prefix = ".waymark-" + host_name() + "-";
  std::error_code error;
  for (const auto& entry : std::filesystem::directory_iterator(dir, error)) {
    const std::string name = entry.path().filename().string();
    if (!name.starts_with(prefix)) continue;
    const auto dash = name.find('-', prefix.size());
    if (dash == std::string::npos) continue;
    const long pid = std::strtol(name.c_str() + prefix.size(), nullptr, 10);
    // Only a folder whose process is gone: another run may be writing into its own right now.
    if (pid > 0 && ::kill(static_cast<pid_t>(pid), 0) != 0 && errno == ESRCH) {
      std::error_code ignored;
      std::filesystem::remove_all(entry.path(), ignored);
    }
  }
}

// One directory of documents. Files are written into a private staging folder inside it, under
// provisional names, and moved into place by commit under names worked out from all the ids at
// once (directory_names), beside an index of them; so a run that fails half-way leaves no
// documents behind, and no two learners share a file.
class StagedDirectory {
 public:
  StagedDirectory(const std::string& dir, std::function<void(const std::string&)> warn) : dir_(dir), warn_(std::move(warn)) {
    try {
      made_ = create_private_directories(dir_);
    } catch (const Error& e) {
      const std::string what = e.what();
      const auto reason = what.rfind(": ");
      throw Error(ErrorKind::cannot_create,
                  fmt::format("{}: cannot create the directory ({})", dir, reason == std::string::npos ? what : what.substr(reason + 2)));
    }
    for (const auto& made : made_) remove_empty_on_signal(made);
    // What a run killed by SIGKILL left (no cleanup can run then) goes before this run stages.
    remove_stale_staging(dir_);
    std::string pattern = (dir_ / fmt::format(".waymark-{}-{}-XXXXXX", host_name(), ::getpid())).string();
    staging_ = create_removed_on_signal([&] { return mkdtemp(pattern.data()) ? pattern : std::string(); });
    if (staging_.empty())
      throw Error(ErrorKind::cannot_create, fmt::format("{}: cannot write in the directory ({})", dir, std::strerror(errno)));
  }
  ~StagedDirectory() {
    std::error_code ignored;
    std::filesystem::remove_all(staging_, ignored);
    forget_on_signal(staging_.string());
    // A failed run leaves no empty folder it made (rmdir leaves a folder that is not empty).
    for (const auto& made : made_) {
      if (!committed_) ::rmdir(made.c_str());
      forget_empty_on_signal(made);
    }
  }
  StagedDirectory(const StagedDirectory&) = delete;
  StagedDirectory& operator=(const StagedDirectory&) = delete;

  // Where to write the document of learner `id`, for now.
  std::filesystem::path reserve(std::string_view id, std::string_view extension) {
    extension_ = extension;
    ids_.emplace_back(id);
    return staging_ / fmt::format("{}.{}", ids_.size(), extension);
  }

  void commit() {
    const auto names = directory_names(ids_, extension_);
    if (!names.collisions.empty() && warn_) warn_(collision_warning(names));
    {
      Output index((staging_ / directory_index_name).string());
      index.write(directory_index(ids_, names.names));
      index.commit();
    }
    for (std::size_t i = 0; i <= ids_.size(); ++i) {
      const std::string from = i < ids_.size() ? fmt::format("{}.{}", i + 1, extension_) : std::string(directory_index_name);
      const std::string to = i < ids_.size() ? names.names[i] : std::string(directory_index_name);
      std::error_code error;
      std::filesystem::rename(staging_ / from, dir_ / to, error);
      if (error) throw Error(ErrorKind::io, fmt::format("{}: cannot move into place: {}", (dir_ / to).string(), error.message()));
    }
    committed_ = true;
  }

 private:
  std::filesystem::path dir_;
  std::function<void(const std::string&)> warn_;
  std::filesystem::path staging_;
  std::vector<std::filesystem::path> made_;
  std::vector<std::string> ids_;
  std::string extension_;
  bool committed_ = false;
};

struct DocumentOutput::Impl {
  DocumentReporter reporter;
  DocumentFormat format;
  PageSettings page;
  std::string collection_title;
  // One output for all documents (standard output or a file) ...
  std::unique_ptr<Output> single;
  std::unique_ptr<DocumentWriter> single_writer;
  // ... or a directory with one file each.
  std::unique_ptr<StagedDirectory> directory;
};

DocumentOutput::DocumentOutput(const std::string& output, DocumentFormat format, PageSettings page, std::string collection_title,
                               DocumentReporter reporter)
    : impl_(std::make_unique<Impl>()) {
  impl_->reporter = std::move(reporter);
  impl_->format = format;
  impl_->page = std::move(page);
  impl_->collection_title = std::move(collection_title);
  if (names_directory(output)) {
    impl_->directory = std::make_unique<StagedDirectory>(output, impl_->reporter.warn);
  } else {
    impl_->single = std::make_unique<Output>(output);
    impl_->single_writer = DocumentWriter::create(format, *impl_->single, impl_->page);
    impl_->single_writer->begin(impl_->collection_title);
  }
}

DocumentOutput::~DocumentOutput() = default;

void DocumentOutput::add(std::string_view id, std::string_view markdown, const std::string& title) {
  const ParsedDocument doc(markdown, title);
  if (impl_->directory) {
    const auto path = impl_->directory->reserve(id, file_extension(impl_->format));
    Output out(path.string());
    auto writer = DocumentWriter::create(impl_->format, out, impl_->page);
    writer->begin(title);
    writer->document(doc);
    writer->finish();
    out.commit();
  } else {
    impl_->single_writer->document(doc);
  }
  ++count_;
  if (impl_->reporter.progress) impl_->reporter.progress(count_, false);
}

void DocumentOutput::finish() {
  if (impl_->single) {
    impl_->single_writer->finish();
    impl_->single->commit();
  } else {
    impl_->directory->commit();
  }
  if (impl_->reporter.progress) impl_->reporter.progress(count_, true);
}

void DocumentSettings::load_file(const std::filesystem::path& file) {
  std::ifstream in(file, std::ios::binary);
  if (!in) throw Error(ErrorKind::missing_input, fmt::format("{}: cannot read the settings file", file.string()));
  std::ostringstream content;
  content << in.rdbuf();
  const std::string text = content.str();
  if (const auto first = text.find_first_not_of(" \t\r\n"); first != std::string::npos && text[first] == '{') {
    nlohmann::json parsed;
    if (const auto refusal = parse_json(text, parsed, /*allow_comments=*/true)) {
      if (refusal->number_too_large)
        throw data_error({file.string(), refusal->line, {}}, refusal->reason, "settings as text or numbers such as 12");
      throw Error(ErrorKind::bad_data, fmt::format("{}: not a valid JSON object of settings at byte {}", file.string(), refusal->byte));
    }
    values_.merge_patch(parsed);
    return;
  }
  std::istringstream lines(text);
  std::string line;
  for (long number = 1; std::getline(lines, line); ++number) {
    const auto item = trim(line);
    if (item.empty() || item.front() == '#') continue;
    if (item.find('=') == std::string_view::npos)
      throw data_error({file.string(), number, {}}, "this line is not a setting", "key=value, or # for a comment");
    std::size_t offset = 0;
    if (const auto problem = text_problem(item, offset); !problem.empty()) {
      throw data_error({file.string(), number, {}},
                       fmt::format("setting '{}': {}", printable(trim(item.substr(0, item.find('=')))), problem), "UTF-8 text");
    }
    set(item);
  }
}

void DocumentSettings::set(std::string_view assignment) {
  const auto equals = assignment.find('=');
  if (equals == std::string_view::npos || equals == 0)
    throw Error(ErrorKind::usage, fmt::format("--set needs key=value, such as school.name=\"Hillside Academy\""));
  const auto key = trim(assignment.substr(0, equals));
  std::size_t offset = 0;
  if (const auto problem = text_problem(assignment, offset); !problem.empty())
    throw Error(ErrorKind::bad_data, fmt::format("--set {}: {} (UTF-8 text)", printable(key), problem));
  nlohmann::json* target = &values_;
  for (const auto part : split_list(key, '.')) {
    if (!target->is_object()) *target = nlohmann::json::object();
    target = &(*target)[std::string(part)];
  }
  *target = std::string(trim(assignment.substr(equals + 1)));
}

PageSettings DocumentSettings::page() const {
  PageSettings page;
  const auto text_at = [&](const nlohmann::json::json_pointer& pointer) {
    return values_.contains(pointer) && values_.at(pointer).is_string() ? values_.at(pointer).get<std::string>() : std::string{};
  };
  page.school = text_at("/school/name"_json_pointer);
  page.author = text_at("/author"_json_pointer);
  if (page.author.empty()) page.author = page.school;
  return page;
}

}  // namespace waymark
