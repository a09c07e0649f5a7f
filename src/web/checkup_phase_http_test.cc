// The check-up's phase pages without JavaScript: questions, saving, errors, navigation.
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

}  // namespace
}  // namespace cultivate::web
