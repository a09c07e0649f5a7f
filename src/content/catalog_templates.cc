// Loading of content/templates/*.md: documents coordinators download and fill in.
#include <algorithm>
#include <cstdio>
#include <cstring>

#include "content/catalog_builder.h"

namespace cultivate::content {
namespace {

// On its page a template sits under the page's own <h1>: every heading goes one level down
// (the downloads keep the document's own levels).
std::string OneLevelDown(std::string html) {
  for (int level = 5; level >= 1; --level) {
    for (const char* form : {"<h%d", "</h%d>"}) {
      char from[8], to[8];
      std::snprintf(from, sizeof from, form, level);
      std::snprintf(to, sizeof to, form, level + 1);
      for (size_t at = html.find(from); at != std::string::npos; at = html.find(from, at + 1))
        html.replace(at, std::strlen(from), to);
    }
  }
  return html;
}

}  // namespace

void CatalogBuilder::LoadTemplates() {
  for (const auto& [rel, id] : MarkdownFiles("templates")) {
    const std::string file = FileName(rel);
    if (!IsSlugId(id)) {
      Report(file, 0, "the file name is the id used in URLs: use only lowercase letters, "
                      "digits and hyphens");
      continue;
    }
    auto doc = ReadDocument(rel);
    if (!doc) continue;
    FieldReader r(doc->front.table, file, doc->front.open_line, doc->front.open_line, &diagnostics_);
    r.RejectUnknownKeys({"title", "summary", "order"});
    DocumentTemplate t;
    t.id = id;
    t.title = r.RequiredString("title");
    t.summary = r.RequiredString("summary");
    if (auto order = r.RequiredInt("order")) {
      if (*order < 1 || *order > 99)
        r.Report(r.LineOf("order"), "`order` must be a whole number from 1 to 99");
      else
        t.order = static_cast<int>(*order);
    }
    t.markdown = doc->front.body;
    t.html = OneLevelDown(std::move(doc->body.html));
    t.headings = doc->body.headings;
    t.source_file = file;
    QueueLinks(file, *doc, "/guide/templates/" + id);
    catalog_.templates_.push_back(std::move(t));
  }
  std::stable_sort(catalog_.templates_.begin(), catalog_.templates_.end(),
                   [](const DocumentTemplate& a, const DocumentTemplate& b) {
                     return a.order < b.order;
                   });
}

}  // namespace cultivate::content
