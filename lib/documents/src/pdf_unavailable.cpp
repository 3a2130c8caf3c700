// The WebAssembly build has no Pango or Cairo to lay out a PDF. A browser prints the HTML with its
// print stylesheet to the same pages, so asked for PDF this build says how to get one.
#include "document_writers.hpp"
#include "waymark/errors.hpp"

namespace waymark {

std::unique_ptr<DocumentWriter> make_pdf_writer(Output&, const PageSettings&) {
  throw Error(ErrorKind::usage, "this build (WebAssembly) does not write PDF: write --format html and print it to PDF from the browser");
}

}  // namespace waymark
