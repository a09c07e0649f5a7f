// The check-up's results, plan, exports and print view in HTML, in-process through
// WebApp::Handle, after answering as a person without JavaScript does (plain form posts).
#include <gtest/gtest.h>
#include "testing/http_client.h"

#include <algorithm>

#include "testing/app_client.h"
#include "testing/html_scan.h"
#include "web/checkup_test_support.h"

namespace cultivate::web {
namespace {

using cultivate::testing::AppClient;
using cultivate::testing::Count;
using cultivate::testing::ElementById;
using cultivate::testing::FormBody;
using cultivate::testing::Hrefs;
using cultivate::testing::InputValue;
using cultivate::testing::ParseCsv;
using cultivate::testing::TextareaText;
using cultivate::testing::TokenFromLocation;
using nlohmann::json;
using namespace test;  // Form, Start, AnswerAll, PlanForm, ApiCheckup, PhasePath, Section, ...

std::string AnsweredCheckup(AppClient& c, const std::string& note = "a note") {
  std::string token = Start(c, {"define"});
  const auto& section = Section("define");
  Form f = AnswerAll(section, "1", "4", note);
  for (const auto& p : section.prompts) f.emplace_back("prompt." + p.id, "Reflection for " + p.id);
  auto r = c.PostForm(PhasePath(token, "define"), FormBody(f));
  EXPECT_EQ(r.status, 303) << r.body.substr(0, 300);
  return token;
}

TEST(CheckupResultsTest, ResultsShowPlacementAreasChartAndTable) {
  AppClient c;
  std::string token = AnsweredCheckup(c, "note <script>x</script>");
  auto r = c.Get("/checkup/" + token + "/results");
  ASSERT_EQ(r.status, 200);
  const std::string& html = r.body;
  EXPECT_NE(html.find("id=\"placement-title\""), std::string::npos);
  json results = json::parse(c.Get("/api/v1/checkups/" + token + "/results").body);
  ASSERT_TRUE(results["placement"]["phase"].is_string()) << results["placement"].dump();
  EXPECT_NE(html.find("href=\"/guide/phases/" + results["placement"]["phase"].get<std::string>() + "\""),
            std::string::npos);
  // Improvement areas: ranked, each with a recommendation and links to a practice and an example.
  ASSERT_FALSE(results["improvement_areas"].empty());
  size_t areas = results["improvement_areas"].size();
  EXPECT_EQ(Count(html, "<article class=\"area\""), static_cast<int>(areas));
  for (size_t i = 0; i < areas; ++i) {
    std::string area = ElementById(html, "area-" + std::to_string(i + 1));
    EXPECT_NE(area.find("<h3>" + std::to_string(i + 1) + ". "), std::string::npos) << area.substr(0, 200);
    EXPECT_NE(area.find("/guide/practices/"), std::string::npos) << "area " << i + 1 << " has no practice link";
    EXPECT_NE(area.find("/guide/examples/"), std::string::npos) << "area " << i + 1 << " has no example link";
    EXPECT_NE(area.find("Next step:"), std::string::npos);
  }
  // The summary on top names the first three areas (at most), each linking to its section.
  size_t glance = html.find("<section class=\"glance\"");
  ASSERT_NE(glance, std::string::npos);
  std::string summary = html.substr(glance, html.find("</section>", glance) - glance);
  size_t top = std::min<size_t>(areas, 3);
  EXPECT_EQ(Count(summary, "<li><a href=\"#area-"), static_cast<int>(top));
  for (size_t i = 0; i < top; ++i)
    EXPECT_NE(summary.find("href=\"#area-" + std::to_string(i + 1) + "\">" +
                           results["improvement_areas"][i]["title"].get<std::string>()),
              std::string::npos) << i;
  EXPECT_EQ(summary.find("#area-4"), std::string::npos);
  EXPECT_EQ(summary.find("<table"), std::string::npos) << "the tables are in the sections below";
  // Chart and an equivalent table for each grouping.
  EXPECT_EQ(Count(html, "<svg class=\"chart\""), 3);
  for (const char* table : {"phase-table", "element-table", "principle-table"})
    EXPECT_NE(html.find("<table id=\"" + std::string(table) + "\""), std::string::npos) << table;
  std::string phase_table = ElementById(html, "phase-table");
  EXPECT_NE(phase_table.find(Section("define").title), std::string::npos);
  EXPECT_EQ(phase_table.find(Section("grow").title), std::string::npos) << "phases left out are not scored";
  // The person's notes, escaped.
  EXPECT_NE(html.find("note &lt;script&gt;x&lt;/script&gt; 1"), std::string::npos);
  EXPECT_EQ(html.find("<script>x"), std::string::npos);
  // Ways on: plan, print and downloads.
  auto hrefs = Hrefs(html);
  for (const char* end : {"/plan", "/print", "/export.md", "/export.csv", "/export.json"})
    EXPECT_NE(std::find(hrefs.begin(), hrefs.end(), "/checkup/" + token + end), hrefs.end()) << end;
}

TEST(CheckupResultsTest, NothingAnsweredSaysSo) {
  AppClient c;
  std::string token = Start(c, {"define"});
  auto r = c.Get("/checkup/" + token + "/results");
  ASSERT_EQ(r.status, 200);
  EXPECT_NE(r.body.find("nothing to score yet"), std::string::npos);
  // Everything "not sure" is the same as nothing to score.
  ASSERT_EQ(c.PostForm(PhasePath(token, "define"), FormBody(AnswerAll(Section("define"), "na", "na"))).status, 303);
  EXPECT_NE(c.Get("/checkup/" + token + "/results").body.find("nothing to score yet"), std::string::npos);
}

TEST(CheckupPlanTest, DraftIsPrefilledWithActionsAndReflections) {
  AppClient c;
  std::string token = AnsweredCheckup(c);
  auto r = c.Get("/checkup/" + token + "/plan");
  ASSERT_EQ(r.status, 200);
  EXPECT_NE(r.body.find("<strong>draft</strong>"), std::string::npos);
  json results = json::parse(c.Get("/api/v1/checkups/" + token + "/results").body);
  const json& areas = results["improvement_areas"];
  ASSERT_FALSE(areas.empty());
  for (size_t i = 0; i < areas.size(); ++i) {
    auto what = InputValue(r.body, "item." + std::to_string(i) + ".what");
    ASSERT_TRUE(what) << i;
    EXPECT_EQ(*what, areas[i]["action"].get<std::string>()) << i;
    EXPECT_FALSE(what->empty());
  }
  std::string all = TextareaText(r.body, "vision").value_or("") + TextareaText(r.body, "goals").value_or("") +
                    TextareaText(r.body, "strategies").value_or("");
  for (const auto& p : Section("define").prompts)
    EXPECT_NE(all.find("Reflection for " + p.id), std::string::npos) << p.id;
}

TEST(CheckupPlanTest, BadDateIs422KeepingInputAndSavingNothing) {
  AppClient c;
  std::string token = AnsweredCheckup(c);
  for (std::string due : {"31/12/2027", "2027-13-01", "2027-02-00", "tomorrow", "2027-1-5"}) {
    auto r = c.PostForm("/checkup/" + token + "/plan", FormBody(PlanForm(due)));
    ASSERT_EQ(r.status, 422) << due;
    EXPECT_EQ(TextareaText(r.body, "vision"), "A lively <community>") << due;
    EXPECT_EQ(TextareaText(r.body, "goals"), "Monthly meetings");
    EXPECT_EQ(InputValue(r.body, "item.0.what"), "Book a room");
    EXPECT_EQ(InputValue(r.body, "item.0.owner"), "Ana");
    EXPECT_EQ(InputValue(r.body, "item.0.due"), due);
    EXPECT_EQ(InputValue(r.body, "item.1.what"), "Write the charter");
    EXPECT_NE(r.body.find("id=\"err-due-0\""), std::string::npos) << "the error sits at the date field";
    EXPECT_NE(ElementById(r.body, "error-summary").find("href=\"#plan-items-0-due\""), std::string::npos);
    EXPECT_NE(r.body.find("id=\"plan-items-0-due\""), std::string::npos) << "the summary link has a target";
  }
  json plan = json::parse(c.Get("/api/v1/checkups/" + token + "/plan").body);
  EXPECT_EQ(plan["draft"], true) << "nothing was saved";
}

TEST(CheckupPlanTest, ValidPlanIsSavedAndShownAgain) {
  AppClient c;
  std::string token = AnsweredCheckup(c);
  auto r = c.PostForm("/checkup/" + token + "/plan", FormBody(PlanForm("2027-03-31")));
  ASSERT_EQ(r.status, 303);
  EXPECT_EQ(*r.Header("Location"), "/checkup/" + token + "/plan?saved=1");
  auto page = c.Get("/checkup/" + token + "/plan?saved=1");
  EXPECT_NE(page.body.find("Your plan is saved"), std::string::npos);
  EXPECT_EQ(page.body.find("<strong>draft</strong>"), std::string::npos);
  EXPECT_EQ(TextareaText(page.body, "vision"), "A lively <community>");
  EXPECT_EQ(InputValue(page.body, "item.0.due"), "2027-03-31");
  EXPECT_EQ(InputValue(page.body, "item.1.what"), "Write the charter");
  EXPECT_NE(page.body.find("<option value=\"doing\" selected>"), std::string::npos);
  json plan = json::parse(c.Get("/api/v1/checkups/" + token + "/plan").body);
  EXPECT_EQ(plan["draft"], false);
  ASSERT_EQ(plan["items"].size(), 2u);
  EXPECT_EQ(plan["items"][0]["status"], "doing");
}

TEST(CheckupPlanTest, ClearedRowsAreRemovedAndAddGivesAnEmptyRow) {
  AppClient c;
  std::string token = AnsweredCheckup(c);
  Form f = PlanForm("");
  f.emplace_back("item.2.what", "");
  for (auto& [k, v] : f)
    if (k == "go") v = "add";
  auto r = c.PostForm("/checkup/" + token + "/plan", FormBody(f));
  ASSERT_EQ(r.status, 303);
  std::string loc = *r.Header("Location");
  EXPECT_NE(loc.find("add=1"), std::string::npos);
  EXPECT_EQ(json::parse(c.Get("/api/v1/checkups/" + token + "/plan").body)["items"].size(), 2u);
  auto page = c.Get(loc.substr(0, loc.find('#')));
  EXPECT_EQ(InputValue(page.body, "item.2.what"), "") << "an empty row to add an action";
}

TEST(CheckupResultsTest, NoNameMeansNoDanglingColonInHeadings) {
  AppClient c;
  auto r = c.PostForm("/checkup", FormBody({{"name", ""}, {"phase", "define"}}));
  ASSERT_EQ(r.status, 303);
  std::string token = TokenFromLocation(*r.Header("Location"));
  for (std::string suffix : {"", "/results", "/plan"}) {
    std::string html = c.Get("/checkup/" + token + suffix).body;
    size_t h1 = html.find("<h1>");
    ASSERT_NE(h1, std::string::npos) << suffix;
    std::string heading = html.substr(h1, html.find("</h1>", h1) - h1);
    EXPECT_NE(heading.back(), ' ') << suffix << ": " << heading;
    EXPECT_EQ(heading.find(": "), std::string::npos) << suffix << " shows an empty name: " << heading;
  }
}

// ---- exports and print ----

TEST(CheckupExportTest, ExportsHaveTypeAndDisposition) {
  AppClient c;
  std::string token = AnsweredCheckup(c);
  struct Want {
    std::string ext, type;
  };
  for (const Want& w : {Want{"md", "text/markdown; charset=utf-8"}, Want{"csv", "text/csv; charset=utf-8"},
                        Want{"json", "application/json; charset=utf-8"}}) {
    auto r = c.Get("/checkup/" + token + "/export." + w.ext);
    ASSERT_EQ(r.status, 200) << w.ext;
    EXPECT_EQ(*r.Header("Content-Type"), w.type);
    ASSERT_NE(r.Header("Content-Disposition"), nullptr) << w.ext;
    EXPECT_EQ(r.Header("Content-Disposition")->rfind("attachment; filename=\"", 0), 0u);
    EXPECT_NE(r.Header("Content-Disposition")->find("." + w.ext + "\""), std::string::npos);
    EXPECT_FALSE(r.body.empty());
    EXPECT_EQ(*r.Header("Cache-Control"), "no-store");
  }
  std::string md = c.Get("/checkup/" + token + "/export.md").body;
  EXPECT_NE(md.find("Tea club"), std::string::npos);
  EXPECT_NE(md.find("# "), std::string::npos);
  json j = json::parse(c.Get("/checkup/" + token + "/export.json").body);
  EXPECT_TRUE(j.is_object());
  EXPECT_NE(j.dump().find("a note 1"), std::string::npos) << "notes are part of the export";
}

bool IsNumber(const std::string& s) {
  if (s.empty()) return false;
  char* end = nullptr;
  std::strtod(s.c_str(), &end);
  return end && *end == '\0';
}

TEST(CheckupExportTest, CsvNeutralisesFormulaCells) {
  AppClient c;
  std::string token = Start(c, {"define"});
  const auto& section = Section("define");
  Form f = AnswerAll(section, "1", "4");
  const std::vector<std::string> nasty = {"=SUM(A1)", "+cmd|' /C calc'!A0", "-2+3", "@SUM(1)"};
  for (size_t i = 0; i < nasty.size() && i < section.questions.size(); ++i)
    for (auto& [k, v] : f)
      if (k == "note." + section.questions[i].id) v = nasty[i];
  ASSERT_EQ(c.PostForm(PhasePath(token, "define"), FormBody(f)).status, 303);
  Form plan = {{"vision", "=HYPERLINK(\"http://evil\")"}, {"item.0.what", "=SUM(A1)"},
               {"item.0.owner", "@admin"}, {"item.0.status", "todo"}};
  ASSERT_EQ(c.PostForm("/checkup/" + token + "/plan", FormBody(plan)).status, 303);

  auto r = c.Get("/checkup/" + token + "/export.csv");
  ASSERT_EQ(r.status, 200);
  auto rows = ParseCsv(r.body);
  ASSERT_GT(rows.size(), 5u);
  int sum_cells = 0;
  std::vector<std::string> dangerous;
  for (const auto& row : rows)
    for (const auto& cell : row) {
      if (cell.find("SUM(A1)") != std::string::npos) ++sum_cells;
      if (cell.empty()) continue;
      char first = cell[0];
      if (first == '=' || first == '+' || first == '@' || first == '\t' || first == '\r' ||
          (first == '-' && !IsNumber(cell)))
        dangerous.push_back(cell);
    }
  EXPECT_GE(sum_cells, 2) << "the note and the plan item are both in the CSV";
  EXPECT_TRUE(dangerous.empty()) << ::testing::PrintToString(dangerous);
  EXPECT_NE(r.body.find("'=SUM(A1)"), std::string::npos) << "neutralised, not dropped";
  EXPECT_NE(r.body.find("'@admin"), std::string::npos);
}

TEST(CheckupExportTest, PrintViewHasResultsAndPlan) {
  AppClient c;
  std::string token = AnsweredCheckup(c);
  auto r = c.Get("/checkup/" + token + "/print");
  ASSERT_EQ(r.status, 200);
  EXPECT_NE(r.body.find("Tea club"), std::string::npos);
  json results = json::parse(c.Get("/api/v1/checkups/" + token + "/results").body);
  EXPECT_NE(r.body.find(results["improvement_areas"][0]["action"].get<std::string>()), std::string::npos);
}

}  // namespace
}  // namespace cultivate::web
