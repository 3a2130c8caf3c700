// What the document writers share inside the documents library: the GFM extensions and walking cmark trees.
#pragma once

#include <cmark-gfm.h>

#include <memory>
#include <string>
#include <string_view>

#include "waymark/render.hpp"

namespace waymark {

// The table, strikethrough and autolink extensions, registered once; parsers and HTML rendering use them.
cmark_llist* gfm_extensions();

// The text of a node and its descendants, line breaks as spaces, without markup.
std::string plain_text(cmark_node* node);

bool is_table(cmark_node* node);

// What makes text unfit for a document (a template, a setting), as CSV input refuses it: invalid
// UTF-8, a NUL or another control byte (tab and line breaks aside). Empty when the text is fine;
// `offset` gets the first bad byte's offset.
std::string text_problem(std::string_view text, std::size_t& offset);

// Columns of UTF-8 text, counting code points.
std::size_t display_width(std::string_view text);

// Appends `text` fit for documents, with &, <, > and " escaped: HTML, and XML (SVG, Word) in
// element text and double-quoted attributes.
void append_html_escaped(std::string& out, std::string_view text);

std::unique_ptr<DocumentWriter> make_markdown_writer(Output& out);
std::unique_ptr<DocumentWriter> make_html_writer(Output& out, const PageSettings& page);
std::unique_ptr<DocumentWriter> make_text_writer(Output& out, const PageSettings& page);
std::unique_ptr<DocumentWriter> make_pdf_writer(Output& out, const PageSettings& page);   // pdf_writer.cpp
std::unique_ptr<DocumentWriter> make_docx_writer(Output& out, const PageSettings& page);  // docx_writer.cpp

}  // namespace waymark
