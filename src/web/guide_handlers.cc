// The guide: home, content pages, phases, practices, examples (with filters), glossary,
// references and search. Every page here except search and filtered example lists depends
// only on content and is rendered once at start (see CacheablePaths).
#include <algorithm>

#include "common/message_keys.h"
#include "view/charts.h"
#include "web/app.h"
#include "web/template_downloads.h"

namespace cultivate::web {

namespace {

using nlohmann::json;

json Crumb(const std::string& title, const std::string& href = "") {
  json c{{"title", title}};
  if (!href.empty()) c["href"] = href;
  return c;
}

json GuideNav(const Site& site, const std::string& path) {
  json nav = json::array();
  for (const content::Page* page : site.catalog.GuideNav()) {
    json item{{"title", page->guide_title.empty() ? page->title : page->guide_title},
              {"href", page->path}};
    if (page->path == path || (page->path != "/guide" && path.rfind(page->path + "/", 0) == 0))
      item["current"] = true;
    nav.push_back(std::move(item));
  }
  return nav;
}

json PhaseRefs(const std::vector<const content::Phase*>& phases) {
  json out = json::array();
  for (const auto* p : phases)
    out.push_back({{"id", p->id}, {"title", p->title}, {"href", "/guide/phases/" + p->id}});
  return out;
}

json PracticeCards(const Site& site, const std::vector<const content::Practice*>& practices) {
  json out = json::array();
  for (const auto* p : practices) {
    json phases = json::array();
    for (const auto* ph : site.catalog.PhasesForPractice(p->id)) phases.push_back(ph->title);
    out.push_back({{"id", p->id}, {"title", p->title}, {"summary", p->summary},
                   {"href", "/guide/practices/" + p->id}, {"phases", phases}});
  }
  return out;
}

json ExampleCards(const Site& site, const std::vector<const content::Example*>& examples) {
  json out = json::array();
  for (const auto* e : examples) {
    const content::TaxonomyItem* sector = site.catalog.FindSector(e->sector);
    json phases = json::array();
    for (const auto* ph : site.catalog.PhasesForExample(e->id)) phases.push_back(ph->title);
    out.push_back({{"id", e->id}, {"title", e->title}, {"summary", e->summary},
                   {"href", "/guide/examples/" + e->id}, {"sector", sector ? sector->title : e->sector},
                   {"scale", e->scale}, {"phases", phases}});
  }
  return out;
}

json Toc(const std::vector<content::Heading>& headings) {
  json out = json::array();
  for (const auto& h : headings)
    if (h.level == 2) out.push_back({{"title", h.text}, {"href", "#" + h.id}});
  return out;
}

/// The model shared by every guide page: base + side navigation + breadcrumbs.
json GuideModel(const WebApp& app, const std::string& path, const std::string& title,
                const std::string& description, json crumbs) {
  json m = app.BaseModel(path, title, description);
  m["guide_nav"] = GuideNav(app.site(), path);
  m["breadcrumbs"] = std::move(crumbs);
  return m;
}

http::Response PhasePage(WebApp& app, const content::Phase& phase) {
  const Site& site = app.site();
  json m = GuideModel(app, "/guide/phases/" + phase.id, "The " + phase.title + " phase",
                      phase.description,
                      json::array({Crumb(app.Say(msg::kCrumbGuide), "/guide"), Crumb(app.Say(msg::kCrumbPhases), "/guide/phases"),
                                   Crumb(phase.title)}));
  m["heading"] = phase.title;
  m["phase"] = {{"id", phase.id}, {"order", phase.order}, {"title", phase.title},
                {"stage", phase.stage}, {"tension", phase.tension}, {"summary", phase.summary}};
  m["html"] = phase.html;
  m["toc"] = Toc(phase.headings);
  m["practices"] = PracticeCards(site, site.catalog.PracticesForPhase(phase.id));
  m["examples"] = ExampleCards(site, site.catalog.ExamplesForPhase(phase.id));
  json questions = json::array();
  if (const assess::PhaseSection* section = site.bank.FindPhase(phase.id)) {
    for (const auto& q : section->questions) questions.push_back({{"text", q.text}, {"why", q.why}});
    json prompts = json::array();
    for (const auto& p : section->prompts) prompts.push_back({{"text", p.text}});
    m["prompts"] = prompts;
  }
  m["questions"] = questions;
  m["checkup_href"] = "/checkup?focus=" + phase.id;
  const auto& phases = site.catalog.phases();
  auto it = std::find_if(phases.begin(), phases.end(), [&](const auto& p) { return p.id == phase.id; });
  if (it != phases.begin()) m["prev"] = {{"title", (it - 1)->title}, {"href", "/guide/phases/" + (it - 1)->id}};
  if (it + 1 != phases.end() && it != phases.end())
    m["next"] = {{"title", (it + 1)->title}, {"href", "/guide/phases/" + (it + 1)->id}};
  return app.Render("phase", m);
}

http::Response PracticePage(WebApp& app, const content::Practice& p) {
  const Site& site = app.site();
  json m = GuideModel(app, "/guide/practices/" + p.id, p.title, p.description,
                      json::array({Crumb(app.Say(msg::kCrumbGuide), "/guide"), Crumb(app.Say(msg::kCrumbPractices), "/guide/practices"),
                                   Crumb(p.title)}));
  m["summary"] = p.summary;
  m["html"] = p.html;
  m["toc"] = Toc(p.headings);
  m["phases"] = PhaseRefs(site.catalog.PhasesForPractice(p.id));
  m["examples"] = ExampleCards(site, site.catalog.ExamplesForPractice(p.id));
  json principles = json::array();
  for (const auto& id : p.principles)
    if (const auto* pr = site.catalog.FindPrinciple(id))
      principles.push_back({{"title", pr->title}, {"summary", pr->summary}});
  m["principles"] = principles;
  return app.Render("practice", m);
}

json TemplateCards(const content::Catalog& c) {
  json cards = json::array();
  for (const auto& t : c.templates())
    cards.push_back({{"title", t.title}, {"summary", t.summary}, {"href", "/guide/templates/" + t.id}});
  return cards;
}

// A template's page, or one of its downloads: <id>.md from the content folder, <id>.odt and
// <id>.docx made by pandoc at build time.
http::Response TemplatePage(WebApp& app, const std::string& name) {
  const auto& c = app.site().catalog;
  size_t dot = name.rfind('.');
  std::string id = name.substr(0, dot), ext = dot == std::string::npos ? "" : name.substr(dot + 1);
  const content::DocumentTemplate* t = c.FindTemplate(id);
  if (!t) return app.Error(404);
  auto download = [&](std::string body, const char* type) {
    http::Response r = http::Response::Text(200, std::move(body));
    r.Set("Content-Type", type);
    r.Set("Content-Disposition", "attachment; filename=\"" + name + "\"");
    r.Set("Cache-Control", "public, max-age=300");
    return r;
  };
  if (ext == "md") return download(t->markdown, "text/markdown; charset=utf-8");
  if (ext == "odt" || ext == "docx") {
    for (const auto& f : TemplateDownloads())
      if (f.name == name)
        return download(std::string(reinterpret_cast<const char*>(f.data), f.size),
                        ext == "odt" ? "application/vnd.oasis.opendocument.text"
                                     : "application/vnd.openxmlformats-officedocument.wordprocessingml.document");
    return app.Error(404);  // a template added after this build: rebuild to make its files
  }
  if (dot != std::string::npos) return app.Error(404);  // another format, or a bare dot
  json m = GuideModel(app, "/guide/templates/" + t->id, t->title, t->summary,
                      json::array({Crumb(app.Say(msg::kCrumbGuide), "/guide"),
                                   Crumb(app.Say(msg::kCrumbTemplates), "/guide/templates"), Crumb(t->title)}));
  m["summary"] = t->summary;
  m["html"] = t->html;
  std::string base = "/guide/templates/" + t->id;
  m["downloads"] = {{"md", base + ".md"}, {"odt", base + ".odt"}, {"docx", base + ".docx"}};
  return app.Render("template", m);
}

http::Response ExamplePage(WebApp& app, const content::Example& e) {
  const Site& site = app.site();
  json m = GuideModel(app, "/guide/examples/" + e.id, e.title, e.description,
                      json::array({Crumb(app.Say(msg::kCrumbGuide), "/guide"), Crumb(app.Say(msg::kCrumbExamples), "/guide/examples"),
                                   Crumb(e.title)}));
  const content::TaxonomyItem* sector = site.catalog.FindSector(e.sector);
  m["summary"] = e.summary;
  m["sector"] = {{"title", sector ? sector->title : e.sector},
                 {"href", "/guide/examples?sector=" + e.sector}};
  m["scale"] = e.scale;
  m["html"] = e.html;
  m["phases"] = PhaseRefs(site.catalog.PhasesForExample(e.id));
  json practices = json::array();
  for (const auto* p : site.catalog.PracticesForExample(e.id))
    practices.push_back({{"title", p->title}, {"href", "/guide/practices/" + p->id}});
  m["practices"] = practices;
  json sources = json::array();
  for (const auto& id : e.sources)
    if (const auto* r = site.catalog.FindReference(id))
      sources.push_back({{"title", r->title}, {"authors", r->authors}, {"year", r->year},
                         {"href", "/guide/references#" + r->id}});
  m["sources"] = sources;
  return app.Render("example", m);
}

json Options(const std::vector<std::pair<std::string, std::string>>& items, const std::string& selected) {
  json out = json::array();
  for (const auto& [id, title] : items) {
    json o{{"value", id}, {"title", title}};
    if (id == selected) o["selected"] = true;
    out.push_back(std::move(o));
  }
  return out;
}

http::Response ExamplesPage(WebApp& app, const content::Page& page, const http::Request& req) {
  const Site& site = app.site();
  const auto& c = site.catalog;
  std::string sector = req.Query("sector"), phase = req.Query("phase"), practice = req.Query("practice");
  // An unknown value (an edited or outdated link) is dropped, and the reader is told.
  std::vector<std::string> ignored;
  if (!sector.empty() && !c.FindSector(sector)) { ignored.push_back(sector); sector.clear(); }
  if (!phase.empty() && !c.FindPhase(phase)) { ignored.push_back(phase); phase.clear(); }
  if (!practice.empty() && !c.FindPractice(practice)) { ignored.push_back(practice); practice.clear(); }
  json m = GuideModel(app, page.path, page.title, page.description,
                      json::array({Crumb(app.Say(msg::kCrumbGuide), "/guide"), Crumb(page.title)}));
  m["html"] = page.html;
  std::vector<std::pair<std::string, std::string>> sectors, phases, practices;
  for (const auto& s : c.sectors()) sectors.emplace_back(s.id, s.title);
  for (const auto& p : c.phases()) phases.emplace_back(p.id, p.title);
  for (const auto& p : c.practices()) practices.emplace_back(p.id, p.title);
  m["sectors"] = Options(sectors, sector);
  m["phases"] = Options(phases, phase);
  m["practices"] = Options(practices, practice);
  auto found = c.FilterExamples(sector, phase, practice);
  m["examples"] = ExampleCards(site, found);
  m["count"] = found.size();
  m["total"] = c.examples().size();
  m["filtered"] = !sector.empty() || !phase.empty() || !practice.empty();
  m["one"] = found.size() == 1;
  if (!ignored.empty()) m["ignored"] = true;
  json active = json::array();
  if (!sector.empty()) active.push_back(c.FindSector(sector)->title);
  if (!phase.empty()) active.push_back(c.FindPhase(phase)->title);
  if (!practice.empty()) active.push_back(c.FindPractice(practice)->title);
  m["active"] = active;
  return app.Render("examples", m);
}

http::Response ContentPage(WebApp& app, const content::Page& page) {
  const Site& site = app.site();
  const auto& c = site.catalog;
  bool in_guide = page.path == "/guide" || page.path.rfind("/guide/", 0) == 0;
  json crumbs = json::array();
  if (in_guide && page.path != "/guide") crumbs = {Crumb(app.Say(msg::kCrumbGuide), "/guide"), Crumb(page.title)};
  json m = in_guide ? GuideModel(app, page.path, page.title, page.description, crumbs)
                    : app.BaseModel(page.path, page.title, page.description);
  m["html"] = page.html;
  m["toc"] = Toc(page.headings);
  std::string tmpl = page.template_name.empty() ? "page" : page.template_name;
  if (page.path == "/guide/phases") {
    tmpl = "phases";
    json phases = json::array();
    for (const auto& p : c.phases())
      phases.push_back({{"id", p.id}, {"order", p.order}, {"title", p.title}, {"stage", p.stage},
                        {"tension", p.tension}, {"summary", p.summary}, {"guess", p.guess},
                        {"href", "/guide/phases/" + p.id}});
    m["phases"] = phases;
    m["timeline_svg"] = view::PhaseTimelineSvg(phases);
  } else if (page.path == "/guide/practices") {
    tmpl = "practices";
    m["practices"] = PracticeCards(site, [&] {
      std::vector<const content::Practice*> all;
      for (const auto& p : c.practices()) all.push_back(&p);
      return all;
    }());
  } else if (page.path == "/guide/templates") {
    tmpl = "templates";
    m["templates"] = TemplateCards(c);
  } else if (page.path == "/guide/glossary") {
    tmpl = "glossary";
    json terms = json::array();
    for (const auto& t : c.glossary())
      terms.push_back({{"id", t.id}, {"term", t.term}, {"definition", t.definition_html}});
    m["terms"] = terms;
  } else if (page.path == "/guide/references") {
    tmpl = "references";
    json refs = json::array();
    for (const auto& r : c.references())
      refs.push_back({{"id", r.id}, {"authors", r.authors}, {"year", r.year}, {"title", r.title},
                      {"publisher", r.publisher}, {"url", r.url}});
    m["references"] = refs;
  } else if (tmpl == "home") {
    json phases = json::array();
    for (const auto& p : c.phases())
      phases.push_back({{"title", p.title}, {"summary", p.summary}, {"href", "/guide/phases/" + p.id}});
    m["phases"] = phases;
  }
  return app.Render(tmpl, m);
}

http::Response SearchPage(WebApp& app, const http::Request& req) {
  std::string q = req.Query("q");
  // Only spaces is no query at all: show the help.
  size_t first = q.find_first_not_of(" \t\r\n"), last = q.find_last_not_of(" \t\r\n");
  q = first == std::string::npos ? std::string() : q.substr(first, last - first + 1);
  json m = app.BaseModel("/search",
                         q.empty() ? app.Say(msg::kTitleSearch) : app.Say({msg::kTitleSearchFor, {Arg("q", q)}}),
                         app.Say(msg::kAboutSearch));
  m["q"] = q;
  m["noindex"] = !q.empty();
  int status = 200;
  if (q.size() > 200) {
    m["error"] = app.Say({msg::kSearchTooLong, {Arg("max", 200)}});
    status = 400;
  } else if (!q.empty()) {
    auto hits = app.site().search->Search(q, 30);
    if (!hits) {
      m["error"] = app.Say(msg::kSearchInvalid);
    } else {
      json results = json::array();
      for (const auto& h : *hits)
        results.push_back({{"title", h.title}, {"href", h.url}, {"kind", h.kind}, {"snippet", h.snippet}});
      m["results"] = results;
      m["count"] = hits->size();
      m["one"] = hits->size() == 1;
      m["many"] = hits->size() > 1;
      m["none"] = hits->empty();
    }
  } else {
    m["help"] = true;
  }
  http::Response r = app.Render("search", m, status);
  r.Set("Cache-Control", "no-store");
  return r;
}

}  // namespace

std::vector<std::string> CacheablePaths(const Site& site) {
  std::vector<std::string> paths;
  for (const auto& p : site.catalog.pages()) paths.push_back(p.path);
  for (const auto& p : site.catalog.phases()) paths.push_back("/guide/phases/" + p.id);
  for (const auto& p : site.catalog.practices()) paths.push_back("/guide/practices/" + p.id);
  for (const auto& e : site.catalog.examples()) paths.push_back("/guide/examples/" + e.id);
  for (const auto& t : site.catalog.templates()) paths.push_back("/guide/templates/" + t.id);
  return paths;
}

void AddGuideRoutes(WebApp& app, http::Router& router) {
  const Site& site = app.site();
  for (const auto& page : site.catalog.pages()) {
    const content::Page* p = &page;
    if (p->path == "/guide/examples") {
      router.Add("GET", p->path, [&app, p](http::Request& req) { return ExamplesPage(app, *p, req); });
    } else {
      router.Add("GET", p->path, [&app, p](http::Request&) { return ContentPage(app, *p); });
    }
  }
  router.Add("GET", "/guide/phases/{id}", [&app](http::Request& req) {
    const auto* phase = app.site().catalog.FindPhase(req.Param("id"));
    return phase ? PhasePage(app, *phase) : app.Error(404);
  });
  router.Add("GET", "/guide/practices/{id}", [&app](http::Request& req) {
    const auto* p = app.site().catalog.FindPractice(req.Param("id"));
    return p ? PracticePage(app, *p) : app.Error(404);
  });
  router.Add("GET", "/guide/examples/{id}", [&app](http::Request& req) {
    const auto* e = app.site().catalog.FindExample(req.Param("id"));
    return e ? ExamplePage(app, *e) : app.Error(404);
  });
  router.Add("GET", "/guide/templates/{id}", [&app](http::Request& req) {
    return TemplatePage(app, req.Param("id"));
  });
  router.Add("GET", "/search", [&app](http::Request& req) { return SearchPage(app, req); });
}

}  // namespace cultivate::web
