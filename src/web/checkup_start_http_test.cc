// Starting a check-up and coming back to it: start form, overview, dead links, whole flow.
#include <gtest/gtest.h>
#include "testing/http_client.h"

#include <algorithm>
#include <regex>

#include "testing/app_client.h"
#include "testing/html_scan.h"
#include "testing/server_process.h"
#include "web/checkup_test_support.h"

namespace cultivate::web {
namespace {

using namespace cultivate::testing;
using nlohmann::json;
using namespace test;  // Form, Start, AnswerAll, PlanForm, ApiCheckup, PhasePath, Section, ...

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
