// Loading of the Markdown files of content/: pages, phases, practices, examples.
#include <cstdio>
#include <map>

#include "content/catalog_builder.h"
#include "content/readability.h"

namespace cultivate::content {
namespace {

constexpr size_t kMaxDescription = 160;

std::string JoinIds(const std::set<std::string>& ids) {
  std::string out;
  for (const auto& id : ids) out += (out.empty() ? "" : ", ") + id;
  return out;
}

bool ValidTemplateName(const std::string& name) {
  for (char c : name) {
    if (!((c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') || c == '-' || c == '_')) return false;
  }
  return !name.empty();
}

}  // namespace

std::vector<std::pair<std::string, std::string>> CatalogBuilder::MarkdownFiles(
    std::string_view dir) const {
  std::vector<std::pair<std::string, std::string>> files;
  std::string prefix = std::string(dir) + "/";
  for (const auto& [rel, text] : tree_.files) {
    if (rel.rfind(prefix, 0) != 0 || rel.size() <= prefix.size() + 3) continue;
    std::string name = rel.substr(prefix.size());
    if (name.find('/') != std::string::npos || name.substr(name.size() - 3) != ".md") continue;
    files.emplace_back(rel, name.substr(0, name.size() - 3));
  }
  return files;
}

std::optional<CatalogBuilder::Document> CatalogBuilder::ReadDocument(const std::string& rel) {
  const std::string file = FileName(rel);
  auto front = ParseFrontMatter(tree_.files.at(rel), file);
  if (!front) {
    diagnostics_.push_back(front.error());
    return std::nullopt;
  }
  Document doc{std::move(*front), {}};
  doc.body = RenderMarkdown(doc.front.body);
  for (const RawHtml& raw : doc.body.raw_html) {
    Report(file, raw.line > 0 ? doc.front.body_line + raw.line - 1 : doc.front.body_line,
           "raw HTML is not allowed in Markdown (readers would see it as text): " + raw.text);
  }
  if (auto grade = MarkdownReadingGrade(doc.front.body); grade && *grade > kMaxReadingGrade) {
    char text[8];
    std::snprintf(text, sizeof text, "%.1f", *grade);
    Report(file, doc.front.body_line,
           std::string("reads at grade ") + text + " (Flesch-Kincaid), above the guide's " +
               "limit of 9: use shorter sentences and plainer words");
  }
  return doc;
}

void CatalogBuilder::QueueLinks(const std::string& file, const Document& doc,
                                const std::string& page_path) {
  link_sources_.push_back({file, doc.front.body_line - 1, false, page_path, doc.body.links});
}

void CatalogBuilder::CheckSections(const Document& doc, const std::string& file,
                                   const std::vector<Section>& sections, std::string_view kind) {
  std::string expected;
  for (const Section& s : sections) {
    expected += (expected.empty() ? "" : ", ") + std::string("`## ") + std::string(s.title) +
                "`" + (s.optional ? " (optional)" : "");
  }
  auto line_of = [&](const Heading& h) { return h.line > 0 ? doc.front.body_line + h.line - 1 : 0; };
  size_t next = 0;
  int last_line = doc.front.body_line;
  for (const Heading& h : doc.body.headings) {
    if (h.level != 2) continue;
    while (next < sections.size() && sections[next].optional && sections[next].title != h.text) {
      ++next;
    }
    if (next == sections.size() || sections[next].title != h.text) {
      return Report(file, line_of(h), "unexpected section `## " + h.text + "`: " +
                                          std::string(kind) + " has the sections " + expected +
                                          ", in this order");
    }
    last_line = line_of(h);
    ++next;
  }
  for (; next < sections.size(); ++next) {
    if (!sections[next].optional) {
      return Report(file, last_line, "missing section `## " + std::string(sections[next].title) +
                                         "`: " + std::string(kind) + " has the sections " +
                                         expected + ", in this order");
    }
  }
}

void CatalogBuilder::CheckDescription(FieldReader& reader, const std::string& description) {
  size_t length = Utf8Length(description);
  if (length > kMaxDescription) {
    reader.Report(reader.LineOf("description"),
                  "`description` has " + std::to_string(length) + " characters; keep it to " +
                      std::to_string(kMaxDescription) + " (search engines cut the rest)");
  }
}

std::vector<std::string> CatalogBuilder::KnownOnly(FieldReader& reader,
                                                   const std::vector<Located>& ids,
                                                   const std::set<std::string>& known,
                                                   std::string_view what, std::string_view where) {
  std::vector<std::string> result;
  for (const Located& id : ids) {
    // An empty `known` means its file is missing or broken, which is reported already.
    if (known.empty() || known.count(id.value) > 0) {
      result.push_back(id.value);
    } else {
      reader.Report(id.line, "unknown " + std::string(what) + " \"" + id.value + "\" (" +
                                 std::string(where) + ")");
    }
  }
  return result;
}

void CatalogBuilder::AtLeast(FieldReader& reader, std::string_view key, size_t count, size_t n,
                             std::string_view what) {
  if (count < n && reader.Has(key)) {
    reader.Report(reader.LineOf(key), "`" + std::string(key) + "` must list at least " +
                                          std::to_string(n) + " " + std::string(what));
  }
}

void CatalogBuilder::LoadPages() {
  std::map<std::string, std::string> files_by_path;
  for (const auto& [rel, id] : MarkdownFiles("pages")) {
    const std::string file = FileName(rel);
    auto doc = ReadDocument(rel);
    if (!doc) continue;
    FieldReader r(doc->front.table, file, doc->front.open_line, doc->front.open_line, &diagnostics_);
    r.RejectUnknownKeys({"title", "path", "description", "nav_title", "nav_order", "guide_order",
                         "guide_title", "template"});
    Page page;
    page.title = r.RequiredString("title");
    page.path = r.RequiredString("path");
    page.description = r.RequiredString("description");
    CheckDescription(r, page.description);
    auto nav_title = r.OptionalString("nav_title");
    page.nav_title = nav_title.value_or(page.title);
    auto nav_order = r.OptionalInt("nav_order");
    auto guide_order = r.OptionalInt("guide_order");
    if (nav_order) page.nav_order = static_cast<int>(*nav_order);
    if (guide_order) page.guide_order = static_cast<int>(*guide_order);
    auto guide_title = r.OptionalString("guide_title");
    page.guide_title = guide_title.value_or(page.title);
    if (guide_title && !guide_order)
      r.Report(r.LineOf("guide_title"), "`guide_title` needs `guide_order` to put the page in the guide's menu");
    if (nav_title && !nav_order) {
      r.Report(r.LineOf("nav_title"), "`nav_title` needs `nav_order` to put the page in the menu");
    }
    page.template_name = r.OptionalString("template").value_or("page");
    if (!ValidTemplateName(page.template_name)) {
      r.Report(r.LineOf("template"), "`template` must be a layout name like \"page\"");
    }
    bool path_ok = false;
    if (!page.path.empty()) {
      bool reserved = page.path == "/checkup" || page.path == "/search" ||
                      page.path == "/healthz" || page.path.rfind("/guide/phases/", 0) == 0 ||
                      page.path.rfind("/guide/practices/", 0) == 0 ||
                      page.path.rfind("/guide/examples/", 0) == 0 ||
                      page.path.rfind("/static/", 0) == 0;
      if (page.path[0] != '/' || page.path.substr(0, 2) == "//" ||
          page.path.find_first_of("#? \t") != std::string::npos) {
        r.Report(r.LineOf("path"), "`path` must be a site path starting with /, like \"/about\"");
      } else if (reserved) {
        r.Report(r.LineOf("path"), "`path` " + page.path + " is already used by the site");
      } else if (auto [it, fresh] = files_by_path.emplace(page.path, file); !fresh) {
        r.Report(r.LineOf("path"), "`path` " + page.path + " is also used by " + it->second);
      } else {
        path_ok = true;
      }
    }
    page.html = std::move(doc->body.html);
    page.headings = doc->body.headings;
    page.source_file = file;
    QueueLinks(file, *doc, page.path);
    if (path_ok) catalog_.pages_.push_back(std::move(page));
  }
}

void CatalogBuilder::LoadPhases() {
  std::set<std::string> seen;
  std::map<int64_t, std::string> orders;
  const std::string phase_hint = "taxonomy.toml lists: " + JoinIds(phase_ids_);
  if (phase_ids_.empty()) return;  // no taxonomy: reported already
  for (const auto& [rel, id] : MarkdownFiles("phases")) {
    const std::string file = FileName(rel);
    if (phase_ids_.count(id) == 0) {
      Report(file, 0, "\"" + id + "\" is not a phase id; phase files are named after the ids " +
                          JoinIds(phase_ids_));
      continue;
    }
    seen.insert(id);
    auto doc = ReadDocument(rel);
    if (!doc) continue;
    FieldReader r(doc->front.table, file, doc->front.open_line, doc->front.open_line, &diagnostics_);
    r.RejectUnknownKeys({"title", "order", "stage", "tension", "summary", "description", "guess",
                         "practices", "examples"});
    Phase phase;
    phase.id = id;
    phase.title = r.RequiredString("title");
    if (auto order = r.RequiredInt("order")) {
      if (*order < 1 || *order > 5) {
        r.Report(r.LineOf("order"), "`order` must be 1 to 5");
      } else if (auto [it, fresh] = orders.emplace(*order, id); !fresh) {
        r.Report(r.LineOf("order"), "`order` " + std::to_string(*order) +
                                        " is also used by phase " + it->second);
      } else {
        phase.order = static_cast<int>(*order);
      }
    }
    phase.stage = r.RequiredString("stage");
    phase.tension = r.RequiredString("tension");
    phase.summary = r.RequiredString("summary");
    phase.description = r.RequiredString("description");
    CheckDescription(r, phase.description);
    phase.guess = r.RequiredString("guess");
    auto practices = r.RequiredStrings("practices");
    AtLeast(r, "practices", practices.size(), 3, "practices");
    phase.practices = KnownOnly(r, practices, practice_ids_, "practice", "no file content/practices/<id>.md");
    auto examples = r.RequiredStrings("examples");
    AtLeast(r, "examples", examples.size(), 2, "examples");
    phase.examples = KnownOnly(r, examples, example_ids_, "example", "no file content/examples/<id>.md");
    CheckSections(*doc, file,
                  {{"Signs you are here"}, {"What matters most now"}, {"Common pitfalls"},
                   {"What to do this month"}},
                  "a phase");
    phase.html = std::move(doc->body.html);
    phase.headings = doc->body.headings;
    phase.source_file = file;
    QueueLinks(file, *doc, "/guide/phases/" + id);
    catalog_.phases_.push_back(std::move(phase));
  }
  for (const auto& item : catalog_.phase_taxonomy_) {
    if (seen.count(item.id) == 0) {
      Report(FileName("phases/" + item.id + ".md"), 0, "missing file: every phase needs one");
    }
  }
}

void CatalogBuilder::LoadPractices() {
  for (const auto& [rel, id] : MarkdownFiles("practices")) {
    const std::string file = FileName(rel);
    if (!IsSlugId(id)) continue;  // reported when the ids were collected
    auto doc = ReadDocument(rel);
    if (!doc) continue;
    FieldReader r(doc->front.table, file, doc->front.open_line, doc->front.open_line, &diagnostics_);
    r.RejectUnknownKeys({"title", "summary", "description", "phases", "examples", "principles"});
    Practice practice;
    practice.id = id;
    practice.title = r.RequiredString("title");
    practice.summary = r.RequiredString("summary");
    practice.description = r.RequiredString("description");
    CheckDescription(r, practice.description);
    auto phases = r.RequiredStrings("phases");
    AtLeast(r, "phases", phases.size(), 1, "phase");
    practice.phases = KnownOnly(r, phases, phase_ids_, "phase", "taxonomy.toml lists: " + JoinIds(phase_ids_));
    auto examples = r.RequiredStrings("examples");
    AtLeast(r, "examples", examples.size(), 1, "example");
    practice.examples = KnownOnly(r, examples, example_ids_, "example", "no file content/examples/<id>.md");
    auto principles = r.RequiredStrings("principles");
    AtLeast(r, "principles", principles.size(), 1, "principle");
    practice.principles = KnownOnly(r, principles, principle_ids_, "principle",
                                    "taxonomy.toml lists: " + JoinIds(principle_ids_));
    CheckSections(*doc, file,
                  {{"When it helps"}, {"How to do it"}, {"Pitfalls"}, {"Sources", true}},
                  "a practice");
    practice.html = std::move(doc->body.html);
    practice.headings = doc->body.headings;
    practice.source_file = file;
    QueueLinks(file, *doc, "/guide/practices/" + id);
    catalog_.practices_.push_back(std::move(practice));
  }
}

void CatalogBuilder::LoadExamples() {
  for (const auto& [rel, id] : MarkdownFiles("examples")) {
    const std::string file = FileName(rel);
    if (!IsSlugId(id)) continue;  // reported when the ids were collected
    auto doc = ReadDocument(rel);
    if (!doc) continue;
    FieldReader r(doc->front.table, file, doc->front.open_line, doc->front.open_line, &diagnostics_);
    r.RejectUnknownKeys({"title", "summary", "description", "sector", "scale", "phases",
                         "practices", "sources"});
    Example example;
    example.id = id;
    example.title = r.RequiredString("title");
    example.summary = r.RequiredString("summary");
    example.description = r.RequiredString("description");
    CheckDescription(r, example.description);
    example.sector = r.RequiredString("sector");
    if (!example.sector.empty() && !sector_ids_.empty() && sector_ids_.count(example.sector) == 0) {
      r.Report(r.LineOf("sector"), "unknown sector \"" + example.sector +
                                       "\" (taxonomy.toml lists: " + JoinIds(sector_ids_) + ")");
    }
    example.scale = r.RequiredString("scale");
    auto phases = r.RequiredStrings("phases");
    AtLeast(r, "phases", phases.size(), 1, "phase");
    example.phases = KnownOnly(r, phases, phase_ids_, "phase", "taxonomy.toml lists: " + JoinIds(phase_ids_));
    auto practices = r.RequiredStrings("practices");
    AtLeast(r, "practices", practices.size(), 1, "practice");
    example.practices = KnownOnly(r, practices, practice_ids_, "practice", "no file content/practices/<id>.md");
    auto sources = r.RequiredStrings("sources");
    AtLeast(r, "sources", sources.size(), 1, "source");
    example.sources = KnownOnly(r, sources, reference_ids_, "source", "not in references.toml");
    CheckSections(*doc, file, {{"What they did"}, {"Outcome"}, {"What you can borrow", true}},
                  "an example");
    example.html = std::move(doc->body.html);
    example.headings = doc->body.headings;
    example.source_file = file;
    QueueLinks(file, *doc, "/guide/examples/" + id);
    catalog_.examples_.push_back(std::move(example));
  }
}

}  // namespace cultivate::content
