#include "view/charts.h"

#include <gtest/gtest.h>

#include <regex>

namespace cultivate::view {
namespace {

int Count(const std::string& s, const std::string& needle) {
  int n = 0;
  for (size_t p = s.find(needle); p != std::string::npos; p = s.find(needle, p + 1)) ++n;
  return n;
}

TEST(NowTargetSvgTest, EscapesLabelsAndTitleId) {
  std::vector<Bar> bars = {{"<script>alert('x')</script> & \"co\"", 40.0, 80.0}};
  std::string svg = NowTargetSvg(bars, "t\"><script>");
  EXPECT_EQ(svg.find("<script>"), std::string::npos) << svg;
  EXPECT_NE(svg.find("&lt;script&gt;alert("), std::string::npos) << svg;
  EXPECT_NE(svg.find("&amp; &quot;co&quot;"), std::string::npos) << svg;
  EXPECT_NE(svg.find("data-for=\"t&quot;&gt;&lt;script&gt;\""), std::string::npos) << svg;
}

TEST(NowTargetSvgTest, IsDecorativeSvgWithOneRowPerLabel) {
  std::vector<Bar> bars = {{"Domain", 25.0, 75.0}, {"Community", 50.0, 50.0}, {"Practice", 0.0, 100.0}};
  std::string svg = NowTargetSvg(bars, "element-table");
  EXPECT_EQ(svg.rfind("<svg", 0), 0u);
  EXPECT_EQ(svg.substr(svg.size() - 6), "</svg>");
  EXPECT_NE(svg.find("aria-hidden=\"true\""), std::string::npos) << "the table next to it carries the data";
  EXPECT_NE(svg.find("xmlns=\"http://www.w3.org/2000/svg\""), std::string::npos);
  EXPECT_EQ(Count(svg, "class=\"now\""), 3);
  EXPECT_EQ(Count(svg, "class=\"target\""), 3);
  EXPECT_NE(svg.find(">Domain<"), std::string::npos);
  EXPECT_NE(svg.find(">Community<"), std::string::npos);
  EXPECT_NE(svg.find(">Practice<"), std::string::npos);
  EXPECT_NE(svg.find(">75<"), std::string::npos);  // value labels, rounded
}

double RectWidth(const std::string& svg, const std::string& cls, int index) {
  std::regex re("<rect class=\"" + cls + "\"[^>]* width=\"([0-9.]+)\"");
  int i = 0;
  for (std::sregex_iterator it(svg.begin(), svg.end(), re), end; it != end; ++it, ++i)
    if (i == index) return std::stod((*it)[1].str());
  return -1;
}

TEST(NowTargetSvgTest, BarLengthsAreProportionalAndClamped) {
  std::vector<Bar> bars = {{"a", 25.0, 100.0}, {"b", 150.0, -20.0}};
  std::string svg = NowTargetSvg(bars, "x");
  double quarter = RectWidth(svg, "now", 0), full = RectWidth(svg, "target", 0);
  ASSERT_GT(quarter, 0);
  EXPECT_NEAR(full / quarter, 4.0, 0.05);
  EXPECT_NEAR(RectWidth(svg, "now", 1), full, 0.05) << "150 is drawn as 100";
  EXPECT_GT(RectWidth(svg, "target", 1), 0) << "a negative value still leaves a visible sliver";
  EXPECT_LT(RectWidth(svg, "target", 1), quarter);
}

TEST(NowTargetSvgTest, MissingValuesSayNoAnswers) {
  std::vector<Bar> bars = {{"Unanswered", std::nullopt, std::nullopt}, {"Half", 30.0, std::nullopt}};
  std::string svg = NowTargetSvg(bars, "x");
  EXPECT_EQ(Count(svg, "no answers"), 3);
  EXPECT_EQ(Count(svg, "<rect"), 1);
}

TEST(NowTargetSvgTest, EmptyChartIsStillValidSvg) {
  std::string svg = NowTargetSvg({}, "x");
  EXPECT_EQ(svg.rfind("<svg", 0), 0u);
  EXPECT_EQ(svg.substr(svg.size() - 6), "</svg>");
  EXPECT_EQ(Count(svg, "<rect"), 0);
}

TEST(PhaseTimelineSvgTest, EscapesTitlesAndStages) {
  nlohmann::json phases = nlohmann::json::array(
      {{{"order", 1}, {"title", "Define <b>&</b>"}, {"stage", "Potential \"x\""}},
       {{"order", 2}, {"title", "Design"}, {"stage", "Coalescing"}}});
  std::string svg = PhaseTimelineSvg(phases);
  EXPECT_EQ(svg.find("<b>"), std::string::npos) << svg;
  EXPECT_NE(svg.find("Define &lt;b&gt;&amp;&lt;/b&gt;"), std::string::npos) << svg;
  EXPECT_NE(svg.find("Potential &quot;x&quot;"), std::string::npos) << svg;
  EXPECT_EQ(Count(svg, "<circle"), 2);
  EXPECT_NE(svg.find("aria-hidden=\"true\""), std::string::npos);
}

TEST(PhaseTimelineSvgTest, NoPhasesNoSvg) {
  EXPECT_EQ(PhaseTimelineSvg(nlohmann::json::array()), "");
}

}  // namespace
}  // namespace cultivate::view
