#include "pack_output.hpp"

#include <filesystem>
#include <system_error>

#include "waymark/cleanup.hpp"
#include "waymark/errors.hpp"
#include "waymark/output.hpp"
#include "waymark/render.hpp"

namespace waymark::transition {

namespace {

namespace fs = std::filesystem;

std::string dump(const nlohmann::ordered_json& json, int indent) {
  // Text from the inputs is checked UTF-8; replacing is a guard, not a path we expect.
  return json.dump(indent, ' ', false, nlohmann::ordered_json::error_handler_t::replace);
}

void make_private_directory(const fs::path& dir) {
  std::error_code error;
  if (fs::exists(dir, error) && !fs::is_directory(dir, error)) {
    throw Error(ErrorKind::cannot_create, "cannot create " + dir.string() + ": it is a file, not a directory");
  }
  // These folders hold records about children: their owner only.
  create_private_directories(dir);
}

void write_file(const fs::path& path, const std::string& text) {
  Output out(path.string());
  out.write(text);
  out.commit();
}

Calendar calendar_of(const std::vector<const Pack*>& packs, const std::string& timezone) {
  Calendar calendar(timezone);
  for (const auto* pack : packs)
    for (const auto& event : pack->events) calendar.add(event);
  return calendar;
}

}  // namespace

void write_pack_folders(const std::string& dir, const std::vector<Pack>& packs, const std::string& timezone, const PackDocuments& documents,
                        const std::vector<DocumentFormat>& formats, const std::function<void(const std::string&)>& warn) {
  make_private_directory(dir);
  const auto stamp = calendar_stamp();
  std::vector<std::string> ids;
  for (const auto& pack : packs) ids.push_back(pack.id);
  const auto names = directory_names(ids, "");
  if (!names.collisions.empty()) warn(collision_warning(names));
  for (std::size_t p = 0; p < packs.size(); ++p) {
    const auto& pack = packs[p];
    const fs::path folder = fs::path(dir) / names.names[p];
    make_private_directory(folder);
    write_file(folder / "pack.json", dump(pack.json, 2) + "\n");
    write_file(folder / "settling-in.ics", calendar_of({&pack}, timezone).to_ics(stamp));
    for (const auto& document : documents.render(pack)) {
      const ParsedDocument parsed(document.markdown, document.title);
      for (const auto format : formats) {
        Output out((folder / (document.name + "." + std::string(file_extension(format)))).string());
        const auto writer = DocumentWriter::create(format, out, documents.page());
        writer->begin(document.title);
        writer->document(parsed);
        writer->finish();
        out.commit();
      }
    }
  }
  write_file(fs::path(dir) / directory_index_name, directory_index(ids, names.names));
}

void write_documents(const std::string& path, const std::vector<Pack>& packs, const PackDocuments& documents, DocumentFormat format) {
  Output out(path);
  const auto writer = DocumentWriter::create(format, out, documents.page());
  writer->begin(documents.collection_title());
  for (const auto& pack : packs)
    for (const auto& document : documents.render(pack)) writer->document(ParsedDocument(document.markdown, document.title));
  writer->finish();
  out.commit();
}

void write_ndjson(const std::string& path, const std::vector<Pack>& packs) {
  Output out(path);
  for (const auto& pack : packs) {
    out.write(dump(pack.json, -1));
    out.write("\n");
  }
  out.commit();
}

void write_calendar(const std::string& path, const std::vector<Pack>& packs, const std::string& timezone) {
  std::vector<const Pack*> all;
  for (const auto& pack : packs) all.push_back(&pack);
  Output out(path);
  out.write(calendar_of(all, timezone).to_ics(calendar_stamp()));
  out.commit();
}

}  // namespace waymark::transition
