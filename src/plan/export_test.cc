#include "plan/export.h"

#include <gtest/gtest.h>

#include "assess/test_support.h"
#include "content/messages.h"
#include "plan/csv.h"
#include "testing/server_process.h"

namespace cultivate::plan {
namespace {

using assess::LabelKind;
using assess::test::A;
using assess::test::kAllPhases;
using assess::test::MakeBank;
using assess::test::Q;

TEST(CsvTest, NeutralisesFormulaStarts) {
  EXPECT_EQ(Neutralise("=SUM(A1)"), "'=SUM(A1)");
  EXPECT_EQ(Neutralise("+1"), "'+1");
  EXPECT_EQ(Neutralise("-1"), "'-1");
  EXPECT_EQ(Neutralise("@cmd"), "'@cmd");
  EXPECT_EQ(Neutralise("\tx"), "'\tx");
  EXPECT_EQ(Neutralise("\rx"), "'\rx");
  EXPECT_EQ(Neutralise("a=b"), "a=b");
  EXPECT_EQ(Neutralise(""), "");
}

TEST(CsvTest, NeutralisesFormulasAfterBlanksAndInFullWidth) {
  for (std::string s : {" =1+1", "  +1", "\t=HYPERLINK(\"x\")", "\n@SUM(A1)", "\r\n-2",
                        "\xC2\xA0=1", "\xE3\x80\x80=1", "\xEF\xBC\x9D" "1+1", " \xEF\xBC\xA0" "cmd",
                        "\xEF\xBC\x8B" "1", "\xEF\xBC\x8D" "1"})
    EXPECT_EQ(Neutralise(s), "'" + s) << s;
  for (std::string s : {" plain", "  a=b", "x =1", "\xE3\x80\x80text"})
    EXPECT_EQ(Neutralise(s), s) << s;
}

TEST(CsvTest, QuotesCommasQuotesAndNewlines) {
  EXPECT_EQ(CsvField(CsvCell::Text("plain")), "plain");
  EXPECT_EQ(CsvField(CsvCell::Text("Smith, J.")), "\"Smith, J.\"");
  EXPECT_EQ(CsvField(CsvCell::Text("say \"hi\"")), "\"say \"\"hi\"\"\"");
  EXPECT_EQ(CsvField(CsvCell::Text("two\nlines")), "\"two\nlines\"");
  EXPECT_EQ(CsvField(CsvCell::Text("cr\rhere")), "\"cr\rhere\"");
  // Neutralised first, then quoted: the quote is inside.
  EXPECT_EQ(CsvField(CsvCell::Text("=1,2")), "\"'=1,2\"");
  EXPECT_EQ(CsvField(CsvCell::Text("\r=x")), "\"'\r=x\"");
  // Our own numbers stay numbers, negative ones too.
  EXPECT_EQ(CsvField(CsvCell::Number(-12.5)), "-12.5");
  EXPECT_EQ(CsvField(CsvCell::Number(std::nullopt)), "");
  EXPECT_EQ(CsvLine({CsvCell::Text("a"), CsvCell::Integer(3), CsvCell::Text("")}), "a,3,\r\n");
}

TEST(CsvTest, FormatsNumbersWithOneDecimalAtMost) {
  EXPECT_EQ(FormatNumber(37.5), "37.5");
  EXPECT_EQ(FormatNumber(50.0), "50");
  EXPECT_EQ(FormatNumber(100.0 / 3.0), "33.3");
  EXPECT_EQ(FormatNumber(-0.04), "0");
  EXPECT_EQ(FormatNumber(-25), "-25");
}

/// A small check-up: define-a (1,3) with a note, define-b not sure, design-a (3,2).
struct Fixture {
  assess::Bank bank =
      MakeBank({Q("define-a", "domain", {"rhythm"}), Q("define-b", "domain", {"rhythm"}),
                Q("design-a", "community", {"focus-on-value"})},
               {assess::Prompt{"define-vision", "define", "What is it for?", "vision"}});
  std::vector<model::Answer> answers = {A("define-a", 1, 3, "=HYPERLINK(\"http://x\")"),
                                        A("define-b", std::nullopt, std::nullopt),
                                        A("design-a", 3, 2, "We said \"good\",\nmostly")};
  assess::Results results = assess::ScoreCheckup(bank, {answers}, kAllPhases);
  std::vector<model::Reflection> reflections = {{"define-vision", "<b>Learn</b> *together*"}};
  model::Plan plan = [] {
    model::Plan p;
    p.vision = "<b>Learn</b> *together*";
    p.items.push_back({"=SUM(A1)", "Smith, J.", "2026-03-01", "todo", "define-a"});
    return p;
  }();
  assess::Labels labels = [](LabelKind kind, const std::string& id) -> std::string {
    if (kind == LabelKind::kPrinciple && id == "rhythm") return "Create a rhythm";
    if (kind == LabelKind::kPractice) return "Practice " + id;
    return "";
  };
  ExportInput Input() const {
    static const content::Messages words =
        content::Messages::Load(testing::SourceDir() / "content" / "messages.toml").value();
    return {bank, "Nurses, \"north\"", results, answers, reflections, plan, labels,
            [](const Message& m) { return words.Text(m); }};
  }
};

TEST(ExportTest, CsvNeutralisesAndQuotesUserText) {
  Fixture f;
  std::string csv = ToCsv(f.Input());
  EXPECT_TRUE(
      csv.starts_with("section,id,title,now_pct,target_pct,gap_pct,answered,answer_now,"
                      "answer_target,owner,due,status,note\r\n"));
  EXPECT_NE(csv.find("action,define-a,'=SUM(A1),,,,,,,\"Smith, J.\",2026-03-01,todo,\r\n"),
            std::string::npos)
      << csv;
  EXPECT_NE(csv.find("\"'=HYPERLINK(\"\"http://x\"\")\""), std::string::npos) << csv;
  EXPECT_NE(csv.find("\"We said \"\"good\"\",\nmostly\""), std::string::npos) << csv;
  EXPECT_NE(csv.find("overall,overall,\"Nurses, \"\"north\"\"\",50,62.5,12.5,2,"),
            std::string::npos)
      << csv;
  // design-a (3,2): gap -25 stays a number.
  EXPECT_NE(csv.find("phase,design,Title of design,75,50,-25,1,"), std::string::npos) << csv;
  EXPECT_NE(csv.find("answer,define-b,Text of define-b,,,,,,,,,,\r\n"), std::string::npos) << csv;
  EXPECT_NE(csv.find("area,rhythm,Create a rhythm,,,50,,,,,,,Recommendation of define-a\r\n"),
            std::string::npos)
      << csv;
  EXPECT_EQ(csv.find("\n="), std::string::npos);
  EXPECT_EQ(csv.find(",="), std::string::npos);
}

TEST(ExportTest, MarkdownEscapesUserText) {
  Fixture f;
  std::string md = ToMarkdown(f.Input());
  EXPECT_TRUE(md.starts_with("# Nurses, \"north\"\n")) << md;
  EXPECT_NE(md.find("\\<b\\>Learn\\</b\\> \\*together\\*"), std::string::npos) << md;
  EXPECT_EQ(md.find("<b>"), std::string::npos);
  EXPECT_NE(md.find("| Title of define | 25% | 75% | 50 | 1 of 2 |"), std::string::npos) << md;
  EXPECT_NE(md.find("The community is in the **Title of define** phase."), std::string::npos);
  EXPECT_NE(md.find("[Practice define-a-practice](/guide/practices/define-a-practice)"),
            std::string::npos);
  EXPECT_NE(md.find("| Text of define-a | 1 (L1) | 3 (L3) |"), std::string::npos) << md;
  EXPECT_NE(md.find("| Text of define-b | Not sure | Not sure |"), std::string::npos) << md;
  // A note's newline does not break the table row.
  EXPECT_NE(md.find("We said \"good\", mostly |"), std::string::npos) << md;
  EXPECT_NE(md.find("| =SUM(A1) | Smith, J. | 2026-03-01 | todo |"), std::string::npos) << md;
}

TEST(ExportTest, JsonHoldsResultsPlanAndAnswers) {
  Fixture f;
  nlohmann::json j = ToJson(f.Input());
  EXPECT_EQ(j["response"]["name"], "Nurses, \"north\"");
  EXPECT_EQ(j["response"]["bank_version"], "test");
  const auto& results = j["results"];
  EXPECT_EQ(results["overall"]["now"], 50.0);  // mean of 25 and 75
  EXPECT_EQ(results["overall"]["answered"], 2);
  EXPECT_EQ(results["phases"][0]["id"], "define");
  EXPECT_EQ(results["phases"][0]["title"], "Title of define");
  EXPECT_TRUE(results["phases"][2]["now"].is_null());  // grow: no questions
  EXPECT_TRUE(results["phases"][2]["gap"].is_null());
  EXPECT_EQ(results["placement"]["phase"], "define");
  EXPECT_EQ(results["placement"]["reasons"].size(), 5u);
  const auto& area = results["improvement_areas"][0];
  EXPECT_EQ(area["title"], "Create a rhythm");
  EXPECT_EQ(area["gap"], 50.0);
  EXPECT_EQ(area["recommendation"], "Recommendation of define-a");
  EXPECT_EQ(area["links"][0]["href"], "/guide/practices/define-a-practice");
  EXPECT_EQ(area["links"][0]["title"], "Practice define-a-practice");
  EXPECT_EQ(area["links"][1]["href"], "/guide/examples/define-a-example");
  EXPECT_EQ(area["links"][1]["title"], "define-a-example");  // no label: the id
  EXPECT_TRUE(results["strengths"].is_array());
  EXPECT_EQ(results["questions"][0]["title"], "Text of define-a");
  EXPECT_EQ(j["plan"]["items"][0]["what"], "=SUM(A1)");  // JSON needs no neutralising
  EXPECT_EQ(j["plan"]["vision"], "<b>Learn</b> *together*");
  EXPECT_TRUE(j["answers"][1]["now"].is_null());
  EXPECT_EQ(j["answers"][0]["now"], 1);
  EXPECT_EQ(j["reflections"][0]["prompt"], "define-vision");
}

}  // namespace
}  // namespace cultivate::plan
