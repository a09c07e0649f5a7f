// The check-up in HTML, as a person without JavaScript uses it: plain form posts, a
// private resume link, one page per phase, results, plan and exports. In-process through
// WebApp::Handle, plus the whole flow over the real server with two separate clients.
#include <gtest/gtest.h>
#include "testing/http_client.h"

#include <algorithm>
#include <regex>

#include "testing/app_client.h"
#include "testing/html_scan.h"
#include "testing/server_process.h"

namespace cultivate::web {
namespace {

using cultivate::testing::AppClient;
using cultivate::testing::CheckedRadio;
using cultivate::testing::Count;
using cultivate::testing::ElementById;
using cultivate::testing::FormBody;
using cultivate::testing::Hrefs;
using cultivate::testing::InputValue;
using cultivate::testing::ParseCsv;
using cultivate::testing::RadioValues;
using cultivate::testing::Tags;
using cultivate::testing::TestSite;
using cultivate::testing::TextareaText;
using cultivate::testing::TokenFromLocation;
using nlohmann::json;
using Form = std::vector<std::pair<std::string, std::string>>;

const assess::PhaseSection& Section(const std::string& id) { return *TestSite()->bank.FindPhase(id); }

std::string Start(AppClient& c, const std::vector<std::string>& phases, const std::string& name = "Tea club") {
  Form f = {{"name", name}};
  for (const auto& p : phases) f.emplace_back("phase", p);
  auto r = c.PostForm("/checkup", FormBody(f));
  EXPECT_EQ(r.status, 303) << r.body.substr(0, 500);
  const std::string* loc = r.Header("Location");
  return loc ? TokenFromLocation(*loc) : std::string();
}

/// Every question of a phase answered with the same values and a numbered note.
Form AnswerAll(const assess::PhaseSection& s, const std::string& now, const std::string& target,
               const std::string& note = "") {
  Form f;
  int i = 0;
  for (const auto& q : s.questions) {
    f.emplace_back("now." + q.id, now);
    f.emplace_back("target." + q.id, target);
    f.emplace_back("note." + q.id, note.empty() ? "" : note + " " + std::to_string(++i));
  }
  return f;
}

json ApiCheckup(AppClient& c, const std::string& token) {
  auto r = c.Get("/api/v1/checkups/" + token);
  EXPECT_EQ(r.status, 200) << r.body;
  return r.status == 200 ? json::parse(r.body) : json::object();
}

std::string PhasePath(const std::string& token, const std::string& phase) {
  return "/checkup/" + token + "/phase/" + phase;
}

bool InSiteDesign(const std::string& html) {
  return html.find("<header class=\"site-header\">") != std::string::npos &&
         html.find("aria-label=\"Main\"") != std::string::npos;
}

// ---- starting ----

TEST(CheckupStartTest, StartPageAsksForNameAndPhases) {
  AppClient c;
  auto r = c.Get("/checkup");
  ASSERT_EQ(r.status, 200);
  EXPECT_NE(r.body.find("<form method=\"post\" action=\"/checkup\""), std::string::npos);
  EXPECT_TRUE(InputValue(r.body, "name").has_value());
  int boxes = 0, checked = 0;
  for (const auto& tag : Tags(r.body, "input"))
    if (tag.find("name=\"phase\"") != std::string::npos) {
      ++boxes;
      checked += tag.find(" checked") != std::string::npos;
    }
  EXPECT_EQ(boxes, 5);
  EXPECT_EQ(checked, 5) << "all phases are the default";
  EXPECT_EQ(r.body.find("<script"), std::string::npos) << "works without JavaScript";
}

TEST(CheckupStartTest, FocusLinkPreselectsOnePhase) {
  AppClient c;
  auto r = c.Get("/checkup?focus=grow");
  ASSERT_EQ(r.status, 200);
  for (const auto& tag : Tags(r.body, "input")) {
    if (tag.find("name=\"phase\"") == std::string::npos) continue;
    bool is_grow = tag.find("value=\"grow\"") != std::string::npos;
    EXPECT_EQ(tag.find(" checked") != std::string::npos, is_grow) << tag;
  }
}

TEST(CheckupStartTest, StartRedirectsToTheFirstChosenPhaseInBankOrder) {
  AppClient c;
  auto r = c.PostForm("/checkup", FormBody({{"name", "Tea club"}, {"phase", "grow"}, {"phase", "design"}}));
  ASSERT_EQ(r.status, 303);
  std::string loc = *r.Header("Location");
  std::string token = TokenFromLocation(loc);
  EXPECT_EQ(token.size(), 43u);
  EXPECT_EQ(loc, "/checkup/" + token + "/phase/design?started=1");
  json api = ApiCheckup(c, token);
  EXPECT_EQ(api["name"], "Tea club");
  EXPECT_EQ(api["phases"], json({"design", "grow"}));
}

TEST(CheckupStartTest, NoPhaseChosenIs422KeepingTheName) {
  AppClient c;
  auto r = c.PostForm("/checkup", FormBody({{"name", "Quilters <&> guild"}}));
  EXPECT_EQ(r.status, 422);
  EXPECT_EQ(InputValue(r.body, "name"), "Quilters <&> guild");
  EXPECT_NE(r.body.find("Choose at least one phase"), std::string::npos);
  EXPECT_EQ(r.body.find("Quilters <&>"), std::string::npos) << "the name is escaped";
}

TEST(CheckupStartTest, OverlongNameIs422) {
  AppClient c;
  auto r = c.PostForm("/checkup", FormBody({{"name", std::string(201, 'x')}, {"phase", "define"}}));
  EXPECT_EQ(r.status, 422);
  EXPECT_NE(r.body.find("200 characters"), std::string::npos);
}

TEST(CheckupStartTest, UnreadableFormIs400) {
  AppClient c;
  EXPECT_EQ(c.PostForm("/checkup", "name=%ZZ&phase=define").status, 400);
  EXPECT_EQ(c.PostForm("/checkup", "name=%C0%AF&phase=define").status, 400);
}

// ---- the phase page ----

TEST(CheckupPhaseTest, FirstPageShowsTheResumeLinkAndProgress) {
  AppClient c;
  std::string token = Start(c, {"define", "design", "grow"});
  auto r = c.Get(PhasePath(token, "define") + "?started=1");
  ASSERT_EQ(r.status, 200);
  std::string resume = ElementById(r.body, "resume-link");
  EXPECT_NE(resume.find("/checkup/" + token), std::string::npos) << resume;
  EXPECT_NE(r.body.find("Phase 1 of 3"), std::string::npos);
  int total = 0;
  for (const char* p : {"define", "design", "grow"}) total += static_cast<int>(Section(p).questions.size());
  EXPECT_NE(r.body.find("0 of " + std::to_string(total) + " answered"), std::string::npos);
  EXPECT_NE(r.body.find("noindex"), std::string::npos) << "private pages stay out of search engines";
  ASSERT_NE(r.Header("Cache-Control"), nullptr);
  EXPECT_EQ(*r.Header("Cache-Control"), "no-store");

  auto second = c.Get(PhasePath(token, "grow"));
  EXPECT_NE(second.body.find("Phase 3 of 3"), std::string::npos);
  EXPECT_NE(ElementById(second.body, "resume-link").find("/checkup/" + token), std::string::npos)
      << "the link is on every page, not just the first";
}

TEST(CheckupPhaseTest, EachQuestionIsAFieldsetRadioGroupWithWordsAndNotSure) {
  AppClient c;
  std::string token = Start(c, {"define"});
  auto r = c.Get(PhasePath(token, "define"));
  ASSERT_EQ(r.status, 200);
  const auto& bank = TestSite()->bank;
  const auto& section = Section("define");
  EXPECT_GE(section.questions.size(), 8u);
  EXPECT_EQ(Count(r.body, "<fieldset"), 2 * static_cast<int>(section.questions.size()));
  EXPECT_EQ(Count(r.body, "<legend"), 2 * static_cast<int>(section.questions.size()));
  for (const auto& q : section.questions) {
    std::string block = ElementById(r.body, "q-" + q.id);
    ASSERT_FALSE(block.empty()) << q.id;
    EXPECT_EQ(Count(block, "<fieldset"), 2) << q.id;
    for (const std::string which : {"now", "target"}) {
      EXPECT_EQ(RadioValues(block, which + "." + q.id), (std::vector<std::string>{"0", "1", "2", "3", "4", "na"}))
          << q.id;
    }
    for (const auto& point : bank.scale) EXPECT_EQ(Count(block, ">" + point.label), 2) << q.id << " " << point.label;
    EXPECT_EQ(Count(block, bank.not_sure), 2) << q.id;
    // Every radio has a label: one that names it with for=, or one wrapped around it.
    for (const auto& tag : Tags(block, "input")) {
      auto id = cultivate::testing::Attr(tag, "id");
      ASSERT_TRUE(id) << tag;
      size_t at = block.find(tag);
      size_t open = block.rfind("<label", at), close = block.rfind("</label>", at);
      bool wrapped = open != std::string::npos && (close == std::string::npos || open > close);
      bool named = block.find("<label for=\"" + *id + "\"") != std::string::npos;
      EXPECT_TRUE(wrapped || named) << *id << " has no label";
    }
    EXPECT_TRUE(TextareaText(block, "note." + q.id).has_value()) << q.id;
  }
  EXPECT_NE(r.body.find("<form method=\"post\""), std::string::npos);
  EXPECT_EQ(r.body.find("<script"), std::string::npos);
}

TEST(CheckupPhaseTest, InvalidValueIs422KeepingEveryAnswerAndNoteAndSavesNothing) {
  AppClient c;
  std::string token = Start(c, {"define", "design"});
  const auto& section = Section("define");
  const std::string bad = section.questions[0].id;
  Form f = AnswerAll(section, "2", "3", "my <b>note</b> & more");
  for (auto& [k, v] : f)
    if (k == "now." + bad) v = "7";
  std::string prompt;
  if (!section.prompts.empty()) {
    prompt = section.prompts[0].id;
    f.emplace_back("prompt." + prompt, "A vision worth keeping");
  }
  f.emplace_back("go", "next");
  auto r = c.PostForm(PhasePath(token, "define"), FormBody(f));
  ASSERT_EQ(r.status, 422);
  EXPECT_EQ(*r.Header("Content-Type"), "text/html; charset=utf-8");
  int i = 0;
  for (const auto& q : section.questions) {
    ++i;
    std::string block = ElementById(r.body, "q-" + q.id);
    EXPECT_EQ(TextareaText(block, "note." + q.id), "my <b>note</b> & more " + std::to_string(i)) << q.id;
    EXPECT_EQ(CheckedRadio(block, "target." + q.id), "3") << q.id;
    if (q.id == bad) continue;
    EXPECT_EQ(CheckedRadio(block, "now." + q.id), "2") << q.id;
    EXPECT_EQ(block.find("error-message"), std::string::npos) << q.id << " is marked although fine";
  }
  // The error sits next to the field and is listed in a summary that links to it.
  std::string bad_block = ElementById(r.body, "q-" + bad);
  EXPECT_NE(bad_block.find("class=\"error-message\" id=\"err-now-" + bad + "\""), std::string::npos) << bad_block;
  EXPECT_NE(bad_block.find("aria-describedby=\"err-now-" + bad + "\""), std::string::npos);
  std::string summary = ElementById(r.body, "error-summary");
  EXPECT_NE(summary.find("href=\"#q-" + bad + "\""), std::string::npos) << summary;
  EXPECT_EQ(r.body.find("<b>note</b>"), std::string::npos) << "notes are escaped";
  if (!prompt.empty()) { EXPECT_EQ(TextareaText(r.body, "prompt." + prompt), "A vision worth keeping"); }
  // Nothing from that form was saved.
  json api = ApiCheckup(c, token);
  EXPECT_TRUE(api["answers"].empty()) << api.dump();
  EXPECT_TRUE(api["reflections"].empty()) << api.dump();
}

TEST(CheckupPhaseTest, FailedPostLeavesEarlierAnswersAsTheyWere) {
  AppClient c;
  std::string token = Start(c, {"define"});
  const auto& section = Section("define");
  ASSERT_EQ(c.PostForm(PhasePath(token, "define"), FormBody(AnswerAll(section, "1", "4", "first"))).status, 303);
  Form f = AnswerAll(section, "3", "3", "second");
  f.back().second = std::string(4001, 'n');  // the last note is too long
  auto r = c.PostForm(PhasePath(token, "define"), FormBody(f));
  EXPECT_EQ(r.status, 422);
  const std::string last = section.questions.back().id;
  EXPECT_EQ(TextareaText(r.body, "note." + last), std::string(4001, 'n')) << "the long note is kept to shorten";
  EXPECT_NE(ElementById(r.body, "q-" + last).find("4000 characters"), std::string::npos);
  json saved = ApiCheckup(c, token)["answers"];
  for (const auto& a : saved) {
    EXPECT_EQ(a["now"], 1) << a.dump();
    EXPECT_EQ(a["target"], 4) << a.dump();
    EXPECT_EQ(a["note"].get<std::string>().rfind("first", 0), 0u) << a.dump();
  }
}

TEST(CheckupPhaseTest, HalfAnsweredQuestionIsAnErrorNotASilentDrop) {
  AppClient c;
  std::string token = Start(c, {"define"});
  const auto& q = Section("define").questions[0];
  auto only_now = c.PostForm(PhasePath(token, "define"), FormBody({{"now." + q.id, "2"}}));
  EXPECT_EQ(only_now.status, 422);
  EXPECT_EQ(CheckedRadio(only_now.body, "now." + q.id), "2");
  EXPECT_NE(ElementById(only_now.body, "q-" + q.id).find("error-message"), std::string::npos);
  auto only_note = c.PostForm(PhasePath(token, "define"), FormBody({{"note." + q.id, "just a note"}}));
  EXPECT_EQ(only_note.status, 422);
  EXPECT_EQ(TextareaText(only_note.body, "note." + q.id), "just a note");
  EXPECT_TRUE(ApiCheckup(c, token)["answers"].empty());
}

TEST(CheckupPhaseTest, ValidPostSavesAndGoesToTheNextPhase) {
  AppClient c;
  std::string token = Start(c, {"define", "grow"});
  const auto& section = Section("define");
  Form f = AnswerAll(section, "1", "3", "note");
  f.front().second = "na";  // not sure about "now" for the first question
  f.emplace_back("go", "next");
  auto r = c.PostForm(PhasePath(token, "define"), FormBody(f));
  ASSERT_EQ(r.status, 303);
  EXPECT_EQ(*r.Header("Location"), PhasePath(token, "grow"));
  json answers = ApiCheckup(c, token)["answers"];
  ASSERT_EQ(answers.size(), section.questions.size());
  for (const auto& a : answers) {
    if (a["question"] == section.questions[0].id) {
      EXPECT_TRUE(a["now"].is_null()) << "not sure is stored as no value";
    } else {
      EXPECT_EQ(a["now"], 1);
    }
    EXPECT_EQ(a["target"], 3);
  }
  auto next = c.Get(PhasePath(token, "grow"));
  EXPECT_NE(next.body.find("Phase 2 of 2"), std::string::npos);
  size_t total = section.questions.size() + Section("grow").questions.size();
  // "Phase 2 of 2 - 10 of 20 answered", whatever the punctuation.
  std::regex progress("Phase 2 of 2[^0-9<]+" + std::to_string(section.questions.size()) + " of " +
                      std::to_string(total) + " answered");
  EXPECT_TRUE(std::regex_search(next.body, progress)) << ElementById(next.body, "main").substr(0, 1500);
  // The last phase goes to the results.
  auto last = c.PostForm(PhasePath(token, "grow"), FormBody(AnswerAll(Section("grow"), "2", "2")));
  ASSERT_EQ(last.status, 303);
  EXPECT_EQ(*last.Header("Location"), "/checkup/" + token + "/results");
}

TEST(CheckupPhaseTest, BackStayAndResultsButtons) {
  AppClient c;
  std::string token = Start(c, {"define", "design"});
  Form f = AnswerAll(Section("design"), "2", "3");
  Form back = f, stay = f, results = f;
  back.emplace_back("go", "prev");
  stay.emplace_back("go", "stay");
  results.emplace_back("go", "results");
  EXPECT_EQ(*c.PostForm(PhasePath(token, "design"), FormBody(back)).Header("Location"), PhasePath(token, "define"));
  EXPECT_EQ(*c.PostForm(PhasePath(token, "design"), FormBody(stay)).Header("Location"),
            PhasePath(token, "design") + "?saved=1");
  EXPECT_EQ(*c.PostForm(PhasePath(token, "design"), FormBody(results)).Header("Location"),
            "/checkup/" + token + "/results");
  auto saved = c.Get(PhasePath(token, "design") + "?saved=1");
  EXPECT_NE(saved.body.find("Your answers are saved"), std::string::npos);
}

TEST(CheckupPhaseTest, SavedAnswersAreShownCheckedWhenComingBack) {
  AppClient c;
  std::string token = Start(c, {"define"});
  const auto& section = Section("define");
  Form f = AnswerAll(section, "0", "4", "kept \"quoted\" <note>");
  f[0].second = "na";
  ASSERT_EQ(c.PostForm(PhasePath(token, "define"), FormBody(f)).status, 303);
  // A later visit: a request that carries no cookie, only the link.
  auto r = c.Get(PhasePath(token, "define"));
  ASSERT_EQ(r.status, 200);
  int i = 0;
  for (const auto& q : section.questions) {
    ++i;
    EXPECT_EQ(CheckedRadio(r.body, "now." + q.id), i == 1 ? "na" : "0") << q.id;
    EXPECT_EQ(CheckedRadio(r.body, "target." + q.id), "4") << q.id;
    EXPECT_EQ(TextareaText(r.body, "note." + q.id), "kept \"quoted\" <note> " + std::to_string(i)) << q.id;
  }
}

TEST(CheckupPhaseTest, PhaseOutsideTheCheckupIs404) {
  AppClient c;
  std::string token = Start(c, {"define"});
  EXPECT_EQ(c.Get(PhasePath(token, "grow")).status, 404);
  EXPECT_EQ(c.Get(PhasePath(token, "nonsense")).status, 404);
  EXPECT_EQ(c.PostForm(PhasePath(token, "grow"), FormBody(AnswerAll(Section("grow"), "1", "1"))).status, 404);
  EXPECT_TRUE(ApiCheckup(c, token)["answers"].empty());
}

TEST(CheckupPhaseTest, AnswersForAnotherPhaseInTheFormAreIgnored) {
  AppClient c;
  std::string token = Start(c, {"define", "design"});
  Form f = AnswerAll(Section("define"), "1", "2");
  Form other = AnswerAll(Section("design"), "4", "4");
  f.insert(f.end(), other.begin(), other.end());
  ASSERT_EQ(c.PostForm(PhasePath(token, "define"), FormBody(f)).status, 303);
  json saved = ApiCheckup(c, token)["answers"];
  for (const auto& a : saved)
    EXPECT_EQ(a["question"].get<std::string>().rfind("define-", 0), 0u) << a.dump();
}

// ---- overview, results, plan ----

TEST(CheckupOverviewTest, ShowsProgressAndContinueLink) {
  AppClient c;
  std::string token = Start(c, {"define", "design"});
  ASSERT_EQ(c.PostForm(PhasePath(token, "define"), FormBody(AnswerAll(Section("define"), "1", "2"))).status, 303);
  auto r = c.Get("/checkup/" + token);
  ASSERT_EQ(r.status, 200);
  EXPECT_NE(r.body.find("Tea club"), std::string::npos);
  size_t n = Section("define").questions.size(), total = n + Section("design").questions.size();
  EXPECT_NE(r.body.find(std::to_string(n) + " of " + std::to_string(total) + " statements answered"), std::string::npos);
  auto hrefs = Hrefs(r.body);
  EXPECT_NE(std::find(hrefs.begin(), hrefs.end(), PhasePath(token, "design")), hrefs.end());
  EXPECT_NE(r.body.find("Continue where you left off"), std::string::npos);
}

/// A check-up of the define phase with big gaps, notes and a reflection.
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
  EXPECT_EQ(Count(html, "<article class=\"area\">"), static_cast<int>(areas));
  size_t pos = html.find("<article class=\"area\">");
  for (size_t i = 0; i < areas; ++i) {
    size_t end = html.find("</article>", pos);
    std::string area = html.substr(pos, end - pos);
    EXPECT_NE(area.find("<h3>" + std::to_string(i + 1) + ". "), std::string::npos) << area.substr(0, 200);
    EXPECT_NE(area.find("/guide/practices/"), std::string::npos) << "area " << i + 1 << " has no practice link";
    EXPECT_NE(area.find("/guide/examples/"), std::string::npos) << "area " << i + 1 << " has no example link";
    EXPECT_NE(area.find("Next step:"), std::string::npos);
    pos = html.find("<article class=\"area\">", end);
  }
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

Form PlanForm(const std::string& due) {
  return {{"vision", "A lively <community>"}, {"goals", "Monthly meetings"}, {"strategies", "Rotate hosts"},
          {"item.0.what", "Book a room"},       {"item.0.owner", "Ana"},       {"item.0.due", due},
          {"item.0.status", "doing"},           {"item.1.what", "Write the charter"}, {"item.1.owner", ""},
          {"item.1.due", ""},                   {"item.1.status", "todo"},     {"go", "save"}};
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

// ---- links that lead nowhere ----

TEST(CheckupNotFoundTest, UnknownOrMalformedTokenIs404PageOnEveryRoute) {
  AppClient c;
  std::string real = Start(c, {"define"});
  std::string unknown(43, 'A');
  std::vector<std::string> tokens = {unknown, "abc", real + "x", real.substr(0, 42), real.substr(0, 42) + ".",
                                     "..%2f..%2fetc", std::string(44, 'a')};
  for (const auto& token : tokens) {
    for (std::string suffix : {"", "/phase/define", "/results", "/plan", "/print", "/export.md", "/export.csv",
                               "/export.json"}) {
      auto r = c.Get("/checkup/" + token + suffix);
      EXPECT_EQ(r.status, 404) << token << suffix;
      EXPECT_EQ(*r.Header("Content-Type"), "text/html; charset=utf-8") << token << suffix;
      EXPECT_TRUE(InSiteDesign(r.body)) << token << suffix;
    }
    EXPECT_EQ(c.PostForm("/checkup/" + token + "/phase/define", "now.x=1").status, 404) << token;
    EXPECT_EQ(c.PostForm("/checkup/" + token + "/plan", "vision=x").status, 404) << token;
  }
  EXPECT_NE(c.Get("/checkup/" + unknown).body.find("could not find a check-up"), std::string::npos);
}

// ---- over the real server, with a second client for the resume link ----

TEST(CheckupServerTest, WholeFlowOverHttpWithResumeFromAnotherClient) {
  cultivate::testing::ServerProcess server;
  httplib::Client a("127.0.0.1", server.port());
  auto started = a.Post("/checkup", FormBody({{"name", "Makers"}, {"phase", "define"}, {"phase", "design"}}),
                        "application/x-www-form-urlencoded");
  ASSERT_TRUE(started);
  ASSERT_EQ(started->status, 303);
  std::string loc = started->get_header_value("Location");
  std::string token = TokenFromLocation(loc);
  ASSERT_EQ(token.size(), 43u);
  auto first = a.Get(loc.c_str());
  ASSERT_TRUE(first);
  EXPECT_EQ(first->status, 200);
  EXPECT_NE(first->body.find("/checkup/" + token), std::string::npos);

  const auto& section = Section("define");
  Form f = AnswerAll(section, "1", "3", "over http");
  auto saved = a.Post(PhasePath(token, "define").c_str(), FormBody(f), "application/x-www-form-urlencoded");
  ASSERT_TRUE(saved);
  ASSERT_EQ(saved->status, 303);
  EXPECT_EQ(saved->get_header_value("Location"), PhasePath(token, "design"));

  // Someone else, on another device, with only the link.
  httplib::Client b("127.0.0.1", server.port());
  auto resumed = b.Get(PhasePath(token, "define").c_str());
  ASSERT_TRUE(resumed);
  ASSERT_EQ(resumed->status, 200);
  EXPECT_TRUE(resumed->get_header_value("Set-Cookie").empty()) << "the link alone is enough";
  for (const auto& q : section.questions) {
    EXPECT_EQ(CheckedRadio(resumed->body, "now." + q.id), "1") << q.id;
    EXPECT_EQ(CheckedRadio(resumed->body, "target." + q.id), "3") << q.id;
  }
  EXPECT_EQ(TextareaText(resumed->body, "note." + section.questions[0].id), "over http 1");

  for (std::string suffix : {"", "/results", "/plan", "/print"}) {
    auto r = b.Get(("/checkup/" + token + suffix).c_str());
    ASSERT_TRUE(r) << suffix;
    EXPECT_EQ(r->status, 200) << suffix;
  }
  auto plan = b.Post(("/checkup/" + token + "/plan").c_str(), FormBody(PlanForm("2027-01-15")),
                     "application/x-www-form-urlencoded");
  ASSERT_TRUE(plan);
  EXPECT_EQ(plan->status, 303);
  auto csv = a.Get(("/checkup/" + token + "/export.csv").c_str());
  ASSERT_TRUE(csv);
  EXPECT_EQ(csv->status, 200);
  EXPECT_EQ(csv->get_header_value("Content-Type"), "text/csv; charset=utf-8");
  EXPECT_NE(csv->body.find("Book a room"), std::string::npos) << "the plan saved by the other client";
  EXPECT_EQ(b.Get(("/checkup/" + std::string(43, 'Z')).c_str())->status, 404);
}

}  // namespace
}  // namespace cultivate::web
